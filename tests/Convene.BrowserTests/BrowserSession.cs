namespace Convene.BrowserTests;

/// <summary>One browser context and its page; the user it signed in as, if any. Dispose to close it.</summary>
public sealed class BrowserSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context => context;

    public IPage Page => page;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public ValueTask DisposeAsync() => context.DisposeAsync();
}
