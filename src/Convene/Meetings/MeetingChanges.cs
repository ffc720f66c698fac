using Convene.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Convene.Meetings;

/// <summary>
/// <c>PATCH /api/meetings/{id}</c>. Rules: a Booked meeting may change anything; a Running one its end, title, PIN,
/// participants, launch, extend mode and end warnings, but not its start, zone or early join (409
/// <c>meeting-started</c>); a Starting or Ending one nothing while the transition runs (409 <c>meeting-in-transition</c>
/// naming the state); an Ended, Cancelled or Failed one, or one whose cancel was requested, nothing (409
/// <c>meeting-over</c>). A Running meeting's change is saved first and then carried out on the bridge
/// (<see cref="Lifecycle.RunningEdits"/>): title and PIN to the space at once, removed participants hung up, added
/// dial-outs of an Automatic meeting dialled; when the space refuses, the whole change is undone and the answer is 502. A change of
/// times keeps the placeholder when it is free over the new hold, else takes the lowest free one (a Booked meeting
/// only: a live meeting keeps its placeholder or the change is refused naming the conflict). An occurrence changed
/// alone becomes an exception of its series. With <c>series=true</c> the change goes to this occurrence and every
/// later one that is Booked and not an exception (for a running occurrence, only once its space took the change, so
/// that a refused change leaves the later ones as they were); it may not change times or early join (400: cancel the
/// rest of the series and book a new one instead).
/// </summary>
internal sealed class MeetingChanges(ConveneDb db, IOptions<MeetingsOptions> options, TimeProvider time, BookingGate gate, MeetingBooking booking,
    PlaceholderAllocator allocator, Lifecycle.RunningEdits running)
{
    public async Task<Meeting> ChangeAsync(Guid id, ChangeMeeting change, long expectedVersion, bool series, Caller caller, CancellationToken ct)
    {
        var o = options.Value;
        var errors = new FieldErrors();
        MeetingValidation.Title(change.Title, required: false, errors);
        MeetingValidation.Pin(change.Pin, o, errors);
        MeetingValidation.EndWarnings(change.EndWarnings, errors);
        MeetingValidation.EarlyJoin(change.EarlyJoinMinutes, errors);
        MeetingValidation.Participants(change.Participants, o, errors);
        MeetingValidation.Local(change.Start, "start", errors);
        MeetingValidation.Local(change.End, "end", errors);
        if (change.TimeZone is not null && MeetingTime.Zone(change.TimeZone) is null)
        {
            errors.Add("timeZone", $"'{change.TimeZone}' is not an IANA time zone id (such as Europe/Oslo).");
        }
        if (series && (change.Start is not null || change.End is not null || change.TimeZone is not null || change.EarlyJoinMinutes is not null))
        {
            errors.Add("series", "A change of the whole series cannot move its times or early join: change occurrences one by one, or cancel the rest of the series and book a new one.");
        }
        errors.ThrowIfAny();

        var (meeting, before) = await SaveAsync(id, change, expectedVersion, series, caller, ct);
        if (before is null)
        {
            return meeting;
        }
        var applied = await running.ApplyAsync(before, ct);
        if (series)
        {
            await ChangeLaterAsync(meeting, change, ct);
        }
        return applied;
    }

    /// <summary>A series change of a running occurrence reaches the later occurrences only once the running one's
    /// change is kept (its space took the new title or PIN): when the bridge refuses, the undo of the running one is
    /// then the whole undo, since nothing else was changed.</summary>
    private async Task ChangeLaterAsync(Meeting meeting, ChangeMeeting change, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await gate.BeginAsync(db, options.Value.BookingWait, ct);
        foreach (var m in await LaterAsync(meeting, ct))
        {
            Apply(m, change);
            m.Version++;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>The later occurrences of <paramref name="meeting"/>'s series that a series change reaches: Booked, not
    /// an exception, not being cancelled.</summary>
    private Task<List<Meeting>> LaterAsync(Meeting meeting, CancellationToken ct) => db.Meetings.Include(m => m.Participants)
        .Where(m => m.SeriesId == meeting.SeriesId && m.Id != meeting.Id && m.StartUtc > meeting.StartUtc && !m.IsException
            && m.State == MeetingState.Booked && !m.CancelRequested)
        .ToListAsync(ct);

    /// <summary>Checks and saves the change in one transaction (the booking gate is released before any CMS
    /// request); for a running meeting also returns the meeting as it was, to apply the change to the bridge.</summary>
    private async Task<(Meeting, Lifecycle.RunningEdit?)> SaveAsync(Guid id, ChangeMeeting change, long expectedVersion, bool series, Caller caller,
        CancellationToken ct)
    {
        await using var transaction = await gate.BeginAsync(db, options.Value.BookingWait, ct);
        var meeting = await MeetingAccess.FindAsync(db, id, caller, ct);
        if (!caller.MayChange(meeting))
        {
            throw new ProblemException(403, "Only the organizer or an Operator may change this meeting.", null, "meeting-forbidden");
        }
        if (meeting.Version != expectedVersion)
        {
            throw new ProblemException(412, "The meeting changed since you read it.",
                $"If-Match names version {expectedVersion}; the meeting is at version {meeting.Version}. Read it again and retry.", "stale-etag");
        }
        MeetingAccess.EnsureChangeable(meeting);
        if (meeting.State is MeetingState.Starting or MeetingState.Ending)
        {
            throw new ProblemException(409, $"The meeting is {meeting.State} and cannot change during that transition.",
                meeting.State == MeetingState.Starting ? "Change it in a moment, once it is Running." : "It is being ended.", "meeting-in-transition");
        }
        var before = meeting.State == MeetingState.Running ? Lifecycle.RunningEdit.Capture(meeting) : null;
        if (series && meeting.SeriesId is null)
        {
            throw new MeetingValidationException(new() { ["series"] = ["This meeting is not an occurrence of a series."] });
        }

        await ApplyTimesAsync(meeting, change, ct);
        Apply(meeting, change);
        before?.MarkSpacePending(meeting);
        meeting.IsException = meeting.SeriesId is not null && !series || meeting.IsException;
        meeting.Version++;
        if (series && before is null)
        {
            // A running occurrence's series change reaches the later ones after the bridge took it (ChangeLaterAsync).
            foreach (var m in await LaterAsync(meeting, ct))
            {
                Apply(m, change);
                m.Version++;
            }
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (HoldConflicts.IsHoldOverlap(e))
        {
            throw new ProblemException(409, "The placeholder was booked for the new times at the same moment.", "Read the meeting again and retry.", "hold-conflict");
        }
        catch (Exception e) when (HoldConflicts.IsLockTimeout(e))
        {
            throw BookingGate.Busy(options.Value.BookingWait);
        }
        await transaction.CommitAsync(ct);
        return (meeting, before);
    }

    private async Task ApplyTimesAsync(Meeting meeting, ChangeMeeting change, CancellationToken ct)
    {
        var zone = MeetingTime.Zone(change.TimeZone ?? meeting.TimeZone)!;
        var startLocal = change.Start ?? meeting.StartLocal;
        var endLocal = change.End ?? meeting.EndLocal;
        var early = change.EarlyJoinMinutes ?? meeting.EarlyJoinMinutes;
        var startUtc = MeetingTime.ToUtc(startLocal, zone);
        var endUtc = MeetingTime.ToUtc(endLocal, zone);
        var startMoves = startUtc != meeting.StartUtc || early != meeting.EarlyJoinMinutes;
        if (startUtc == meeting.StartUtc && endUtc == meeting.EndUtc && early == meeting.EarlyJoinMinutes && zone.Id == meeting.TimeZone
            && startLocal == meeting.StartLocal && endLocal == meeting.EndLocal)
        {
            return;
        }
        if (meeting.IsLive && (startMoves || zone.Id != meeting.TimeZone))
        {
            throw new ProblemException(409, "The meeting has started: its start, time zone and early join cannot change.",
                $"It is {meeting.State}; change its end, title, PIN or participants instead.", "meeting-started");
        }
        var errors = new FieldErrors();
        MeetingBooking.CheckTimes(startUtc, endUtc, time.GetUtcNow(), options.Value, errors, checkStart: startMoves);
        errors.ThrowIfAny();
        var holdFrom = startUtc.AddMinutes(-early);
        var holdUntil = endUtc + options.Value.GapAfterEnd;
        meeting.StartLocal = startLocal;
        meeting.EndLocal = endLocal;
        meeting.TimeZone = zone.Id;
        meeting.StartUtc = startUtc;
        meeting.EndUtc = endUtc;
        meeting.EarlyJoinMinutes = early;
        meeting.HoldFromUtc = holdFrom;
        meeting.HoldUntilUtc = holdUntil;
        if (meeting.PlaceholderId is { } current && await PlaceholderFreeAsync(current, holdFrom, holdUntil, meeting.Id, ct))
        {
            return;
        }
        if (meeting.IsLive)
        {
            var conflict = await allocator.FirstConflictAsync([meeting.BridgeId], holdFrom, holdUntil, meeting.Id, ct);
            throw new ProblemException(409, "The placeholder is booked for the new times.", conflict, "hold-conflict");
        }
        var candidates = await allocator.CandidatesAsync(null, holdFrom, holdUntil, ct);
        candidates = [.. candidates.Where(b => b.Id == meeting.BridgeId), .. candidates.Where(b => b.Id != meeting.BridgeId)];
        if (!await booking.TryAllocateAsync(meeting, candidates, [], meeting.Id, ct))
        {
            var conflict = await allocator.FirstConflictAsync(candidates.Select(b => b.Id).ToList(), holdFrom, holdUntil, meeting.Id, ct);
            throw new ProblemException(409, "No placeholder is free for the new times.", conflict, "no-placeholder-free");
        }
    }

    private Task<bool> PlaceholderFreeAsync(Guid placeholderId, DateTimeOffset from, DateTimeOffset until, Guid self, CancellationToken ct)
    {
        var lookback = from - options.Value.HoldLookback;
        return db.Meetings.AllAsync(m => m.PlaceholderId != placeholderId || m.Id == self
            || !(m.HoldFromUtc < until && m.HoldFromUtc > lookback && m.HoldUntilUtc > from), ct);
    }

    private void Apply(Meeting m, ChangeMeeting change)
    {
        if (change.Title is not null)
        {
            m.Title = change.Title.Trim();
        }
        if (change.Pin is not null)
        {
            m.Pin = change.Pin.Length == 0 ? null : change.Pin;
        }
        m.Launch = change.Launch ?? m.Launch;
        m.ExtendMode = change.ExtendMode ?? m.ExtendMode;
        if (change.EndWarnings is not null)
        {
            m.EndWarnings = MeetingValidation.FormatWarnings(change.EndWarnings);
        }
        if (change.Participants is not null)
        {
            var kept = change.Participants.Where(p => p.Id is not null).Select(p => p.Id!.Value).ToHashSet();
            m.Participants.RemoveAll(p => !kept.Contains(p.Id));
            foreach (var input in change.Participants)
            {
                var existing = input.Id is { } pid ? m.Participants.FirstOrDefault(p => p.Id == pid) : null;
                if (existing is null || existing.DialOut != input.DialOut || !string.Equals(existing.Address, input.Address?.Trim(), StringComparison.Ordinal))
                {
                    if (existing is not null)
                    {
                        m.Participants.Remove(existing);
                    }
                    // Added to the set as well: a new row with its id already chosen, not an update of one.
                    var added = OccurrenceTemplate.NewParticipant(input);
                    added.MeetingId = m.Id;
                    db.MeetingParticipants.Add(added);
                    m.Participants.Add(added);
                }
                else
                {
                    existing.Name = string.IsNullOrWhiteSpace(input.Name) ? null : input.Name.Trim();
                    existing.Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
                }
            }
        }
    }
}
