using System.Text;
using Microsoft.AspNetCore.Http;

namespace Convene.Cms.Tests.Protocol;

/// <summary>Answers no CMS sends, from a server that is not the simulator: each must end in an
/// <see cref="CmsErrorKind.InvalidResponse"/> quickly, never hang, never expand an entity.</summary>
public sealed class HostileXmlTests
{
    private const string BillionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE status [
          <!ENTITY a "aaaaaaaaaa">
          <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
          <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
          <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
          <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
          <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
          <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
          <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
          <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
        ]>
        <status><softwareVersion>&i;</softwareVersion></status>
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(Timeout = 20_000)]
    [InlineData("<?xml version=\"1.0\"?><status><softwareVersion>3.9")]
    [InlineData("")]
    [InlineData("not xml at all")]
    [InlineData(BillionLaughs)]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE status [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><status><softwareVersion>&x;</softwareVersion></status>")]
    [InlineData("<!DOCTYPE html><html><body>Please log in</body></html>")]
    [InlineData("<status><callLegsActive>many</callLegsActive></status>")]
    [InlineData("<status><activated>yes</activated></status>")]
    [InlineData("<status><cdrTime>yesterday</cdrTime></status>")]
    [InlineData("<status><uptimeSeconds>9223372036854775807</uptimeSeconds></status>")]
    [InlineData("<status><callLegsActive>99999999999999999999999</callLegsActive></status>")]
    public async Task GetSystemStatusAsync_HostileBody_InvalidResponse(string body)
    {
        await using var server = await CannedServer.XmlAsync(body);
        using var client = server.Client();

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.GetSystemStatusAsync(Ct));

        Assert.Equal(CmsErrorKind.InvalidResponse, error.Kind);
        Assert.Equal("/api/v1/system/status", error.Path);
        Assert.DoesNotContain("aaaaaaaaaaaaaaaaaaaa", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.Requests);
    }

    [Fact(Timeout = 20_000)]
    public async Task GetSystemStatusAsync_HtmlLoginPage_AsksWhetherThisIsACms()
    {
        await using var server = await CannedServer.XmlAsync("<html><head><title>Login</title></head><body><form/></body></html>");
        using var client = server.Client();

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.GetSystemStatusAsync(Ct));

        Assert.Equal(CmsErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("<html>", error.Message, StringComparison.Ordinal);
        Assert.Contains("Cisco Meeting Server", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    public async Task GetSystemStatusAsync_DeclaredLengthOverLimit_InvalidResponseWithoutReadingIt()
    {
        await using var server = await CannedServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/xml";
            context.Response.ContentLength = 50_000_000;
            await WriteUntilAbortedAsync(context, 50_000_000);
        });
        using var client = server.Client(new CmsClientOptions { MaxRetries = 0, MaxResponseBytes = 4096 });

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.GetSystemStatusAsync(Ct));

        Assert.Equal(CmsErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("50000000 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    public async Task GetSystemStatusAsync_EndlessChunkedBody_InvalidResponseAtTheLimit()
    {
        await using var server = await CannedServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/xml";
            await WriteUntilAbortedAsync(context, long.MaxValue);
        });
        using var client = server.Client(new CmsClientOptions { MaxRetries = 0, MaxResponseBytes = 4096 });

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.GetSystemStatusAsync(Ct));

        Assert.Equal(CmsErrorKind.InvalidResponse, error.Kind);
        Assert.Contains("4096-byte limit", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 20_000)]
    public async Task GetSystemStatusAsync_ServerNeverFinishes_TimeoutNotHang()
    {
        await using var server = await CannedServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/xml";
            await context.Response.WriteAsync("<status>", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await AbortedAsync(context);
        });
        using var client = server.Client(new CmsClientOptions { MaxRetries = 0, RequestTimeout = TimeSpan.FromMilliseconds(300) });

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.GetSystemStatusAsync(Ct));

        Assert.Equal(CmsErrorKind.Timeout, error.Kind);
    }

    [Fact(Timeout = 20_000)]
    public async Task CreateSpaceAsync_NoLocation_InvalidResponse()
    {
        await using var server = await CannedServer.StartAsync(_ => Task.CompletedTask);
        using var client = server.Client();

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.CreateSpaceAsync(new SpaceChanges { Uri = "x" }, Ct));

        Assert.Equal(CmsErrorKind.InvalidResponse, error.Kind);
        Assert.Equal("POST", error.Method);
        Assert.Contains("Location", error.Message, StringComparison.Ordinal);
    }

    [Theory(Timeout = 20_000)]
    [InlineData("/api/v1/coSpaces/")]
    [InlineData("/api/v1/coSpaces/../../etc")]
    [InlineData("/api/v1/coSpaces/42")]
    public async Task CreateSpaceAsync_LocationWithoutAnId_InvalidResponse(string location)
    {
        await using var server = await CannedServer.StartAsync(context =>
        {
            context.Response.Headers.Location = location;
            return Task.CompletedTask;
        });
        using var client = server.Client();

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.CreateSpaceAsync(new SpaceChanges { Uri = "x" }, Ct));

        Assert.Equal(CmsErrorKind.InvalidResponse, error.Kind);
    }

    [Fact(Timeout = 20_000)]
    public async Task CreateSpaceAsync_UpperCaseIdWithTrailingSlash_ReturnsLowerCaseId()
    {
        var id = Guid.NewGuid();
        await using var server = await CannedServer.StartAsync(context =>
        {
            context.Response.Headers.Location = $"/api/v1/coSpaces/{id.ToString().ToUpperInvariant()}/";
            return Task.CompletedTask;
        });
        using var client = server.Client();

        Assert.Equal(id.ToString(), await client.CreateSpaceAsync(new SpaceChanges { Uri = "x" }, Ct));
    }

    [Fact(Timeout = 20_000)]
    public async Task GetSystemStatusAsync_UnknownElementsAndMissingOnes_IgnoredAndNull()
    {
        await using var server = await CannedServer.XmlAsync("""
            <?xml version="1.0"?>
            <!-- a future version -->
            <status>
              <softwareVersion>9.1(beta)</softwareVersion>
              <quantumLinks><link id="1">entangled</link></quantumLinks>
              <callLegsActive> 3 </callLegsActive>
              <activated></activated>
            </status>
            """);
        using var client = server.Client();

        var status = await client.GetSystemStatusAsync(Ct);

        Assert.Equal("9.1(beta)", status.SoftwareVersion);
        Assert.Equal(new Version(9, 1), status.Version);
        Assert.Equal(3, status.CallLegsActive);
        Assert.Null(status.Activated);
        Assert.Null(status.Uptime);
        Assert.Null(status.CdrTime);
        Assert.Null(status.ClusterId);
        Assert.Null(status.VideoBitRateIncoming);
    }

    [Theory(Timeout = 20_000)]
    [InlineData("<coSpaces><coSpace id=\"6a0c1d8e-0d4a-4b7e-9a57-5b3b8a9b2c11\"/></coSpaces>")]
    [InlineData("<coSpaces total=\"lots\"><coSpace id=\"6a0c1d8e-0d4a-4b7e-9a57-5b3b8a9b2c11\"/></coSpaces>")]
    [InlineData("<coSpaces total=\"99999999999999999999\"><coSpace id=\"6a0c1d8e-0d4a-4b7e-9a57-5b3b8a9b2c11\"/></coSpaces>")]
    [InlineData("<coSpaces total=\"1\"><coSpace><name>no id</name></coSpace></coSpaces>")]
    [InlineData("<calls total=\"1\"><call id=\"6a0c1d8e-0d4a-4b7e-9a57-5b3b8a9b2c11\"/></calls>")]
    public async Task ListSpacesAsync_MalformedPage_InvalidResponse(string body)
    {
        await using var server = await CannedServer.XmlAsync(body);
        using var client = server.Client();

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.ListSpacesAsync(cancellationToken: Ct).ToListAsync(Ct).AsTask());

        Assert.Equal(CmsErrorKind.InvalidResponse, error.Kind);
    }

    [Fact(Timeout = 20_000)]
    public async Task CreateSpaceAsync_ErrorBodyWithEntities_ReasonsIgnoredNotExpanded()
    {
        await using var server = await CannedServer.StartAsync(async context =>
        {
            context.Response.StatusCode = 400;
            context.Response.ContentType = "text/xml";
            await context.Response.WriteAsync(BillionLaughs.Replace("status", "failureDetails", StringComparison.Ordinal), context.RequestAborted);
        });
        using var client = server.Client();

        var error = await Assert.ThrowsAsync<CmsApiException>(() => client.CreateSpaceAsync(new SpaceChanges { Uri = "x" }, Ct));

        Assert.Equal(CmsErrorKind.Refused, error.Kind);
        Assert.Empty(error.Reasons);
    }

    private static async Task WriteUntilAbortedAsync(HttpContext context, long most)
    {
        var chunk = Encoding.UTF8.GetBytes("<status>" + new string(' ', 1016));
        try
        {
            for (long sent = 0; sent + chunk.Length <= most && !context.RequestAborted.IsCancellationRequested; sent += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            // The client hung up, as it should.
        }
    }

    private static async Task AbortedAsync(HttpContext context)
    {
        var aborted = new TaskCompletionSource();
        using var registration = context.RequestAborted.Register(() => aborted.TrySetResult());
        await aborted.Task;
    }
}
