using System.Globalization;
using Convene.Meetings;

namespace Convene.Lifecycle;

/// <summary>What the scheduler needs of a meeting: a snapshot taken when it is saved.</summary>
public sealed record MeetingTimes(Guid Id, MeetingState State, DateTimeOffset StartUtc, DateTimeOffset EndUtc, int EarlyJoinMinutes,
    string EndWarnings, bool CancelRequested, ExtendMode ExtendMode)
{
    public static MeetingTimes Of(Meeting m) => new(m.Id, m.State, m.StartUtc, m.EndUtc, m.EarlyJoinMinutes, m.EndWarnings, m.CancelRequested, m.ExtendMode);
}

/// <summary>One transition due at a time: the trigger <c>{meeting}/{Name}</c> fires it.</summary>
public sealed record PlannedTransition(string Name, TransitionKind Kind, int Minutes, DateTimeOffset FireAtUtc);

/// <summary>
/// The transitions a meeting still has, from its state and times: a booked meeting starts at its start less the early
/// join (Reservation too: it opens its space for dial-in, see <see cref="LifecycleEngine.StartAsync"/>), has a warning at
/// each <see cref="Meeting.EndWarnings"/> minute before the end still ahead, for <see cref="ExtendMode.AutomaticBestEffort"/>
/// the extension check at <see cref="ExtendCheckAt"/>, and its end (which records a missed start); a running one keeps
/// its warnings, check and end (at once when cancelled); an interrupted start or end is due at once. The plan of a
/// meeting does not change when its own start runs, so a start storm rewrites no trigger.
/// </summary>
public static class TransitionPlan
{
    public static IReadOnlyList<PlannedTransition> For(MeetingTimes m, DateTimeOffset now)
    {
        var plan = new List<PlannedTransition>();
        switch (m.State)
        {
            case MeetingState.Booked:
                plan.Add(new("start", TransitionKind.Start, 0, m.CancelRequested ? now : m.StartUtc.AddMinutes(-Math.Max(0, m.EarlyJoinMinutes))));
                AddBeforeEnd(plan, m, now);
                plan.Add(new("end", TransitionKind.End, 0, m.EndUtc));
                break;
            case MeetingState.Starting:
                plan.Add(new("start", TransitionKind.Start, 0, now));
                AddBeforeEnd(plan, m, now);
                plan.Add(new("end", TransitionKind.End, 0, m.EndUtc));
                break;
            case MeetingState.Running:
                AddBeforeEnd(plan, m, now);
                plan.Add(new("end", TransitionKind.End, 0, m.CancelRequested ? now : m.EndUtc));
                break;
            case MeetingState.Ending:
                plan.Add(new("end", TransitionKind.End, 0, now));
                break;
        }
        return plan;
    }

    // Planned from the booking on, so that a start moving the meeting to Running changes no trigger (a warning or a
    // check that fires before the meeting runs does nothing: the engine checks the state).
    private static void AddBeforeEnd(List<PlannedTransition> plan, MeetingTimes m, DateTimeOffset now)
    {
        foreach (var minutes in Warnings(m.EndWarnings))
        {
            var at = m.EndUtc.AddMinutes(-minutes);
            if (at > now && !m.CancelRequested)
            {
                plan.Add(new($"warn-{minutes}", TransitionKind.Warn, minutes, at));
            }
        }
        if (m.ExtendMode == ExtendMode.AutomaticBestEffort && !m.CancelRequested)
        {
            plan.Add(new("extend-check", TransitionKind.ExtendCheck, 0, ExtendCheckAt(m.EndUtc, m.EndWarnings)));
        }
    }

    /// <summary>How long before the last warning (or the end, with no warning) AutomaticBestEffort decides.</summary>
    public static readonly TimeSpan ExtendCheckLead = TimeSpan.FromMinutes(1);

    /// <summary>When an AutomaticBestEffort meeting decides whether to run on: <see cref="ExtendCheckLead"/> before its
    /// last (nearest to the end) warning, or before its end when it shows none — with the default warnings (5 and 1
    /// minutes) 2 minutes before the end. Deciding ahead of the end means an extended meeting never starts ending and
    /// never shows its last warning for an end that moved; the end itself no longer extends anything.</summary>
    public static DateTimeOffset ExtendCheckAt(DateTimeOffset endUtc, string? endWarnings) =>
        endUtc.AddMinutes(-Warnings(endWarnings).DefaultIfEmpty(0).Min()) - ExtendCheckLead;

    /// <summary>The warning minutes of "5,1": positive whole numbers, others ignored.</summary>
    public static IEnumerable<int> Warnings(string? text) => (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0).Where(v => v > 0).Distinct().OrderDescending();
}
