using Microsoft.Extensions.Options;

namespace Convene;

/// <summary>Configuration errors end the start with one line that names the key, and exit code 1.</summary>
internal static class StartupErrors
{
    /// <summary>Runs the options validation (<c>ValidateOnStart</c>) now, before any hosted service, so a
    /// wrong value is reported before the database or the first administrator is made.</summary>
    public static void ValidateOptions(IServiceProvider services) => services.GetService<IStartupValidator>()?.Validate();

    /// <summary>True when Convene runs as its own process; under WebApplicationFactory errors propagate to the test.</summary>
    public static bool IsThisProcess => System.Reflection.Assembly.GetEntryAssembly() == typeof(StartupErrors).Assembly;

    /// <summary>One line for a configuration error; null for any other failure (which keeps its stack trace).</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException options => OneLine(string.Join("; ", options.Failures)),
        // The binder names the key and the type: "Failed to convert configuration value 'x' at 'Convene:Status:Interval' to type 'System.TimeSpan'."
        InvalidOperationException binder when binder.TargetSite?.DeclaringType?.FullName == "Microsoft.Extensions.Configuration.ConfigurationBinder" => OneLine(binder.Message),
        AggregateException aggregate when aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(e => Describe(e) is not null) =>
            string.Join("; ", aggregate.InnerExceptions.Select(e => Describe(e))),
        _ => null,
    };

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
