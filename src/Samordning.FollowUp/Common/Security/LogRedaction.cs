using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Samordning.FollowUp.Common.Security;

/// <summary>
/// Defence in depth for the log: whatever a category writes (a client's URL in the hosting log, a
/// framework's Trace line, an exception message), anything shaped like a personnummer is replaced,
/// and the values of the query parameters <c>kod</c> and <c>token</c> (one-time links) are blanked,
/// before any provider sees the line. The code itself never logs a personnummer; this catches what
/// it does not control.
/// </summary>
internal static partial class LogRedaction
{
    public const string PersonnummerMark = "[personnummer]";
    public const string SecretMark = "***";

    /// <summary>
    /// YYYYMMDD or YYMMDD, then an optional separator (-, + or their URL escapes %2D, %2B) and four
    /// digits; the month must be 01–12 and the day 01–31 or 61–91 (samordningsnummer), and a
    /// 12-digit form must start with 18, 19 or 20. Not inside a longer run of letters or digits, so
    /// ids, ticks, 13-digit timestamps and hex strings stay as they are. A 10-digit number that
    /// happens to read as a date (some Unix timestamps, a phone number) is redacted too: the check
    /// digit is deliberately not required, because a mistyped personnummer is still one.
    /// </summary>
    [GeneratedRegex(
        @"(?<![\p{L}\p{N}_])(?:(?:18|19|20)[0-9]{2}|[0-9]{2})(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01]|6[1-9]|[78][0-9]|9[01])(?:[-+]|%2[BbDd])?[0-9]{4}(?![\p{L}\p{N}_])",
        RegexOptions.CultureInvariant)]
    private static partial Regex PersonnummerShape();

    /// <summary>The value of ?kod= or &amp;token= up to the next separator.</summary>
    [GeneratedRegex(@"(?<=[?&](?:kod|token)=)[^&#\s""'<>]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SecretQueryValue();

    /// <summary>The text with every personnummer-shaped number and every kod/token value replaced.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var redacted = PersonnummerShape().Replace(text, PersonnummerMark);
        return SecretQueryValue().Replace(redacted, SecretMark);
    }

    /// <summary>True and the redacted state when anything in it (its text or a value) had to be changed.</summary>
    public static bool TryRedact<TState>(TState state, string message, out RedactedState redacted)
    {
        var text = Redact(message);
        var changed = !string.Equals(text, message, StringComparison.Ordinal);
        var values = new List<KeyValuePair<string, object?>>();
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var (key, value) in pairs)
            {
                var clean = RedactValue(value, out var valueChanged);
                changed |= valueChanged;
                values.Add(new(key, clean));
            }
        }

        redacted = new RedactedState(text, values);
        return changed;
    }

    public static Exception? Redact(Exception? exception)
    {
        if (exception is null)
        {
            return null;
        }

        var full = exception.ToString();
        var text = Redact(full);
        return string.Equals(text, full, StringComparison.Ordinal)
            ? exception
            : new RedactedException(Redact(exception.Message), text);
    }

    private static object? RedactValue(object? value, out bool changed)
    {
        changed = false;
        var text = value switch
        {
            null or bool or byte or short or int or char or Guid or DateTime or DateTimeOffset or TimeSpan or Enum => null,
            string s => s,
            IEnumerable items => string.Join(", ", items.Cast<object?>().Select(i => Convert.ToString(i, CultureInfo.InvariantCulture))),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
        if (text is null)
        {
            return value;
        }

        var clean = Redact(text);
        changed = !string.Equals(clean, text, StringComparison.Ordinal);
        return changed ? clean : value;
    }

    /// <summary>
    /// Puts the redaction in front of every provider: the host's <see cref="ILoggerFactory"/> is
    /// wrapped, so every category (the framework's, EF Core's, Hangfire's, ours) and every provider
    /// (console, a test's recorder, one added after this call) receives only redacted lines, while
    /// the providers' own level filters keep working.
    /// </summary>
    public static IServiceCollection AddLogRedaction(this IServiceCollection services)
    {
        services.AddLogging();
        var registered = services.Last(d => d.ServiceType == typeof(ILoggerFactory));
        services.RemoveAll<ILoggerFactory>();
        services.AddSingleton<ILoggerFactory>(sp => new RedactingLoggerFactory(Inner(sp, registered)));
        return services;
    }

    private static ILoggerFactory Inner(IServiceProvider services, ServiceDescriptor registered) => registered switch
    {
        // The default registration; built as the container would build it.
        { ImplementationType: { } type } when type == typeof(LoggerFactory) => new LoggerFactory(
            services.GetServices<ILoggerProvider>(),
            services.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            services.GetService<IOptions<LoggerFactoryOptions>>(),
            services.GetService<IExternalScopeProvider>()),
        { ImplementationType: { } type } => (ILoggerFactory)ActivatorUtilities.CreateInstance(services, type),
        { ImplementationFactory: { } factory } => (ILoggerFactory)factory(services),
        { ImplementationInstance: ILoggerFactory instance } => instance,
        _ => throw new InvalidOperationException("The logger factory's registration is not supported by the log redaction."),
    };
}

/// <summary>A log line after redaction: the message, and the structured values a provider may write.</summary>
internal sealed class RedactedState(string message, IReadOnlyList<KeyValuePair<string, object?>> values)
    : IReadOnlyList<KeyValuePair<string, object?>>
{
    public string Message { get; } = message;

    public int Count => values.Count;

    public KeyValuePair<string, object?> this[int index] => values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Message;
}

/// <summary>Stands in for an exception whose message or stack text held something redacted.</summary>
internal sealed class RedactedException(string message, string text) : Exception(message)
{
    public override string ToString() => text;
}

internal sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class RedactingLogger(ILogger logger) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            var text = Convert.ToString(state, CultureInfo.InvariantCulture) ?? string.Empty;
            return LogRedaction.TryRedact(state, text, out var redacted) ? logger.BeginScope(redacted) : logger.BeginScope(state);
        }

        public bool IsEnabled(LogLevel logLevel) => logger.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!logger.IsEnabled(logLevel))
            {
                return;
            }

            var redactedException = LogRedaction.Redact(exception);
            if (LogRedaction.TryRedact(state, formatter(state, exception), out var redacted))
            {
                logger.Log(logLevel, eventId, redacted, redactedException, static (s, _) => s.Message);
            }
            else if (!ReferenceEquals(redactedException, exception))
            {
                // Only the exception held something: keep the line's own state and text.
                logger.Log(logLevel, eventId, state, redactedException, (s, _) => formatter(s, exception));
            }
            else
            {
                logger.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
