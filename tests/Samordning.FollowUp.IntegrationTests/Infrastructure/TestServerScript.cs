using System.Diagnostics;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>
/// A local test server started by its script in tests/scripts (start/stop/status, idempotent, "PORT
/// FOLDER" on stdout): the SMTP server and the SMS gateway. Stopped again by whoever started it.
/// </summary>
internal sealed class TestServerScript(string fileName)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);

    private string? _script;
    private bool _startedHere;

    /// <summary>Starts the server (if not running); the port and folder, or why it could not.</summary>
    public async Task<(int Port, string Folder, string? Unavailable)> StartAsync()
    {
        var (address, folder, unavailable) = await StartWithAddressAsync();
        if (unavailable is not null)
        {
            return (0, string.Empty, unavailable);
        }

        return int.TryParse(address, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            ? (port, folder, null)
            : (0, string.Empty, $"tests/scripts/{fileName} start printed no port.");
    }

    /// <summary>Starts the server (if not running); what its script prints first (a port or an address) and the folder, or why it could not.</summary>
    public async Task<(string Address, string Folder, string? Unavailable)> StartWithAddressAsync()
    {
        _script = Find(fileName);
        if (_script is null)
        {
            return (string.Empty, string.Empty, $"tests/scripts/{fileName} was not found above {AppContext.BaseDirectory}.");
        }

        var (running, _, _) = await RunAsync("status");
        _startedHere = running != 0;
        var (exit, output, error) = await RunAsync("start");
        var parts = output.Trim().Split(' ', 2);
        return exit != 0 || parts.Length != 2
            ? (string.Empty, string.Empty, $"tests/scripts/{fileName} start exited {exit}. {error.Trim()}")
            : (parts[0], parts[1], null);
    }

    public async Task StopIfStartedHereAsync()
    {
        if (_startedHere && _script is not null)
        {
            await RunAsync("stop");
        }
    }

    private static string? Find(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string command)
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
