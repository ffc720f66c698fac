using Convene.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Convene.Meetings;

/// <summary>
/// <c>GET /api/meetings?from=&amp;to=&amp;bridgeId=&amp;state=&amp;page=&amp;pageSize=</c>: meetings overlapping
/// [from, to) (instants; either may be left out), on a bridge, in a state; a Booker sees only their own. Paged:
/// <c>page</c> from 1 (default 1), <c>pageSize</c> 1 to <see cref="MeetingsOptions.MaxPageSize"/> (default 50); the
/// answer is a <see cref="MeetingPage"/> ordered by start, then id.
/// </summary>
internal sealed class MeetingQueries(ConveneDb db, IOptions<MeetingsOptions> options)
{
    public async Task<MeetingPage> ListAsync(DateTimeOffset? from, DateTimeOffset? to, Guid? bridgeId, MeetingState? state, int? page, int? pageSize,
        Caller caller, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var size = pageSize ?? 50;
        if (size < 1 || size > options.Value.MaxPageSize)
        {
            errors.Add("pageSize", $"pageSize is 1 to {options.Value.MaxPageSize}.");
        }
        if (page is < 1)
        {
            errors.Add("page", "page starts at 1.");
        }
        if (from is { } f && to is { } t && t <= f)
        {
            errors.Add("to", "to must be after from.");
        }
        errors.ThrowIfAny();
        var number = page ?? 1;
        var query = db.Meetings.AsNoTracking();
        if (!caller.ReadsAll)
        {
            query = query.Where(m => m.OrganizerId == caller.UserId);
        }
        if (from is { } start)
        {
            var utc = start.ToUniversalTime();
            query = query.Where(m => m.EndUtc > utc);
        }
        if (to is { } end)
        {
            var utc = end.ToUniversalTime();
            query = query.Where(m => m.StartUtc < utc);
        }
        if (bridgeId is { } bridge)
        {
            query = query.Where(m => m.BridgeId == bridge);
        }
        if (state is { } s)
        {
            query = query.Where(m => m.State == s);
        }
        var total = await query.CountAsync(ct);
        var items = await query.Include(m => m.Participants).OrderBy(m => m.StartUtc).ThenBy(m => m.Id)
            .Skip((number - 1) * size).Take(size).AsSplitQuery().ToListAsync(ct);
        var bridges = await MeetingMapping.BridgesAsync(db, items, ct);
        return new MeetingPage(items.Select(m => MeetingMapping.ToDto(m, bridges)).ToList(), number, size, total);
    }

    /// <summary>One meeting, with its series' rule when it is an occurrence.</summary>
    public async Task<(Meeting Meeting, MeetingDto Dto)> GetAsync(Guid id, Caller caller, CancellationToken ct)
    {
        var meeting = await MeetingAccess.FindAsync(db, id, caller, ct);
        return (meeting, await DtoAsync(meeting, ct));
    }

    public async Task<MeetingDto> DtoAsync(Meeting meeting, CancellationToken ct)
    {
        var bridges = await MeetingMapping.BridgesAsync(db, [meeting], ct);
        var rule = meeting.SeriesId is { } seriesId
            ? await db.MeetingSeries.Where(s => s.Id == seriesId).Select(s => s.Recurrence).FirstOrDefaultAsync(ct)
            : null;
        return MeetingMapping.ToDto(meeting, bridges, rule);
    }
}
