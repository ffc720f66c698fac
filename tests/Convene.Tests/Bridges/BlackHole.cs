using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Convene.Tests.Bridges;

/// <summary>A server on 127.0.0.1 that accepts every connection and never answers: a CMS that hangs.
/// <see cref="Accepted"/> tells when a connection came in, so a test can wait for it instead of sleeping.</summary>
public sealed class BlackHole : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];
    private readonly Channel<bool> _accepted = Channel.CreateUnbounded<bool>();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public BlackHole()
    {
        _listener.Start();
        _loop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Address => $"http://127.0.0.1:{Port}";

    /// <summary>Completes when the next connection is accepted.</summary>
    public Task Accepted(CancellationToken ct) => _accepted.Reader.ReadAsync(ct).AsTask();

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_held)
                {
                    _held.Add(client);
                }
                _accepted.Writer.TryWrite(true);
            }
        }
        catch (Exception e) when (_stop.IsCancellationRequested && e is OperationCanceledException or InvalidOperationException or SocketException or ObjectDisposedException)
        {
            // Stopped: the listener may be stopped between two accepts ("Not listening") as well as during one.
        }
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        lock (_held)
        {
            _held.ForEach(c => c.Dispose());
        }
        _stop.Dispose();
    }
}
