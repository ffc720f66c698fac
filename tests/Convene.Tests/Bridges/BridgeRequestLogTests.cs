using Convene.Bridges;
using Convene.Cms;

namespace Convene.Tests.Bridges;

/// <summary>The in-memory log of each bridge's latest CMS requests (<see cref="BridgeRequestLog"/>).</summary>
public sealed class BridgeRequestLogTests
{
    [Fact]
    public void Latest_PastItsCapacity_KeepsTheNewestFirstPerBridge()
    {
        var log = new BridgeRequestLog();
        var one = Guid.NewGuid();
        var other = Guid.NewGuid();
        for (var i = 0; i < BridgeRequestLog.Capacity + 7; i++)
        {
            log.Add(one, Request(i));
        }
        log.Add(other, Request(-1));

        var latest = log.Latest(one);
        Assert.Equal(BridgeRequestLog.Capacity, latest.Count);
        Assert.Equal($"/api/v1/coSpaces/{BridgeRequestLog.Capacity + 6}", latest[0].Path);
        Assert.Equal("/api/v1/coSpaces/7", latest[^1].Path);
        Assert.Equal(["/api/v1/coSpaces/-1"], log.Latest(other).Select(r => r.Path));
        log.Forget(one);
        Assert.Empty(log.Latest(one));
    }

    private static CmsRequestRecord Request(int i) =>
        new(DateTimeOffset.UnixEpoch.AddSeconds(i), "CallBridge-1", "GET", $"/api/v1/coSpaces/{i}", "ok", 200, TimeSpan.FromMilliseconds(3), "");
}
