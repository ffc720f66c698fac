using System.ComponentModel.DataAnnotations;

namespace Convene.Lifecycle;

/// <summary>Settings of the lifecycle engine (section <c>Convene:Lifecycle</c>).</summary>
public sealed class LifecycleOptions
{
    public const string Section = "Convene:Lifecycle";

    /// <summary>False to keep Quartz from firing transitions (tests and tools drive <see cref="LifecycleRunner"/>
    /// themselves); the engine, the endpoints and reconciliation work either way.</summary>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>The Quartz instance name shared by every Convene of one database; instances of one cluster
    /// share the work on PostgreSQL.</summary>
    [Required]
    public string SchedulerName { get; set; } = "Convene";

    /// <summary>How often the triggers are made to match the active meetings (covers a crash between a save
    /// and its scheduling).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often live meetings are compared with the bridges and repaired.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often running meetings on a node found unreachable are moved to a healthy node; with
    /// the status poller's interval it bounds the recovery time (30 s in the issue).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan FailoverCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often endless series are rolled on to now + <c>Convene:Meetings:SeriesWindow</c> (<see cref="SeriesWindowJob"/>).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan SeriesWindowInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The clustered job store's check-in interval: how soon another instance takes over the work
    /// of one that died.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);

    /// <summary>How late a trigger may fire before Quartz counts it as misfired (then fired at once: the
    /// engine decides whether the transition is still due).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests the engine sends to one CMS node at once, across all meetings.</summary>
    [Range(1, 256)]
    public int MaxConcurrentRequestsPerNode { get; set; } = 16;

    /// <summary>Quartz worker threads: transitions run at once on this instance. Each may hold a database connection, so
    /// on PostgreSQL the instances' sum must stay well below the server's <c>max_connections</c> (100 by default): two
    /// instances at 128 each were refused connections ("too many clients") in a start storm.</summary>
    [Range(1, 1000)]
    public int MaxConcurrency { get; set; } = 32;

    /// <summary>How long a running meeting's engine must have been quiet (no transition, no CMS request) before
    /// reconciliation takes a participant still dialling without a call leg for a dial-out a crash interrupted: a
    /// dial-out in flight on another instance looks the same until its answer comes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StaleDialAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a meeting's lease (<see cref="MeetingLeases"/>) lasts after it was taken or last renewed: how
    /// long another instance waits before it takes over a meeting whose holder stopped without being known dead
    /// (clustered, Quartz's check-in table tells sooner).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Minutes added by an automatic extension (AutomaticBestEffort).</summary>
    [Range(1, 240)]
    public int AutoExtendMinutes { get; set; } = 15;

    /// <summary>Automatic extensions allowed per meeting.</summary>
    [Range(0, 100)]
    public int MaxAutoExtensions { get; set; } = 16;

    /// <summary>The end-warning banner; <c>{0}</c> is the minutes left.</summary>
    [Required]
    public string WarningText { get; set; } = "This meeting ends in {0} minute(s).";

    /// <summary>How long a warning banner shows.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan WarningDuration { get; set; } = TimeSpan.FromSeconds(30);
}
