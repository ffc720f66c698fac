using System.Security.Claims;
using System.Text;
using Convene.Accounts;
using Convene.Data;
using Microsoft.EntityFrameworkCore;

namespace Convene.Meetings;

/// <summary>
/// <c>GET /meetings/{id}/ics</c>: the meeting (for an occurrence, its whole series) as a <c>text/calendar</c> download
/// (<see cref="MeetingCalendarFile"/>). Same visibility as <c>GET /api/meetings/{id}</c>: a Booker only their own
/// meetings (404 otherwise), Viewers and up any.
/// </summary>
public static class MeetingCalendarFileApi
{
    public static IEndpointRouteBuilder MapMeetingCalendarFile(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/meetings/{id:guid}/ics", DownloadAsync).WithTags("Meetings")
            .WithSummary("The meeting or its series as an iCalendar file").RequireAuthorization(AccountsExtensions.BookerPolicy)
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar").ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(Guid id, ConveneDb db, ClaimsPrincipal user, TimeProvider time, CancellationToken ct)
    {
        var meeting = await MeetingAccess.FindAsync(db, id, Caller.From(user), ct);
        var bridge = await db.Bridges.AsNoTracking().FirstOrDefaultAsync(b => b.Id == meeting.BridgeId, ct);
        MeetingSeries? series = null;
        List<Meeting> occurrences = [];
        if (meeting.SeriesId is { } seriesId)
        {
            series = await db.MeetingSeries.AsNoTracking().FirstAsync(s => s.Id == seriesId, ct);
            occurrences = await db.Meetings.AsNoTracking().Where(m => m.SeriesId == seriesId).ToListAsync(ct);
        }
        var text = MeetingCalendarFile.Build(meeting, series, occurrences, bridge, time.GetUtcNow());
        return Results.File(Encoding.UTF8.GetBytes(text), "text/calendar; charset=utf-8", $"meeting-{(series?.Id ?? meeting.Id):N}.ics");
    }
}
