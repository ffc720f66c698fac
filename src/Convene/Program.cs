using Convene.Accounts;
using Convene.Bridges;
using Convene.Data;
using Convene.Demo;
using Convene.Meetings;
using Convene.Status;
using Convene.Tickets;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemMapping>();
builder.Services.AddOpenApi();
builder.AddData();
builder.AddAccounts();
builder.AddBridges();
builder.AddStatus();
builder.AddDemo();
builder.AddMeetings();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.MapAccounts();
app.MapBridges();
app.MapTickets();
app.MapStatus();
app.MapMeetings();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
