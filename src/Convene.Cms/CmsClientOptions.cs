namespace Convene.Cms;

/// <summary>How a <see cref="CmsClient"/> times out and retries.</summary>
public sealed class CmsClientOptions
{
    /// <summary>Time allowed for one attempt of one request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries of a GET after a connection failure, timeout or 5xx, and of any request answered
    /// 503 (the bridge did not act on it). A POST is never retried otherwise: it creates an object.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Largest answer accepted from a bridge; a larger one is refused as invalid.</summary>
    public int MaxResponseBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Items asked for per list page. The bridge may return fewer (its own cap); paging
    /// advances by what it returned.</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>Told of every attempt once it is answered or has failed (<see cref="CmsRequestRecord"/>), on the calling
    /// thread: keep it quick and never throw. Null (the default) tells no one.</summary>
    public Action<CmsRequestRecord>? Observer { get; set; }

    /// <summary>Checks the values, with a message that names the wrong one.</summary>
    public void Validate()
    {
        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("CmsClientOptions.RequestTimeout must be positive.");
        }
        if (MaxRetries is < 0 or > 10)
        {
            throw new ArgumentException("CmsClientOptions.MaxRetries must be between 0 and 10.");
        }
        if (RetryDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("CmsClientOptions.RetryDelay must not be negative.");
        }
        if (MaxResponseBytes < 1024)
        {
            throw new ArgumentException("CmsClientOptions.MaxResponseBytes must be at least 1024.");
        }
        if (PageSize is < 1 or > 1000)
        {
            throw new ArgumentException("CmsClientOptions.PageSize must be between 1 and 1000.");
        }
    }
}
