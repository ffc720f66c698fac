using System.Net;
using System.Net.Sockets;
using Convene.Cms.Simulator;
using Microsoft.Extensions.Options;

// dotnet run --project src/Convene.Cms.Simulator -- --nodes 3 [--base-port 9441] [--urls http://127.0.0.1:9440] [--password secret] [--version 2.0] [--https true]
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["CmsSimulator:BasePort"] = "9441",
    ["CmsSimulator:TraceToConsole"] = "true",
});
builder.Configuration.AddCommandLine(args, new Dictionary<string, string>
{
    ["--nodes"] = "CmsSimulator:Nodes",
    ["--base-port"] = "CmsSimulator:BasePort",
    ["--user"] = "CmsSimulator:Username",
    ["--password"] = "CmsSimulator:Password",
    ["--version"] = "CmsSimulator:SoftwareVersion",
    ["--trace"] = "CmsSimulator:TraceToConsole",
    ["--https"] = "Https",
});
// Ports another simulator (or Convene's demo) holds are not fought over: free ports are used, and said so.
var basePort = builder.Configuration.GetValue<int>("CmsSimulator:BasePort");
var nodes = builder.Configuration.GetValue("CmsSimulator:Nodes", 2);
if (basePort > 0 && basePort + nodes - 1 <= 65535 && Enumerable.Range(basePort, nodes).FirstOrDefault(p => !Ports.IsFree(p)) is var takenNode and > 0)
{
    Console.WriteLine($"Port {takenNode} is taken (is Convene's demo or another simulator running?): the nodes listen on free ports instead. Choose them with --base-port P.");
    builder.Configuration["CmsSimulator:BasePort"] = "0";
}
var urls = (builder.Configuration["urls"] ?? "http://127.0.0.1:9440").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
for (var i = 0; i < urls.Length; i++)
{
    if (Uri.TryCreate(urls[i], UriKind.Absolute, out var url) && url.Port > 0 && !Ports.IsFree(url.Port))
    {
        Console.WriteLine($"Port {url.Port} is taken: the pages and control API listen on a free port instead. Choose it with --urls http://127.0.0.1:P.");
        urls[i] = new UriBuilder(url) { Port = 0 }.Uri.GetLeftPart(UriPartial.Authority);
    }
}
builder.WebHost.UseUrls(urls);
var certificate = builder.Configuration.GetValue<bool>("Https") ? SelfSignedCertificate.Create() : null;
builder.AddCmsSimulator();
builder.Services.PostConfigure<CmsSimulatorOptions>(o => o.Certificate ??= certificate);

var app = builder.Build();
app.MapCmsSimulator();
app.Lifetime.ApplicationStarted.Register(() =>
{
    var cluster = app.Services.GetRequiredService<SimCluster>();
    Console.WriteLine($"Simulated CMS cluster ({cluster.Options.SoftwareVersion}), pages and control API at {string.Join(", ", app.Urls)}");
    foreach (var node in cluster.Nodes)
    {
        Console.WriteLine($"  {node.Name}: {node.ApiUrl}/api/v1  user {node.Username}  password {node.Password}");
    }
    if (certificate is not null)
    {
        Console.WriteLine($"  HTTPS certificate SHA-256 fingerprint: {SelfSignedCertificate.Sha256Fingerprint(certificate)}");
    }
});
try
{
    app.Run();
}
catch (Exception e) when (e is IOException or OptionsValidationException)
{
    // A port taken between the check and the start, or a wrong option: one line, no stack trace.
    Console.Error.WriteLine($"The simulator could not start: {e.Message}");
    return 1;
}
return 0;

/// <summary>Whether a loopback port can be listened on now.</summary>
internal static class Ports
{
    public static bool IsFree(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
