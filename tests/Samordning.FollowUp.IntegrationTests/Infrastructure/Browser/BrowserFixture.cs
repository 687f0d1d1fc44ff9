using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure.Browser;

/// <summary>
/// The service on a real Kestrel port (SQLite, the tests' clock) and Debian's Chromium driven by
/// Playwright. Chromium is the system's /usr/bin/chromium (tests/scripts/browser-deps.sh installs
/// it from Debian's packages); Playwright's own browser download is never used.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Launch flags for this closed network (../shared/docs/packages.md): no background connections.</summary>
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage",
    ];

    private IPlaywright? _playwright;

    public ApiFactory Factory { get; } = new() { PlainHttp = true };

    /// <summary>A real SMTP server (aiosmtpd) that receives the service's account e-mails.</summary>
    public SmtpTestServer Smtp { get; } = new();

    public const string MailFrom = "konton@samordning.test";

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Where screenshots of the main pages are kept (a CI artefact).</summary>
    public string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("FOLLOWUP_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ChromiumPath}: run tests/scripts/browser-deps.sh (tests/scripts/test.sh does).");
        }

        await Smtp.InitializeAsync();
        if (Smtp.Unavailable is null)
        {
            Factory.ExtraSettings["Smtp:Host"] = "127.0.0.1";
            Factory.ExtraSettings["Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Factory.ExtraSettings["Smtp:UseStartTls"] = "false";
            Factory.ExtraSettings["Smtp:From"] = MailFrom;
        }

        // Links in e-mails need a base; the tests open their path on the real address (the port is chosen at start).
        Factory.ExtraSettings["FollowUps:PublicBaseUrl"] = "http://localhost";

        Factory.UseKestrel(0);
        await Factory.InitializeAsync();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.First().Replace("[::]", "localhost", StringComparison.Ordinal)
            .Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("127.0.0.1", "localhost", StringComparison.Ordinal));

        await WarmUpAsync();
        Assertions.SetDefaultExpectTimeout(15_000);
        Directory.CreateDirectory(ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>
    /// Serves the sign-in page once before the first test, so the first test's waits do not also
    /// carry the service's cold start (JIT, the first database connection).
    /// </summary>
    private async Task WarmUpAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        using var response = await client.GetAsync(new Uri("/logga-in", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Factory.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Samordning.FollowUp.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? Path.GetTempPath();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserFixture>, ICollectionFixture<OidcBrowserService>
{
    public const string Name = "Browser";
}
