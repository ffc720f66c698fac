using Convene.Cms.Simulator;

// dotnet run --project src/Convene.Cms.Simulator -- --nodes 3 [--base-port 9441] [--password secret] [--version 2.0] [--https true]
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
if (builder.Configuration["urls"] is null && builder.Configuration["ASPNETCORE_URLS"] is null)
{
    builder.WebHost.UseUrls("http://127.0.0.1:9440");
}
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
app.Run();
