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
                return found;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
