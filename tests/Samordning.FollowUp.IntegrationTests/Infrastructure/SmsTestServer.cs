using System.Diagnostics;
using System.Text.Json;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>
/// A local SMS gateway on 127.0.0.1 (tests/scripts/sms-test-server.sh) that records every request
/// the service's SMS client makes: path, credentials and the form (from, to, message). Started for
/// the test class that uses it; when it cannot be started, <see cref="Unavailable"/> says why.
/// </summary>
public sealed class SmsTestServer : IAsyncLifetime
{
    private readonly TestServerScript _script = new("sms-test-server.sh");

    public int Port { get; private set; }

    /// <summary>The folder with one JSON file per request.</summary>
    public string Folder { get; private set; } = string.Empty;

    public string? Unavailable { get; private set; }

    public Uri GatewayUrl => new($"http://127.0.0.1:{Port}/a1/sms");

    public async ValueTask InitializeAsync()
    {
        var (port, folder, unavailable) = await _script.StartAsync();
        Unavailable = unavailable is null ? null : $"The SMS test server could not be started: {unavailable}";
        Port = port;
        Folder = folder;
    }

    public async ValueTask DisposeAsync()
    {
        if (Unavailable is null)
        {
            await _script.StopIfStartedHereAsync();
        }
    }

    public sealed record SmsRequest(string Path, string? Authorization, string? ContentType, IReadOnlyDictionary<string, string> Form);

    /// <summary>The requests that sent an SMS to a number (E.164), waiting briefly for them.</summary>
    public async Task<IReadOnlyList<SmsRequest>> RequestsToAsync(string to, int atLeast, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var found = Directory.EnumerateFiles(Folder, "*.json")
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .Order(StringComparer.Ordinal)
                .Select(f => JsonSerializer.Deserialize<SmsRequest>(File.ReadAllText(f), Json)!)
                .Where(r => r.Form.TryGetValue("to", out var number) && number == to)
                .ToList();
            if (found.Count >= atLeast || stopwatch.Elapsed > TimeSpan.FromSeconds(5))
            {
                return found;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };
}
