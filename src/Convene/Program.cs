using Convene;
using Convene.Accounts;
using Convene.Bridges;
using Convene.Data;
using Convene.Demo;
using Convene.Lifecycle;
using Convene.Live;
using Convene.Meetings;
using Convene.Status;
using Convene.Tickets;
using Convene.Ui;

try
{
    var builder = WebApplication.CreateBuilder(args);

    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = StatusProblems.Describe);
    builder.Services.AddExceptionHandler<ProblemMapping>();
    builder.Services.AddOpenApi();
    builder.AddData();
    builder.AddAccounts();
    builder.AddBridges();
    builder.AddStatus();
    builder.AddDemo();
    builder.AddLive();
    builder.AddLifecycle();
    builder.AddMeetings();
    builder.AddUi();

    var app = builder.Build();
    // Every option is checked before anything starts: no database or first administrator on a bad value.
    StartupErrors.ValidateOptions(app.Services);

    app.UseForwardedHeaders();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseRateLimiter();
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseAntiforgery();

    app.MapOpenApi();
    app.MapAccounts();
    app.MapUsers();
    app.MapBridges();
    app.MapTickets();
    app.MapStatus();
    app.MapLive();
    app.MapLifecycle();
    app.MapMeetings();
    app.MapUi();

    app.Run();
    return 0;
}
catch (Exception e) when (StartupErrors.IsThisProcess && StartupErrors.Describe(e) is { } line)
{
    Console.Error.WriteLine($"Convene cannot start: {line}");
    return 1;
}

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
