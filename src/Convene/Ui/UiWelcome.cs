using Convene.Accounts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Convene.Ui;

/// <summary>
/// Once Convene listens, says where to point a browser and how to sign in: the first address it listens on (a
/// wildcard host shown as <c>localhost</c>) and the first administrator's name, with the file that holds a generated
/// password (<see cref="FirstAdministrator"/>) when there is one. The password itself is never logged.
/// </summary>
internal sealed partial class UiWelcome(IHostApplicationLifetime lifetime, IServer server, IOptions<AccountsOptions> accounts,
    IHostEnvironment environment, ILogger<UiWelcome> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Welcome);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Welcome()
    {
        if (!logger.IsEnabled(LogLevel.Information) || server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is not { } address)
        {
            return;
        }
        var file = Path.Combine(environment.ContentRootPath, "initial-admin-password.txt");
        var password = string.IsNullOrEmpty(accounts.Value.Password) && File.Exists(file) ? $"the password in {file}" : "the administrator's password";
        var browsable = Browsable(address);
        Ready(logger, browsable, accounts.Value.UserName, password);
    }

    /// <summary><paramref name="address"/> with a wildcard host (<c>0.0.0.0</c>, <c>[::]</c>, <c>+</c>, <c>*</c>) as <c>localhost</c>.</summary>
    internal static string Browsable(string address)
    {
        foreach (var wildcard in new[] { "://0.0.0.0", "://[::]", "://+", "://*" })
        {
            if (address.Contains(wildcard, StringComparison.Ordinal))
            {
                return address.Replace(wildcard, "://localhost", StringComparison.Ordinal);
            }
        }
        return address;
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Convene is ready: open {Address} in a browser and sign in as {UserName} with {Password}")]
    private static partial void Ready(ILogger logger, string address, string userName, string password);
}
