extern alias convene;

using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Convene.Data;
using Convene.Placeholders;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Quartz;

namespace Convene.Tests;

/// <summary>
/// Convene on real Kestrel (loopback, a free port) with a test database, a <see cref="TestClock"/> and a
/// known administrator password. Clients sign in for real, with HTTP Basic or the login cookie.
/// </summary>
public sealed class ConveneFactory(TestDatabase database, Action<IDictionary<string, string?>>? settings = null) : WebApplicationFactory<convene::Program>
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "admin-password-for-tests";

    /// <summary>How often provisioning polls a bulk sync here.</summary>
    public static readonly TimeSpan SyncPoll = TimeSpan.FromMilliseconds(500);

    private readonly List<HttpClient> _clients = [];

    public TestClock Clock { get; } = new();

    public TestDatabase Database => database;

    /// <summary>What Convene logged at Warning and above (the level these tests log at), in order.</summary>
    public TestLog Log { get; } = new();

    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
        .First(a => a.StartsWith("http://", StringComparison.Ordinal)));

    /// <summary>The Quartz job runs of this instance that are over.</summary>
    public JobRuns Jobs { get; } = new();

    /// <summary>Starts Convene on Kestrel and waits for its start-up work (migrations, first administrator) and, unless
    /// told not to, for the start-up run of every periodic job (<see cref="StartUpJobsDoneAsync"/>): so a test's own
    /// requests, tickets and counts never race the status poll, drift check, CDR registration and the rest run at once
    /// by every start. A second instance on the same database must not wait: the other instance may run them.</summary>
    public static ConveneFactory Start(TestDatabase database, Action<IDictionary<string, string?>>? settings = null, bool awaitStartUpJobs = true)
    {
        var factory = new ConveneFactory(database, settings);
        factory.UseKestrel(0);
        factory.StartServer();
        if (awaitStartUpJobs)
        {
            try
            {
                // Off the test's synchronization context: the wait's continuations must not need the thread it blocks.
                Task.Run(factory.StartUpJobsDoneAsync).GetAwaiter().GetResult();
            }
            catch
            {
                factory.Dispose();
                throw;
            }
        }
        return factory;
    }

    /// <summary>Waits until every periodic Quartz job (a trigger that repeats forever: status, drift check, CDR
    /// registration and pruning, dial-out retries, live polling, series window, reconcile, failover, sync) has run
    /// once on this instance since it started and that run is over. Nothing to wait for with the scheduler off.</summary>
    public async Task StartUpJobsDoneAsync()
    {
        if (Services.GetService<ISchedulerFactory>() is not { } schedulers)
        {
            return;
        }
        var scheduler = await schedulers.GetScheduler(TestContext.Current.CancellationToken);
        var periodic = new List<JobKey>();
        foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.AnyGroup(), TestContext.Current.CancellationToken))
        {
            if (await scheduler.GetTrigger(key, TestContext.Current.CancellationToken) is ISimpleTrigger { RepeatCount: < 0 } trigger)
            {
                periodic.Add(trigger.JobKey);
            }
        }
        await ConveneEvents.UntilAsync(this, () => Task.FromResult(string.Join(", ", periodic.Where(k => Jobs.Count(k) == 0))),
            waiting => waiting.Length == 0, "the start-up run of every periodic job over");
    }

    /// <summary>A client signed in with HTTP Basic (the administrator unless told otherwise).</summary>
    public HttpClient Client(string? userName = AdminUser, string? password = AdminPassword)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (userName is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}")));
        }
        _clients.Add(client);
        return client;
    }

    /// <summary>Waits until provisioning of the bridge has nothing queued or running, moving the fake clock
    /// on whenever it waits between bulk sync polls.</summary>
    public Task ProvisioningIdleAsync(Guid bridgeId) =>
        Clock.RunUntilAsync(Services.GetRequiredService<PlaceholderProvisioner>().WhenIdleAsync(bridgeId), SyncPoll);

    /// <summary>Runs work against Convene's database, as the service sees it.</summary>
    public async Task<T> DbAsync<T>(Func<ConveneDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ConveneDb>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Convene:Admin:UserName"] = AdminUser,
            ["Convene:Admin:Password"] = AdminPassword,
            ["Convene:DataProtection:KeyPath"] = database.KeyFile,
            // Retries wait on the fake clock, which only moves when a test moves it.
            ["Convene:Cms:RetryDelay"] = "00:00:00",
            ["Convene:Placeholders:SyncPollInterval"] = SyncPoll.ToString("c", CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        settings?.Invoke(values);
        foreach (var (key, value) in values)
        {
            builder.UseSetting(key, value);
        }
        builder.UseEnvironment("Testing");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<ILoggerProvider>(Log);
            JobRuns.Watch(services, Jobs);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        await base.DisposeAsync();
    }
}
