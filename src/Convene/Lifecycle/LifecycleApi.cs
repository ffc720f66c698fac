using System.Security.Claims;
using Convene.Accounts;
using Convene.Data;
using Convene.Meetings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Convene.Lifecycle;

/// <summary><c>POST /api/meetings/{id}/extend</c> body: minutes to add (1–1440).</summary>
public sealed record ExtendRequest(int Minutes);

/// <summary><c>PUT /api/meetings/{id}/message</c> body: the banner's text (empty clears it) and how long it shows (null: until changed).</summary>
public sealed record MessageRequest(string? Text, TimeSpan? Duration = null);

/// <summary>What a control endpoint answers: the meeting's state after the action.</summary>
public sealed record MeetingControlDto(Guid Id, MeetingState State, DateTimeOffset StartUtc, DateTimeOffset EndUtc, int Extensions, bool Locked,
    string? CallId, string? CancelReason, long Version)
{
    public static MeetingControlDto From(Meeting m) => new(m.Id, m.State, m.StartUtc, m.EndUtc, m.Extensions, m.Locked, m.CallId, m.CancelReason, m.Version);
}

/// <summary>One timeline row of <c>GET /api/meetings/{id}/timeline</c>.</summary>
public sealed record TimelineEntryDto(long Id, DateTimeOffset TimeUtc, MeetingEventKind Kind, string Text, string? Node, string? Method, string? Path,
    int? Status, double? LatencyMs, Guid? ParticipantId);

/// <summary>
/// The meeting control endpoints. An Operator controls any meeting; anyone else signed in only the meetings they
/// organise (<see cref="Meeting.OrganizerId"/>); a Viewer reads timelines. Errors are ProblemDetails: 404 for an
/// unknown meeting, 409 for a conflict (placeholder booked, meeting over), 403 for someone else's meeting.
/// </summary>
public static class LifecycleApi
{
    public static IEndpointRouteBuilder MapLifecycle(this IEndpointRouteBuilder endpoints)
    {
        var meetings = endpoints.MapGroup("/api/meetings/{id:guid}").WithTags("Meetings").RequireAuthorization(AccountsExtensions.ViewerPolicy);
        meetings.MapPost("/extend", async (Guid id, ExtendRequest request, ClaimsPrincipal user, ConveneDb db, LifecycleEngine engine, CancellationToken ct) =>
            TypedResults.Ok(await ExtendAsync(id, request.Minutes, user, db, engine, ct)));
        meetings.MapPost("/end", async (Guid id, ClaimsPrincipal user, ConveneDb db, LifecycleEngine engine, CancellationToken ct) =>
            TypedResults.Ok(await EndAsync(id, user, db, engine, ct)));
        meetings.MapPut("/message", async (Guid id, MessageRequest request, ClaimsPrincipal user, ConveneDb db, LifecycleEngine engine, CancellationToken ct) =>
            TypedResults.Ok(await SetMessageAsync(id, request, user, db, engine, ct)));
        meetings.MapPost("/lock", (Guid id, ClaimsPrincipal user, ConveneDb db, LifecycleEngine engine, CancellationToken ct) => LockAsync(id, true, user, db, engine, ct));
        meetings.MapPost("/unlock", (Guid id, ClaimsPrincipal user, ConveneDb db, LifecycleEngine engine, CancellationToken ct) => LockAsync(id, false, user, db, engine, ct));
        meetings.MapGet("/timeline", TimelineAsync);
        return endpoints;
    }

    /// <summary><c>POST …/extend</c> (the web UI calls it too): the user's right checked, then the engine's extension.</summary>
    internal static async Task<MeetingControlDto> ExtendAsync(Guid id, int minutes, ClaimsPrincipal user, ConveneDb db, LifecycleEngine engine, CancellationToken ct)
    {
        await AuthorizeAsync(id, user, db, ct);
        return MeetingControlDto.From(await engine.ExtendAsync(id, minutes, ct));
    }

    /// <summary><c>POST …/end</c>: 409 <c>meeting-over</c> when it is already over, else ends it now.</summary>
    internal static async Task<MeetingControlDto> EndAsync(Guid id, ClaimsPrincipal user, ConveneDb db, LifecycleEngine engine, CancellationToken ct)
    {
        await AuthorizeAsync(id, user, db, ct);
        var state = await db.Meetings.Where(m => m.Id == id).Select(m => m.State).SingleAsync(ct);
        if (state is MeetingState.Ended or MeetingState.Cancelled or MeetingState.Failed)
        {
            throw new ProblemException(409, $"The meeting is already {state}.", type: "meeting-over");
        }
        await engine.EndAsync(id, force: true, ct);
        return await DtoAsync(id, db, ct);
    }

    /// <summary><c>PUT …/message</c>: the banner's text (at most 500 characters; empty clears it).</summary>
    internal static async Task<MeetingControlDto> SetMessageAsync(Guid id, MessageRequest request, ClaimsPrincipal user, ConveneDb db, LifecycleEngine engine,
        CancellationToken ct)
    {
        await AuthorizeAsync(id, user, db, ct);
        if (request.Text is { Length: > 500 })
        {
            throw new ProblemException(400, "text is longer than 500 characters.", type: "invalid-text");
        }
        return MeetingControlDto.From(await engine.SetMessageAsync(id, request.Text, request.Duration, ct));
    }

    private static async Task<Ok<MeetingControlDto>> LockAsync(Guid id, bool locked, ClaimsPrincipal user, ConveneDb db, LifecycleEngine engine, CancellationToken ct) =>
        TypedResults.Ok(await SetLockedAsync(id, locked, user, db, engine, ct));

    /// <summary><c>POST …/lock</c> and <c>…/unlock</c>.</summary>
    internal static async Task<MeetingControlDto> SetLockedAsync(Guid id, bool locked, ClaimsPrincipal user, ConveneDb db, LifecycleEngine engine, CancellationToken ct)
    {
        await AuthorizeAsync(id, user, db, ct);
        return MeetingControlDto.From(await engine.SetLockedAsync(id, locked, ct));
    }

    private static async Task<Ok<List<TimelineEntryDto>>> TimelineAsync(Guid id, ConveneDb db, CancellationToken ct)
    {
        if (!await db.Meetings.AnyAsync(m => m.Id == id, ct))
        {
            throw NotFound(id);
        }
        var rows = await db.MeetingEvents.AsNoTracking().Where(e => e.MeetingId == id).OrderBy(e => e.Id)
            .Select(e => new TimelineEntryDto(e.Id, e.TimeUtc, e.Kind, e.Text, e.Node, e.Method, e.Path, e.Status, e.LatencyMs, e.ParticipantId)).ToListAsync(ct);
        return TypedResults.Ok(rows);
    }

    private static async Task<MeetingControlDto> DtoAsync(Guid id, ConveneDb db, CancellationToken ct) =>
        MeetingControlDto.From(await db.Meetings.AsNoTracking().SingleAsync(m => m.Id == id, ct));

    /// <summary>404 for an unknown meeting; 403 unless the user is an Operator (or more) or the organiser.</summary>
    private static async Task AuthorizeAsync(Guid id, ClaimsPrincipal user, ConveneDb db, CancellationToken ct)
    {
        var organizer = await db.Meetings.Where(m => m.Id == id).Select(m => new { m.OrganizerId }).SingleOrDefaultAsync(ct) ?? throw NotFound(id);
        if (!MayControl(user, organizer.OrganizerId))
        {
            throw new ProblemException(403, "Only an Operator or the meeting's organiser can control it.", type: "not-organizer");
        }
    }

    /// <summary>Whether <paramref name="user"/> (already past the group's Viewer policy) may extend, end, lock or set the banner
    /// of a meeting organised by <paramref name="organizerId"/>: an Operator (or more), or its organiser.</summary>
    internal static bool MayControl(ClaimsPrincipal user, Guid? organizerId) =>
        user.IsInRole(nameof(Role.Operator)) || user.IsInRole(nameof(Role.Administrator))
        || (organizerId is { } owner && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var me) && me == owner);

    private static ProblemException NotFound(Guid id) => new(404, $"No meeting {id}.", type: "meeting-not-found");
}
