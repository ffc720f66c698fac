using System.Security.Cryptography;
using System.Text;
using Convene.Cms.Cdr;
using Convene.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Convene.Live;

/// <summary>
/// The CDR receiver: <c>POST /api/cdr/{bridgeId}/{token}</c>, the URI Convene registers in each node's
/// <c>system/cdrReceivers</c>. A CMS cannot sign in as a Convene user, so the per-bridge random token in the path
/// authenticates it (compared in constant time). Answers 200 once the batch's new records are stored; refuses
/// with ProblemDetails, without touching any meeting: 403 for a wrong token or an unknown bridge, 413 for a body
/// over <see cref="CdrOptions.MaxBatchBytes"/>, 400 for a body that is not a CDR batch (not XML, not
/// <c>&lt;records&gt;</c>, no session), 403 for a batch whose <c>callBridge</c> is not a node of that bridge; 503 when
/// another instance stored the same records at that moment (the CMS resends; the resend is then dropped).
/// </summary>
public static class CdrApi
{
    public const string Path = "/api/cdr";

    public static IEndpointRouteBuilder MapCdr(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path + "/{bridgeId:guid}/{token}", ReceiveAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    /// <summary>The receiver URI of <paramref name="bridgeId"/> under <paramref name="baseUrl"/>.</summary>
    public static Uri ReceiverUri(Uri baseUrl, Guid bridgeId, string token) =>
        new($"{baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/')}{Path}/{bridgeId:D}/{token}");

    private static async Task<IResult> ReceiveAsync(Guid bridgeId, string token, HttpRequest request, ConveneDb db, CdrIngest ingest,
        IOptions<CdrOptions> options, LiveMetrics metrics, LiveState live, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(CdrApi));
        var stored = await db.CdrReceiverTokens.AsNoTracking().Where(t => t.BridgeId == bridgeId).Select(t => t.Token).FirstOrDefaultAsync(cancellationToken);
        if (stored is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stored), Encoding.UTF8.GetBytes(token)))
        {
            return Refuse(403, "The CDR receiver token is not this bridge's.", "bad-token");
        }
        CmsCdrBatch batch;
        try
        {
            batch = await new CmsCdrParser(options.Value.MaxBatchBytes).ParseAsync(request.Body, request.ContentLength, cancellationToken);
        }
        catch (CmsCdrFormatException e)
        {
            return e.Problem == CmsCdrFormatProblem.TooLarge
                ? Refuse(413, "The CDR batch is too large.", "too-large", e.Message)
                : Refuse(400, "The body is not a CDR batch.", "not-a-batch", e.Message);
        }
        var bridge = await db.Bridges.Include(b => b.Nodes).AsNoTracking().FirstOrDefaultAsync(b => b.Id == bridgeId, cancellationToken);
        if (bridge is null || CdrIngest.NodeOf(bridge, batch.CallBridge) is not { } node)
        {
            return Refuse(403, "The CDR batch comes from a Call Bridge that is not a node of this bridge.", "unknown-node",
                $"callBridge=\"{batch.CallBridge}\"");
        }
        if (batch.Malformed.Count > 0)
        {
            Log.CdrMalformedRecords(logger, batch.CallBridge, batch.Malformed.Count, batch.Malformed[0].Reason);
        }
        try
        {
            var (processed, duplicates) = await live.RunAsync(() => ingest.ProcessAsync(bridge, node, batch, cancellationToken), cancellationToken);
            metrics.CdrBatch("accepted");
            metrics.CdrRecords(processed, duplicates);
            return Results.Ok();
        }
        catch (DbUpdateException)
        {
            metrics.CdrBatch("deferred", "concurrent");
            return Results.Problem(statusCode: 503, title: "The batch is being stored by another instance; send it again.");
        }

        IResult Refuse(int status, string title, string reason, string? detail = null)
        {
            metrics.CdrBatch("refused", reason);
            Log.CdrRefused(logger, bridgeId, detail is null ? title : $"{title} {detail}");
            return Results.Problem(statusCode: status, title: title, detail: detail, type: "https://convene.invalid/problems/cdr-" + reason);
        }
    }
}
