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
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);

    private string? _script;
    private bool _startedHere;

    public int Port { get; private set; }

    /// <summary>The maildir: each received message is a file in its "new" folder.</summary>
    public string Maildir { get; private set; } = string.Empty;

    public string? Unavailable { get; private set; }

    public async ValueTask InitializeAsync()
    {
        _script = FindScript();
        if (_script is null)
        {
            Unavailable = $"tests/scripts/smtp-test-server.sh was not found above {AppContext.BaseDirectory}.";
            return;
        }

        var (running, _, _) = await RunScriptAsync("status");
        _startedHere = running != 0;
        var (exit, output, error) = await RunScriptAsync("start");
        var parts = output.Trim().Split(' ', 2);
        if (exit != 0 || parts.Length != 2 || !int.TryParse(parts[0], out var port))
        {
            Unavailable = $"The SMTP test server (aiosmtpd) could not be started: tests/scripts/smtp-test-server.sh start exited {exit}. {error.Trim()}";
            return;
        }

        Port = port;
        Maildir = parts[1];
    }

    public async ValueTask DisposeAsync()
    {
        if (_startedHere && Unavailable is null)
        {
            await RunScriptAsync("stop");
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

    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", "smtp-test-server.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private async Task<(int ExitCode, string Output, string Error)> RunScriptAsync(string command)
    {
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(_script!);
        start.ArgumentList.Add(command);
        try
        {
            using var process = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(ScriptTimeout);
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            return (-1, string.Empty, e.Message);
        }
    }
}
