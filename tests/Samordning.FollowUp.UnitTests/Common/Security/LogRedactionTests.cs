using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Samordning.FollowUp.Common.Security;

namespace Samordning.FollowUp.UnitTests.Common.Security;

/// <summary>The log's last line of defence: personnummer-shaped numbers and one-time codes are replaced, nothing else.</summary>
public sealed class LogRedactionTests
{
    [Theory]
    [InlineData("19540122-2178")]
    [InlineData("195401222178")]
    [InlineData("540122-2178")]
    [InlineData("540122+2178")]
    [InlineData("5401222178")]
    [InlineData("19540182-2179")] // samordningsnummer: day + 60
    [InlineData("19540122%2D2178")] // as a URL escapes it
    [InlineData("540122%2b2178")]
    [InlineData("18991231-1234")]
    [InlineData("20001123-9803")]
    [InlineData("19540122-2179")] // a wrong check digit is still someone's number mistyped
    public void Redact_PersonnummerInAnyForm_ReplacesIt(string number)
    {
        var line = $"Request starting HTTP/1.1 GET https://localhost/api/v1/personer/{number}?pnr={number}&x=1 - - -";

        var redacted = LogRedaction.Redact(line);

        Assert.Equal("Request starting HTTP/1.1 GET https://localhost/api/v1/personer/[personnummer]?pnr=[personnummer]&x=1 - - -", redacted);
        Assert.Equal("[personnummer]", LogRedaction.Redact(number));
        Assert.Equal("(arguments ([personnummer]))", LogRedaction.Redact($"(arguments ({number}))"));
    }

    [Theory]
    [InlineData("Executed DbCommand (12ms) [Parameters=[@p0='42'], CommandType='Text', CommandTimeout='30']")]
    [InlineData("Participation 1234567 of intervention 123456789 (9 digits) updated")]
    [InlineData("ms timestamp 1732350000000 and ticks 638679312000000000")]
    [InlineData("unix time 1763892000 and 1735689600")] // months 63 and 56: not dates
    [InlineData("trace 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01, id 0HNDP5K5Q0J6M:00000001")]
    [InlineData("guid 3f2504e0-4f89-11d3-9a0c-0305e82c3301")]
    [InlineData("at 2026-11-23T10:00:00.1234567Z, day 20261123, time 2026-11-23 10:00:00")]
    [InlineData("Request finished HTTP/1.1 GET https://localhost:5080/api/v1/audit?page=2147483647&pageSize=200 - 200 262144 application/json 12.3456ms")]
    [InlineData("organisationsnummer 556677-8899 and 202100-6255")] // month 66 and 21: not dates
    [InlineData("budget 1200000 kr, 1950 kvinnor, årtal 1954, postnummer 504 62")]
    [InlineData("Indikatorkod=I1 och token utan frågetecken")]
    public void Redact_OrdinaryNumbersIdsTimestampsAndTraceIds_LeavesThemAlone(string line)
    {
        Assert.Equal(line, LogRedaction.Redact(line));
    }

    [Theory]
    [InlineData("/engangslank?kod=6F1C9A2B&x=1", "/engangslank?kod=***&x=1")]
    [InlineData("/aterstall?user=5&token=eyJhbGciOi.J9.abc-_", "/aterstall?user=5&token=***")]
    [InlineData("/x?Token=ABC#frag", "/x?Token=***#frag")]
    [InlineData("GET https://h/x?kod=abc - 200", "GET https://h/x?kod=*** - 200")]
    [InlineData("/x?kodord=abc&tokens=def", "/x?kodord=abc&tokens=def")]
    public void Redact_KodAndTokenQueryParameters_BlanksTheirValues(string line, string expected)
    {
        Assert.Equal(expected, LogRedaction.Redact(line));
    }

    [Fact]
    public void LoggerFactory_EveryLogger_WritesRedactedMessagesValuesScopesAndExceptions()
    {
        var capture = new Capture();
        using var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(capture))
            .AddLogRedaction()
            .BuildServiceProvider();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Any.Category");

#pragma warning disable CA1873 // Every level is on here; the arguments are what the test is about.
        using (logger.BeginScope("RequestPath:{RequestPath}", "/api/v1/personer/19540122-2178"))
        {
            logger.LogTrace("Executing handler method {Handler} with arguments ({Arguments})", "OnPost", "540122-2178");
        }

        logger.LogError(new InvalidOperationException("Kunde inte läsa 195401222178"), "Failed for {Path}", "/x?token=hemligt");
        logger.LogInformation("Participation {Id} saved in {Elapsed} ms", 1234567L, 12.5);
#pragma warning restore CA1873

        var lines = capture.Lines;
        Assert.Equal(3, lines.Count);
        Assert.Equal("Executing handler method OnPost with arguments ([personnummer])", lines[0].Message);
        Assert.Contains(new KeyValuePair<string, string?>("Arguments", "[personnummer]"), lines[0].Values);
        Assert.Equal(["RequestPath:/api/v1/personer/[personnummer]"], lines[0].Scopes);
        Assert.Equal("Failed for /x?token=***", lines[1].Message);
        Assert.DoesNotContain("195401222178", lines[1].Exception, StringComparison.Ordinal);
        Assert.Contains("Kunde inte läsa [personnummer]", lines[1].Exception, StringComparison.Ordinal);
        // A clean line keeps its own structured values, numbers as numbers.
        Assert.Equal("Participation 1234567 saved in 12.5 ms", lines[2].Message);
        Assert.Equal(1234567L, lines[2].Raw["Id"]);
    }

    private sealed record Line(string Message, Dictionary<string, string?> Values, Dictionary<string, object?> Raw, List<string> Scopes, string Exception);

    private sealed class Capture : ILoggerProvider, ISupportExternalScope
    {
        private readonly ConcurrentQueue<Line> _lines = new();
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public List<Line> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(Capture owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var pairs = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
                var scopes = new List<string>();
                owner._scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? string.Empty), scopes);
                owner._lines.Enqueue(new Line(
                    formatter(state, exception),
                    pairs.ToDictionary(p => p.Key, p => p.Value?.ToString()),
                    pairs.ToDictionary(p => p.Key, p => p.Value),
                    scopes,
                    exception?.ToString() ?? string.Empty));
            }
        }
    }
}
