using System.ComponentModel.DataAnnotations;

namespace Convene.Live;

/// <summary>Where CMS sends its CDRs to Convene (<c>Convene:Cdr</c>). The receiver URI registered on every node is
/// <c>{ReceiverBaseUrl}/api/cdr/{bridgeId}/{token}</c>: the token is a per-bridge random secret, since a CMS cannot
/// sign in as a Convene user.</summary>
public sealed class CdrOptions
{
    public const string Section = "Convene:Cdr";

    /// <summary>Convene's address as the CMS nodes reach it, such as <c>http://convene.example.com:5080</c>. When
    /// unset no receiver is registered and participant states come from polling alone.</summary>
    public Uri? ReceiverBaseUrl { get; set; }

    /// <summary>The largest CDR batch accepted, in bytes (a larger one gets 413).</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBatchBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>How often every node's <c>system/cdrReceivers</c> is checked again (once per cluster), and how often
    /// the keys of old records are pruned.</summary>
    public TimeSpan RegistrationInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the bridges are looked at for a node that was added or changed, or is due for its check (a
    /// cheap database read; registration runs only for those nodes).</summary>
    public TimeSpan ChangeScanInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A node that sent no CDR for this long while it hosts a running meeting is polled.</summary>
    public TimeSpan Silence { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the keys of processed records are kept to drop a resent batch.</summary>
    public TimeSpan SeenRetention { get; set; } = TimeSpan.FromDays(2);
}

/// <summary>Participant control and the polling fallback (<c>Convene:Live</c>).</summary>
public sealed class LiveOptions
{
    public const string Section = "Convene:Live";

    /// <summary>How often due dial-out retries are dialled (once per cluster).</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the meetings on silent nodes are polled (once per cluster).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Detail reads (<c>GET callLegs/{id}</c>) one poll may make over all meetings, for legs whose state
    /// the listing cannot tell; the rest wait for the next poll.</summary>
    [Range(0, 1000)]
    public int MaxLegReadsPerPoll { get; set; } = 20;

    /// <summary>How many times a failed dial-out of an Automatic meeting is dialled again.</summary>
    [Range(0, 20)]
    public int DialOutRetries { get; set; } = 2;

    /// <summary>The wait before the first retry; each later retry waits twice the one before.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><c>callLegEnd</c> reasons after which a dial-out is retried: busy, no answer, unreachable.</summary>
    public string[] RetryReasons { get; set; } = ["remoteBusy", "ringingTimeout", "unknownDestination", "connectError", "timeout", LivePolling.EndedReason];
}
