using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>One log event as a log store would keep it: the formatted message, every structured value, the scopes and the exception.</summary>
public sealed record CapturedLog(LogLevel Level, string Category, string Text);

/// <summary>Records every log event at every level, with everything a sink could write out.</summary>
[ProviderAlias("Capture")]
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _logs = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Logs => [.. _logs];

    public void Clear() => _logs.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
        // Nothing to release; the records stay readable after the host stops.
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var parts = new List<string> { formatter(state, exception) };
            AddValues(parts, state);
            provider._scopes.ForEachScope((scope, list) =>
            {
                list.Add(Convert.ToString(scope, CultureInfo.InvariantCulture) ?? string.Empty);
                AddValues(list, scope);
            }, parts);
            if (exception is not null)
            {
                parts.Add(exception.ToString());
            }

            provider._logs.Enqueue(new CapturedLog(logLevel, category, string.Join(" | ", parts)));
        }

        private static void AddValues(List<string> parts, object? state)
        {
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                parts.AddRange(values.Select(v => $"{v.Key}={Text(v.Value)}"));
            }
        }

        private static string Text(object? value) => value switch
        {
            null => string.Empty,
            string s => s,
            System.Collections.IEnumerable items => string.Join(",", items.Cast<object?>().Select(i => Convert.ToString(i, CultureInfo.InvariantCulture))),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        };
    }
}
