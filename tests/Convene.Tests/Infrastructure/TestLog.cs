namespace Convene.Tests;

/// <summary>A logger provider that keeps what Convene logs, so a test can assert on log events.</summary>
public sealed class TestLog : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly List<TestLogEntry> _entries = [];

    /// <summary>Everything logged so far, in order.</summary>
    public IReadOnlyList<TestLogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToList();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TestLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (log._gate)
            {
                log._entries.Add(new TestLogEntry(category, logLevel, eventId.Id, formatter(state, exception), exception));
            }
        }
    }
}

/// <summary>One log event: category, level, event id, the formatted message and the exception.</summary>
public sealed record TestLogEntry(string Category, LogLevel Level, int EventId, string Message, Exception? Exception);
