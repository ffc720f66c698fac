using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Channels;
using Convene.Cms.Simulator.Data;
using Convene.Cms.Simulator.Media;
using Convene.Cms.Simulator.Protocol;

namespace Convene.Cms.Simulator;

/// <summary>
/// The whole simulated cluster: the shared database, the nodes and the media engine. All state is
/// guarded by one lock, <see cref="Gate"/>: API handlers and media timers run under it, so every
/// request sees and leaves a consistent cluster, as the CMS database's transactions do.
/// </summary>
internal sealed class SimCluster : IAsyncDisposable
{
    private readonly Random _random;
    private readonly Dictionary<string, TaskCompletionSource<string>> _syncWaiters = [];
    private readonly HashSet<ScheduledTimer> _scheduled = [];

    public SimCluster(CmsSimulatorOptions options, TimeProvider time, ChannelWriter<string>? consoleTrace)
    {
        Options = options;
        Time = time;
        ConsoleTrace = consoleTrace;
        Version = ParseVersion(options.SoftwareVersion);
        _random = options.RandomSeed is { } seed ? new Random(seed) : new Random();
        Validation = new ValidationContext(Version, options.RejectRemovedParameters, Database.Exists);
        CallSettings = LegConfiguration.ReadCallSettings(options.CallSettings, Version);
        Media = new MediaEngine(this);
        CdrClient = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 1; i <= options.Nodes; i++)
        {
            var name = options.NodeNamePrefix + i.ToString(CultureInfo.InvariantCulture);
            options.NodeOverrides.TryGetValue(name, out var custom);
            var port = custom?.Port ?? (options.BasePort == 0 ? 0 : options.BasePort + i - 1);
            var password = custom?.Password ?? (string.IsNullOrEmpty(options.Password) ? NewPassword() : options.Password);
            var node = new SimNode(this, name, custom?.Username ?? options.Username, password, port);
            if (options.StartupFaults.TryGetValue(name, out var faults) || options.StartupFaults.TryGetValue("*", out faults))
            {
                node.Faults = faults.Clone();
            }
            Nodes.Add(node);
            var bridge = new CmsObject(node.CallBridgeId);
            bridge.Values["name"] = name;
            Database.CallBridges.Add(bridge.Id, bridge);
        }
    }

    public Lock Gate { get; } = new();

    public string ClusterId { get; } = CmsObject.NewId();

    public CmsSimulatorOptions Options { get; }

    public TimeProvider Time { get; }

    public Version Version { get; }

    public ValidationContext Validation { get; }

    /// <summary>The Web Admin call settings every call leg's configuration starts from (checked and normalised).</summary>
    public IReadOnlyDictionary<string, string> CallSettings { get; }

    public ClusterDatabase Database { get; } = new();

    public List<SimNode> Nodes { get; } = [];

    public MediaEngine Media { get; }

    public HttpClient CdrClient { get; }

    public ChannelWriter<string>? ConsoleTrace { get; }

    public SimNode? FindNode(string nameOrId) =>
        Nodes.Find(n => string.Equals(n.Name, nameOrId, StringComparison.OrdinalIgnoreCase) || n.CallBridgeId == nameOrId);

    public SimNode? NodeByBridgeId(string callBridgeId) => Nodes.Find(n => n.CallBridgeId == callBridgeId);

    /// <summary>Starts every node; when one cannot (its port is taken), the ones started are stopped again.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var node in Nodes)
            {
                await StartNodeAsync(node, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            foreach (var node in Nodes)
            {
                await StopNodeAsync(node).ConfigureAwait(false);
            }
            throw;
        }
    }

    /// <summary>Brings a node up (again). A restarted node has lost its calls, as a rebooted Call Bridge.</summary>
    public async Task StartNodeAsync(SimNode node, CancellationToken cancellationToken = default)
    {
        if (node.Server is not null)
        {
            return;
        }
        lock (Gate)
        {
            node.ResetMedia();
            node.StartedAt = Time.GetUtcNow();
        }
        node.Server = await NodeServer.StartAsync(node, cancellationToken).ConfigureAwait(false);
        lock (Gate)
        {
            node.IsUp = true;
            Database.CallBridges[node.CallBridgeId].Values["address"] = node.ApiUrl;
        }
        node.Cdr.Start();
    }

    /// <summary>Takes a node down: its listener closes (connections refused) and its calls are lost.</summary>
    public async Task StopNodeAsync(SimNode node)
    {
        if (node.Server is not { } server)
        {
            return;
        }
        lock (Gate)
        {
            node.IsUp = false;
            Media.DropNode(node);
        }
        node.Server = null;
        await node.Cdr.StopAsync().ConfigureAwait(false);
        await server.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="action"/> under the lock after <paramref name="delay"/> on the
    /// cluster's clock. A zero delay runs it on the thread pool, never inline.</summary>
    public ITimer? Schedule(TimeSpan delay, Action action)
    {
        void Run()
        {
            lock (Gate)
            {
                action();
            }
        }

        if (delay <= TimeSpan.Zero)
        {
            ThreadPool.QueueUserWorkItem(_ => Run());
            return null;
        }
        // A timer nothing references may be collected before it fires (callers such as the bulk sync
        // drop the ITimer), so the cluster keeps each one until it fires or is disposed.
        var scheduled = new ScheduledTimer(this);
        lock (_scheduled)
        {
            _scheduled.Add(scheduled);
        }
        scheduled.Inner = Time.CreateTimer(_ =>
        {
            scheduled.Forget();
            Run();
        }, null, delay, Timeout.InfiniteTimeSpan);
        return scheduled;
    }

    public bool NextIsBusy(double share)
    {
        lock (_random)
        {
            return share > 0 && _random.NextDouble() < share;
        }
    }

    /// <summary>Completes when the bulk sync reaches a terminal status; gives that status.</summary>
    public Task<string> WhenBulkSyncDone(string syncId)
    {
        lock (Gate)
        {
            if (Database.BulkSyncs.TryGetValue(syncId, out var sync) && sync.IsTerminal)
            {
                return Task.FromResult(sync.Status);
            }
            if (!_syncWaiters.TryGetValue(syncId, out var waiter))
            {
                waiter = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                _syncWaiters[syncId] = waiter;
            }
            return waiter.Task;
        }
    }

    public void BulkSyncFinished(BulkSync sync)
    {
        if (_syncWaiters.Remove(sync.Id, out var waiter))
        {
            waiter.TrySetResult(sync.Status);
        }
    }

    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
        {
            await StopNodeAsync(node).ConfigureAwait(false);
        }
        CdrClient.Dispose();
    }

    /// <summary>A timer from <see cref="Schedule"/>, held by the cluster until it fires or is disposed.</summary>
    private sealed class ScheduledTimer(SimCluster cluster) : ITimer
    {
        public ITimer? Inner { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period) => Inner?.Change(dueTime, period) ?? false;

        public void Forget()
        {
            lock (cluster._scheduled)
            {
                cluster._scheduled.Remove(this);
            }
        }

        public void Dispose()
        {
            Forget();
            Inner?.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private static string NewPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(9)).Replace('+', 'x').Replace('/', 'y');

    private static Version ParseVersion(string text)
    {
        var digits = new string(text.TakeWhile(c => char.IsAsciiDigit(c) || c == '.').ToArray()).Trim('.');
        if (!Version.TryParse(digits.Contains('.', StringComparison.Ordinal) ? digits : digits + ".0", out var version))
        {
            throw new InvalidOperationException($"CmsSimulator:SoftwareVersion '{text}' does not start with a version number such as 3.9 or 2.0(RC).");
        }
        return version;
    }
}
