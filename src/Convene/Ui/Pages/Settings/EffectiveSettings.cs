using System.Globalization;
using Convene.Accounts;
using Convene.Bridges;
using Convene.Data;
using Convene.Demo;
using Convene.Lifecycle;
using Convene.Live;
using Convene.Meetings;
using Convene.Placeholders;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Convene.Ui.Pages.Settings;

/// <summary>One setting as an operator reads it: its configuration key, its effective value in words, and what it does.</summary>
public sealed record SettingRow(string Key, string Value, string Meaning);

/// <summary>A group of settings under one heading.</summary>
public sealed record SettingGroup(string Title, IReadOnlyList<SettingRow> Rows);

/// <summary>
/// Convene's effective configuration that matters to operators, read from the bound options (defaults included), for
/// the read-only <c>/settings</c> page. No secret is ever part of it: the database shows its provider, host, port,
/// database and user but never a password; URLs lose their user information; passwords of the first administrator,
/// the key-ring certificate and the CMS nodes are not read at all.
/// </summary>
public static class EffectiveSettings
{
    /// <summary>The groups, in the order the page shows them.</summary>
    public static IReadOnlyList<SettingGroup> Read(IServiceProvider services, ConveneDb db)
    {
        T Get<T>() where T : class => services.GetRequiredService<IOptions<T>>().Value;
        var lifecycle = Get<LifecycleOptions>();
        var cms = Get<CmsConnectionOptions>();
        var live = Get<LiveOptions>();
        var meetings = Get<MeetingsOptions>();
        var placeholders = Get<PlaceholderOptions>();
        var cdr = Get<CdrOptions>();
        var demo = Get<DemoOptions>();
        var signIn = Get<SignInOptions>();
        return
        [
            new("Database", [
                new("Database:Provider", db.Database.IsNpgsql() ? "PostgreSQL" : "SQLite", "Where Convene keeps its data."),
                new("Database:ConnectionString", Connection(db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, db.Database.GetConnectionString()), "Where the database is (its password is never shown)."),
                new("Convene:DataProtection", services.GetRequiredService<KeyRing>().Encrypted ? "Keys encrypted with a certificate" : "Keys not encrypted",
                    "How the keys protecting stored CMS passwords are kept."),
            ]),
            new("Lifecycle", [
                new("Convene:Lifecycle:SchedulerEnabled", YesNo(lifecycle.SchedulerEnabled), "Whether meetings start and end on their own."),
                new("Convene:Lifecycle:MaxConcurrency", Number(lifecycle.MaxConcurrency), "Transitions run at once on this instance."),
                new("Convene:Lifecycle:MaxConcurrentRequestsPerNode", Number(lifecycle.MaxConcurrentRequestsPerNode), "Requests sent to one CMS node at once."),
                new("Convene:Lifecycle:LeaseDuration", Span(lifecycle.LeaseDuration), "How long another instance waits before taking over a meeting."),
                new("Convene:Lifecycle:ReconcileInterval", Span(lifecycle.ReconcileInterval), "How often live meetings are compared with the bridges."),
                new("Convene:Lifecycle:FailoverCheckInterval", Span(lifecycle.FailoverCheckInterval), "How often meetings on an unreachable node are moved."),
                new("Convene:Lifecycle:AutoExtendMinutes", Minutes(lifecycle.AutoExtendMinutes), $"Added by an automatic extension, at most {Number(lifecycle.MaxAutoExtensions)} times."),
                new("Convene:Cms:MaxRetries", Number(cms.MaxRetries), $"Retries of a failed safe CMS request, {Span(cms.RetryDelay)} apart; each waits at most {Span(cms.RequestTimeout)}."),
                new("Convene:Live:DialOutRetries", Number(live.DialOutRetries), $"Retries of a failed dial-out, {Span(live.RetryDelay)} apart."),
            ]),
            new("Meetings", [
                new("Convene:Meetings:BookingWait", Span(meetings.BookingWait), "The longest a booking waits for others before answering busy."),
                new("Early join (booking default)", Minutes(MeetingDefaults.EarlyJoinMinutes), "How early a meeting opens when the booking does not say."),
                new("End warnings (booking default)", string.Join(", ", MeetingDefaults.EndWarnings) + " min before the end", "Banners shown when the booking does not say."),
                new("Convene:Meetings:GapAfterEnd", Span(meetings.GapAfterEnd), "How long a placeholder stays held after a meeting's end."),
                new("Convene:Meetings:MaxDuration", Span(meetings.MaxDuration), "The longest meeting that may be booked."),
                new("Convene:Meetings:OwnerJid", string.IsNullOrWhiteSpace(meetings.OwnerJid) ? "Not set: no owner is sent" : meetings.OwnerJid,
                    "How an organizer maps to the CMS user who owns the space."),
            ]),
            new("Placeholders", [
                new("Convene:Placeholders:MaxQuantity", Number(placeholders.MaxQuantity), "Most numeric IDs one bridge may have placeholders for."),
                new("Convene:Placeholders:DriftCheckInterval", Span(placeholders.DriftCheckInterval), "How often placeholders are compared with the bridge."),
                new("Convene:Placeholders:SyncTimeout", Span(placeholders.SyncTimeout), "How long a bulk sync may run before it counts as failed."),
            ]),
            new("Call detail records", [
                new("Convene:Cdr:ReceiverBaseUrl", cdr.ReceiverBaseUrl is { } url ? WithoutUserInfo(url) : "Not set: participant states come from polling alone",
                    "Convene's address as the CMS nodes reach it, for their CDRs."),
            ]),
            new("Sign-in", [
                new("Convene:SignIn:LockoutThreshold", Number(signIn.LockoutThreshold), $"Failed sign-ins in a row that lock an account for {Span(signIn.LockoutDuration)}."),
                new("Convene:SignIn:SessionLifetime", Span(signIn.SessionLifetime), "How long a browser session lasts at most."),
            ]),
            new("Demo", [
                new("Convene:Demo:SimulatedCluster", demo.SimulatedCluster ? $"On ({Number(demo.Nodes)} simulated nodes)" : "Off",
                    "A simulated CMS cluster runs in-process as a bridge, to try Convene without a CMS."),
            ]),
        ];
    }

    /// <summary>Where the database is, without any password: for SQLite the file, for PostgreSQL host, port, database and user.</summary>
    public static string Connection(DatabaseProvider provider, string? connectionString)
    {
        var text = connectionString ?? "";
        if (provider == DatabaseProvider.Postgres)
        {
            var pg = new NpgsqlConnectionStringBuilder(text);
            return $"Host={pg.Host}; Port={pg.Port.ToString(CultureInfo.InvariantCulture)}; Database={pg.Database}; Username={pg.Username}";
        }
        return $"Data Source={new SqliteConnectionStringBuilder(text).DataSource}";
    }

    internal static string WithoutUserInfo(Uri url) =>
        new UriBuilder(url) { UserName = "", Password = "" }.Uri.ToString();

    private static string YesNo(bool value) => value ? "Yes" : "No";

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Minutes(int value) => $"{Number(value)} min";

    /// <summary>A duration in its largest whole unit: 500 ms, 30 s, 5 min, 2 h, 7 days.</summary>
    internal static string Span(TimeSpan span) => span switch
    {
        { TotalDays: 1 } => "1 day",
        { TotalDays: >= 1 } when span.TotalDays == Math.Floor(span.TotalDays) => $"{span.TotalDays.ToString(CultureInfo.InvariantCulture)} days",
        { TotalHours: >= 1 } when span.TotalHours == Math.Floor(span.TotalHours) => $"{span.TotalHours.ToString(CultureInfo.InvariantCulture)} h",
        { TotalMinutes: >= 1 } when span.TotalMinutes == Math.Floor(span.TotalMinutes) => $"{span.TotalMinutes.ToString(CultureInfo.InvariantCulture)} min",
        { TotalSeconds: >= 1 } => $"{span.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s",
        _ => $"{span.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms",
    };
}
