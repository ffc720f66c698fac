using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Convene.Accounts;
using Convene.Bridges;
using Convene.Meetings;
using Convene.Placeholders;

namespace Convene.Tests.Meetings;

/// <summary>
/// The base of the booking tests: Convene on a fresh database with bookable bridges written straight into it
/// (booking reads only the database, so no simulated cluster is needed), and clients for users of each role.
/// The clock starts at 2026-11-25 09:00 UTC.
/// </summary>
public abstract class BookingTest(DatabaseKind kind, PostgresServer? postgres) : ServiceTest(kind, postgres)
{
    protected static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    protected ConveneFactory Convene { get; private set; } = null!;

    protected HttpClient Admin { get; private set; } = null!;

    protected async Task StartAsync(Action<IDictionary<string, string?>>? settings = null)
    {
        Convene = await StartConveneAsync(settings);
        Admin = Convene.Client();
    }

    /// <summary>A bookable bridge (Active, provisioning Complete) with placeholders numbered from 1000.</summary>
    protected Task<Guid> AddBridgeAsync(int placeholders, string name = "Oslo", bool allowBooking = true, string? webBridge = "https://join.example.com") =>
        Convene.DbAsync(async db =>
        {
            var bridge = new Bridge
            {
                Id = Guid.NewGuid(),
                Name = name,
                Address = "127.0.0.1:9", // never dialled by the tests; loopback only
                State = BridgeState.Active,
                Domain = "video.example.com",
                NumericIdBase = 1000,
                NumericIdQuantity = placeholders,
                AllowBooking = allowBooking,
                WebBridgeUri = webBridge,
                Provisioning = ProvisioningState.Complete,
                AddedUtc = Convene.Clock.GetUtcNow(),
            };
            db.Bridges.Add(bridge);
            for (var i = 0; i < placeholders; i++)
            {
                db.Placeholders.Add(new Placeholder { Id = Guid.NewGuid(), BridgeId = bridge.Id, NumericId = 1000 + i, SpaceId = Guid.NewGuid().ToString(), Name = $"TMS_Scheduled_Meeting_{1000 + i}" });
            }
            await db.SaveChangesAsync(Ct);
            return bridge.Id;
        });

    /// <summary>A user of the role and a client signed in as them.</summary>
    protected async Task<HttpClient> UserAsync(string name, Role role)
    {
        var password = "password-" + name;
        var response = await Admin.PostAsJsonAsync("/api/users", new { userName = name, password, role = role.ToString() }, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return Convene.Client(name, password);
    }

    protected static object Request(string start = "2026-12-01T10:00:00", string end = "2026-12-01T11:00:00", string title = "Board meeting",
        string timeZone = "Europe/Oslo", string? recurrence = null, Guid? bridgeId = null, object[]? participants = null, string? pin = null,
        int? earlyJoinMinutes = null, string[]? exceptionDates = null, string? organizer = null) =>
        new { title, start, end, timeZone, recurrence, bridgeId, participants, pin, earlyJoinMinutes, exceptionDates, organizer };

    protected static async Task<MeetingDto> BookedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Booking answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<MeetingDto>(body, Json)!;
    }

    protected async Task<MeetingDto> BookAsync(object request, HttpClient? client = null) =>
        await BookedAsync(await (client ?? Admin).PostAsJsonAsync("/api/meetings", request, Ct));

    protected async Task<MeetingDto> GetAsync(Guid id, HttpClient? client = null) =>
        (await (client ?? Admin).GetFromJsonAsync<MeetingDto>($"/api/meetings/{id}", Json, Ct))!;

    protected static async Task<Dictionary<string, string[]>> ValidationErrorsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>(body, Json)!.Errors.ToDictionary();
    }
}
