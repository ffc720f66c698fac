namespace Convene.Meetings;

/// <summary>What a booking gets when it does not say (<see cref="BookMeeting"/>); shown on the settings page.</summary>
public static class MeetingDefaults
{
    /// <summary>Minutes before the start the meeting opens.</summary>
    public const int EarlyJoinMinutes = 5;

    /// <summary>Minutes before the end at which a warning banner shows, latest last.</summary>
    public static IReadOnlyList<int> EndWarnings { get; } = [5, 1];
}
