using System.Diagnostics;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server on 127.0.0.1 (aiosmtpd through tests/scripts/smtp-test-server.sh) that writes every
/// message to a maildir. Started for the test class that uses it and stopped again afterwards,
/// unless it was already running. When it cannot be started, <see cref="Unavailable"/> says why
/// and the tests skip.
/// </summary>
public sealed class SmtpTestServer : IAsyncLifetime
{
    private readonly TestServerScript _script = new("smtp-test-server.sh");

    public int Port { get; private set; }

    /// <summary>The maildir: each received message is a file in its "new" folder.</summary>
    public string Maildir { get; private set; } = string.Empty;

    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var (port, folder, unavailable) = await _script.StartAsync();
        Unavailable = unavailable is null ? null : $"The SMTP test server (aiosmtpd) could not be started: {unavailable}";
        Port = port;
        Maildir = folder;
    }

    public async ValueTask DisposeAsync()
    {
        if (Unavailable is null)
        {
            await _script.StopIfStartedHereAsync();
        }
    }

    /// <summary>The files of the messages sent to an address (the envelope recipient), waiting briefly for them.</summary>
    /// <summary>
    /// A maildir file's place in delivery order. Python's mailbox names a message
    /// "{seconds}.M{microseconds}P{pid}Q{counter}.{host}" with the microseconds not zero-padded, so the
    /// names' ordinal order puts M99999 after M100000 within one second: read the numbers instead.
    /// </summary>
    private static (long Seconds, long Microseconds, long Counter, string Name) DeliveryOrder(string file)
    {
        var name = Path.GetFileName(file);
        var match = System.Text.RegularExpressions.Regex.Match(name, @"^(\d+)\.M(\d+)P\d+Q(\d+)");
        return match.Success
            ? (long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                long.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
                long.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture), name)
            : (long.MaxValue, 0, 0, name);
    }

    /// <summary>The messages to <paramref name="recipient"/>, in the order they were delivered.</summary>
    public async Task<IReadOnlyList<string>> MessagesToAsync(string recipient, int atLeast, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var found = Directory.EnumerateFiles(Path.Combine(Maildir, "new"))
                .Where(f => File.ReadLines(f).TakeWhile(l => l.Length > 0)
                    .Any(l => l.Equals($"X-RcptTo: {recipient}", StringComparison.OrdinalIgnoreCase)))
                .ToList();
            if (found.Count >= atLeast || stopwatch.Elapsed > TimeSpan.FromSeconds(5))
            {
                return [.. found.OrderBy(DeliveryOrder)];
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
