extern alias convene;

using convene::Convene;
using convene::Convene.Lifecycle;

namespace Convene.Tests;

/// <summary>Log messages read well: durations in units that fit, ISO 8601 instants, a missing value in words.</summary>
public sealed class LogTextTests
{
    [Theory]
    [InlineData(350, "350 ms")]
    [InlineData(2_549, "2.5 s")]
    [InlineData(245_000, "4 min 5 s")]
    [InlineData(240_000, "4 min")]
    [InlineData(4_800_000, "1 h 20 min")]
    [InlineData(-1_500, "1.5 s")]
    public void Duration_InTheLargestUnitThatFits(double milliseconds, string expected) =>
        Assert.Equal(expected, LogText.Duration(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void Starting_LatenessAsAReadableDuration()
    {
        var log = new TestLog();
        var id = Guid.NewGuid();

        LifecycleLog.Starting(log.CreateLogger("test"), id, 2_549.7);
        LifecycleLog.Starting(log.CreateLogger("test"), id, -300);

        Assert.Equal([$"Meeting {id} is starting, 2.5 s after its open time", $"Meeting {id} is starting, 300 ms before its open time"],
            log.Entries.Select(e => e.Message));
    }

    [Fact]
    public void Extended_EndInIso8601()
    {
        var log = new TestLog();
        var id = Guid.NewGuid();

        LifecycleLog.Extended(log.CreateLogger("test"), id, 15, new DateTimeOffset(2026, 12, 1, 11, 15, 0, TimeSpan.FromHours(1)));

        Assert.Equal($"Meeting {id} extended by 15 min to 2026-12-01T10:15:00Z", Assert.Single(log.Entries).Message);
    }

    [Fact]
    public void MissingValues_AreSaidInWords()
    {
        var log = new TestLog();
        var id = Guid.NewGuid();

        LifecycleLog.Running(log.CreateLogger("test"), id, null, "node1");
        convene::Convene.Live.Log.CdrMalformedRecords(log.CreateLogger("test"), null, 2, "not a record");
        convene::Convene.Log.Migrating(log.CreateLogger("test"), 3, null);

        Assert.All(log.Entries, e => Assert.DoesNotContain("(null)", e.Message, StringComparison.Ordinal));
        Assert.Equal($"Meeting {id} runs as call of unknown id on node1", log.Entries[0].Message);
    }
}
