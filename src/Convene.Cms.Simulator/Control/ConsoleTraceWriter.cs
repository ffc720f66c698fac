using System.Threading.Channels;

namespace Convene.Cms.Simulator.Control;

/// <summary>Writes trace lines to standard output off the request path, so a slow terminal never slows the API.</summary>
internal sealed class ConsoleTraceWriter : BackgroundService
{
    private readonly Channel<string> _lines = Channel.CreateBounded<string>(new BoundedChannelOptions(100_000)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    public ChannelWriter<string> Writer => _lines.Writer;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var output = Console.Out;
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await output.WriteLineAsync(line).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
