using System.Globalization;
using System.Security.Claims;
using Convene.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Convene.Meetings;

/// <summary>
/// The booking half of the meetings REST contract (issue 9): <c>POST/GET /api/meetings</c>,
/// <c>GET/PATCH/DELETE /api/meetings/{id}</c> and <c>GET /api/bridges/{id}/availability</c>. Every signed-in user may
/// book (Booker policy); Bookers see and change only their own meetings, Viewers read all, Operators and
/// Administrators book for anyone and change any. Bad input is a 400 ValidationProblemDetails with errors by field;
/// conflicts 409, a stale <c>If-Match</c> 412, a missing one on PATCH 428.
/// </summary>
public static class MeetingsApi
{
    public static IEndpointRouteBuilder MapMeetings(this IEndpointRouteBuilder endpoints)
    {
        var meetings = endpoints.MapGroup("/api/meetings").WithTags("Meetings")
            .RequireAuthorization(AccountsExtensions.BookerPolicy).AddEndpointFilter(ValidationFilter)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        meetings.MapPost("/", BookAsync).WithSummary("Book a meeting or a series");
        meetings.MapGet("/", ListAsync).WithSummary("Meetings overlapping a window, paged");
        meetings.MapGet("/{id:guid}", GetAsync).WithSummary("One meeting (or occurrence) with its participants; ETag = version").ProducesProblem(StatusCodes.Status404NotFound);
        meetings.MapMethods("/{id:guid}", ["PATCH"], ChangeAsync).WithSummary("Change a meeting (If-Match required); series=true for the rest of its series")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        meetings.MapDelete("/{id:guid}", CancelAsync).WithSummary("Cancel a meeting; series=true for the rest of its series")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        endpoints.MapGet("/api/bridges/{id:guid}/availability", AvailabilityAsync).WithTags("Meetings")
            .WithSummary("Each placeholder's holds and free intervals between from and to")
            .RequireAuthorization(AccountsExtensions.BookerPolicy).AddEndpointFilter(ValidationFilter).ProducesValidationProblem();
        endpoints.MapMeetingCalendarFile();
        return endpoints;
    }

    private static async Task<Created<MeetingDto>> BookAsync(BookMeeting request, MeetingBooking booking, Data.ConveneDb db, ClaimsPrincipal user,
        HttpContext http, CancellationToken ct)
    {
        var booked = await booking.BookAsync(request, Caller.From(user), ct);
        var bridges = await MeetingMapping.BridgesAsync(db, booked.Occurrences, ct);
        var occurrences = booked.Series is null
            ? null
            : booked.Occurrences.Select(m => MeetingMapping.ToOccurrence(m, bridges, booked.Notes.GetValueOrDefault(m.Id))).ToList();
        var dto = MeetingMapping.ToDto(booked.First, bridges, booked.Series?.Recurrence, booked.Notes.GetValueOrDefault(booked.First.Id), occurrences);
        http.Response.Headers.ETag = MeetingMapping.ETag(booked.First);
        return TypedResults.Created($"/api/meetings/{booked.First.Id}", dto);
    }

    private static async Task<Ok<MeetingPage>> ListAsync(DateTimeOffset? from, DateTimeOffset? to, Guid? bridgeId, MeetingState? state, int? page,
        int? pageSize, MeetingQueries queries, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(from, to, bridgeId, state, page, pageSize, Caller.From(user), ct));

    private static async Task<Ok<MeetingDto>> GetAsync(Guid id, MeetingQueries queries, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var (meeting, dto) = await queries.GetAsync(id, Caller.From(user), ct);
        http.Response.Headers.ETag = MeetingMapping.ETag(meeting);
        return TypedResults.Ok(dto);
    }

    private static async Task<Ok<MeetingDto>> ChangeAsync(Guid id, ChangeMeeting change, bool? series, [FromHeader(Name = "If-Match")] string? ifMatch,
        MeetingChanges changes, MeetingQueries queries, ClaimsPrincipal user, HttpContext http, CancellationToken ct)
    {
        var expected = Version(ifMatch) ?? throw new ProblemException(428, "PATCH needs an If-Match header with the meeting's ETag.",
            "Read the meeting (GET /api/meetings/{id}) and send its ETag back as If-Match.", "if-match-required");
        var meeting = await changes.ChangeAsync(id, change, expected, series == true, Caller.From(user), ct);
        http.Response.Headers.ETag = MeetingMapping.ETag(meeting);
        return TypedResults.Ok(await queries.DtoAsync(meeting, ct));
    }

    private static async Task<NoContent> CancelAsync(Guid id, bool? series, [FromHeader(Name = "If-Match")] string? ifMatch, MeetingCancellation cancellation,
        ClaimsPrincipal user, CancellationToken ct)
    {
        await cancellation.CancelAsync(id, string.IsNullOrWhiteSpace(ifMatch) ? null : Version(ifMatch), series == true, Caller.From(user), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<AvailabilityDto>> AvailabilityAsync(Guid id, DateTimeOffset? from, DateTimeOffset? to, BridgeAvailability availability,
        CancellationToken ct) =>
        TypedResults.Ok(await availability.GetAsync(id, from, to, ct));

    /// <summary>The version an If-Match ETag names (<c>"3"</c> or <c>W/"3"</c>); 412 when it names none.</summary>
    private static long? Version(string? ifMatch)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return null;
        }
        var text = ifMatch.Trim();
        text = text.StartsWith("W/", StringComparison.Ordinal) ? text[2..] : text;
        return long.TryParse(text.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new ProblemException(412, $"If-Match '{ifMatch}' is not an ETag of this meeting.", null, "stale-etag");
    }

    private static async ValueTask<object?> ValidationFilter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (MeetingValidationException e)
        {
            return TypedResults.ValidationProblem(e.Errors, title: "The request is not valid.", type: "https://convene.invalid/problems/validation");
        }
    }
}
