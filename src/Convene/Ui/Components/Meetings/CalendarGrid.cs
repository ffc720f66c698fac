using Convene.Meetings;
using NodaTime;

namespace Convene.Ui.Components.Meetings;

/// <summary>A meeting as the calendar draws it: <see cref="Title"/> null when the user may not see it (shown as busy only).</summary>
public sealed record CalendarEntry(Guid Id, string? Title, DateTime StartLocal, DateTime EndLocal, MeetingState State);

/// <summary>One hour of one day: its local start, its instants, the meetings starting in it, and how many placeholders are free
/// throughout. <see cref="Occurs"/> is how many times the local hour happens in the zone: 1, or 0 for an hour the clocks skip
/// (spring forward) and 2 for one they repeat (fall back; the slot then spans both).</summary>
public sealed record CalendarSlot(DateTime StartLocal, DateTimeOffset StartUtc, DateTimeOffset EndUtc, List<CalendarEntry> Meetings, int Free, int Occurs = 1);

/// <summary>
/// The calendar's window and hourly slots in a zone: a day, or the week (Monday to Sunday) holding a date. Free counts come
/// from <c>GET /api/bridges/{id}/availability</c>'s answer: a placeholder counts as free in a slot when one of its free
/// intervals covers the whole slot. Each placeholder's free intervals are walked once with the slots (both in time order).
/// </summary>
public sealed class CalendarGrid
{
    /// <summary>Hours per day shown (one slot per hour).</summary>
    public const int Hours = 24;

    private CalendarGrid(DateOnly first, int days, DateTimeZone zone)
    {
        First = first;
        Days = Enumerable.Range(0, days).Select(first.AddDays).ToList();
        Zone = zone;
        FromUtc = MeetingTime.ToUtc(first.ToDateTime(TimeOnly.MinValue), zone);
        ToUtc = MeetingTime.ToUtc(first.AddDays(days).ToDateTime(TimeOnly.MinValue), zone);
    }

    public DateOnly First { get; }

    public List<DateOnly> Days { get; }

    public DateTimeZone Zone { get; }

    public DateTimeOffset FromUtc { get; }

    public DateTimeOffset ToUtc { get; }

    /// <summary>Slots by day index, then hour.</summary>
    public CalendarSlot[,] Slots { get; private set; } = new CalendarSlot[0, 0];

    /// <summary>The day holding <paramref name="date"/>, or its week from Monday.</summary>
    public static CalendarGrid For(DateOnly date, bool week, DateTimeZone zone)
    {
        var first = week ? date.AddDays(-(((int)date.DayOfWeek + 6) % 7)) : date;
        return new CalendarGrid(first, week ? 7 : 1, zone);
    }

    /// <summary>Fills the slots with the meetings (by their start) and the free counts.</summary>
    public void Fill(IReadOnlyList<CalendarEntry> meetings, AvailabilityDto? availability)
    {
        var slots = new CalendarSlot[Days.Count, Hours];
        var ordered = new List<CalendarSlot>(Days.Count * Hours);
        for (var d = 0; d < Days.Count; d++)
        {
            for (var h = 0; h < Hours; h++)
            {
                var local = Days[d].ToDateTime(new TimeOnly(h, 0));
                var startUtc = MeetingTime.ToUtc(local, Zone);
                var endUtc = MeetingTime.ToUtc(local.AddHours(1), Zone);
                var occurs = Zone.MapLocal(LocalDateTime.FromDateTime(local)).Count;
                slots[d, h] = new CalendarSlot(local, startUtc, endUtc, [], 0, occurs);
                ordered.Add(slots[d, h]);
            }
        }
        foreach (var m in meetings)
        {
            var d = Days.IndexOf(DateOnly.FromDateTime(m.StartLocal));
            if (d >= 0)
            {
                slots[d, m.StartLocal.Hour].Meetings.Add(m);
            }
        }
        var free = new int[ordered.Count];
        foreach (var placeholder in availability?.Placeholders ?? [])
        {
            var i = 0;
            for (var s = 0; s < ordered.Count; s++)
            {
                while (i < placeholder.Free.Count && placeholder.Free[i].UntilUtc < ordered[s].EndUtc)
                {
                    i++;
                }
                if (i < placeholder.Free.Count && placeholder.Free[i].FromUtc <= ordered[s].StartUtc)
                {
                    free[s]++;
                }
            }
        }
        for (var s = 0; s < ordered.Count; s++)
        {
            var slot = ordered[s];
            slots[s / Hours, s % Hours] = slot with { Free = free[s] };
        }
        Slots = slots;
    }
}
