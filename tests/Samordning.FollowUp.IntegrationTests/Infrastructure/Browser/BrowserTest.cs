using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure.Browser;

/// <summary>
/// Base of the browser tests: an empty database, data arranged through the API (as in the API
/// tests), then a person using the pages in Chromium. Every page a test visits can be scanned
/// with axe-core; serious and critical violations fail the test.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserTestGroup.Name)]
public abstract partial class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    private static readonly Lazy<string> AxeSource = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Infrastructure", "Browser", "axe", "axe.min.js")));

    private readonly List<IBrowserContext> _contexts = [];
    private readonly System.Collections.Concurrent.ConcurrentBag<string> _blocked = [];

    protected BrowserFixture Fixture { get; } = fixture;

    protected ApiFactory Factory => Fixture.Factory;

    protected TestUsers Users { get; private set; } = null!;

    protected TestData Data { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Factory.Clock.AdjustTime(TestDates.Now);
        Factory.Commands.Reset();
        await Factory.ResetDatabaseAsync();
        Users = new TestUsers(Factory);
        Data = new TestData(Users);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        Users.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A new browser (own cookies) signed in through the sign-in page as a new user of the role.</summary>
    protected async Task<IPage> SignInAsync(UserRole role, long? associationId, long? providerId)
    {
        var email = await Factory.CreateUserAsync(role, associationId, providerId);
        return await SignInAsAsync(email);
    }

    /// <summary>A new browser signed in through the sign-in page as an existing user.</summary>
    protected async Task<IPage> SignInAsAsync(string email)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/logga-in");
        await page.GetByLabel("E-postadress").FillAsync(email);
        await page.GetByLabel("Lösenord").FillAsync(ApiFactory.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        await LeftAsync(page, "/logga-in");
        await Assertions.Expect(page.Locator("main")).ToBeVisibleAsync();
        LastSignedIn = email;
        return page;
    }

    [GeneratedRegex(@"https?://\S+(?<path>/konto/valj-losenord\?\S+)")]
    private static partial Regex PasswordLinkPattern();

    /// <summary>
    /// The new account's e-mail ("Ditt konto i Samordning Uppföljning") read from the test's SMTP server,
    /// and its one-time link opened in a new browser, at "Välj lösenord".
    /// </summary>
    protected async Task<IPage> OpenPasswordLinkAsync(string email)
    {
        var file = Assert.Single(await Fixture.Smtp.MessagesToAsync(email, atLeast: 1, Ct));
        var mail = await MimeKit.MimeMessage.LoadAsync(file, Ct);
        Assert.Equal("Ditt konto i Samordning Uppföljning", mail.Subject);
        var link = PasswordLinkPattern().Match(mail.TextBody ?? string.Empty);
        Assert.True(link.Success, mail.TextBody);
        var page = await NewPageAsync();
        await page.GotoAsync(link.Groups["path"].Value);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Välj lösenord");
        return page;
    }

    /// <summary>Nothing on the page is wider than the screen (<c>scrollWidth</c> ≤ <c>innerWidth</c>); a failure names the widest elements.</summary>
    protected static async Task AssertFitsTheScreenAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        if (widths[0] > widths[1])
        {
            var widest = await page.EvaluateAsync<string>(
                "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
                + ".slice(0, 8).map(e => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right)).join(' | ')");
            Assert.Fail($"{page.Url} is {widths[0]} px wide at {widths[1]} px: {widest}");
        }
    }

    /// <summary>Signs in on the sign-in page with the password the user chose.</summary>
    protected static async Task SignInWithAsync(IPage page, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!page.Url.Contains("/logga-in", StringComparison.Ordinal))
        {
            await page.GotoAsync("/logga-in");
        }

        await page.GetByLabel("E-postadress").FillAsync(email);
        await page.GetByLabel("Lösenord", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in" }).ClickAsync();
        await LeftAsync(page, "/logga-in");
    }

    /// <summary>
    /// Waits until the page's address holds <paramref name="path"/>. Asked of the page (polled), not
    /// through WaitForURLAsync, whose check-then-subscribe can lose a navigation that commits in
    /// between and then wait for ever (microsoft/playwright-dotnet#3364).
    /// </summary>
    protected static Task ArrivedAsync(IPage page, string path) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path)));

    /// <summary>Waits until the page's address no longer holds <paramref name="path"/> (polled, as <see cref="ArrivedAsync"/>).</summary>
    protected static Task LeftAsync(IPage page, string path) =>
        Assertions.Expect(page).Not.ToHaveURLAsync(new Regex(Regex.Escape(path)));

    /// <summary>The e-mail of the user who signed in last (to sign in again after the clock moved).</summary>
    protected string LastSignedIn { get; private set; } = string.Empty;

    protected static Task SelectAsync(IPage page, string label, string option) =>
        page.GetByLabel(label, new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = option });

    protected static Task FillAsync(IPage page, string label, string value) =>
        page.GetByLabel(label, new() { Exact = true }).FillAsync(value);

    protected static Task ClickButtonAsync(IPage page, string name) =>
        page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();

    protected static Task ClickLinkAsync(IPage page, string name) =>
        page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();

    protected async Task<IPage> NewPageAsync()
    {
        var context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Fixture.BaseAddress.ToString(),
            Locale = "sv-SE",
            TimezoneId = "Europe/Stockholm",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = true,
        });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        // Generous waits: the first page of a run on a cold, busy two-core CI machine can take
        // well over ten seconds (JIT, first queries); a wait that passes never slows a test down.
        page.SetDefaultTimeout(30_000);
        page.SetDefaultNavigationTimeout(60_000);
        // Anything the strict Content-Security-Policy blocked (an inline style or script) is a defect.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                _blocked.Add($"{page.Url}: {message.Text}");
            }
        };
        return page;
    }

    /// <summary>Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is now; serious or critical findings fail.</summary>
    protected static async Task AssertAccessibleAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        // Evaluated through the DevTools protocol, so the page's strict CSP does not stop it.
        await page.EvaluateAsync(AxeSource.Value);
        var json = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
                const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
                return result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')) }));
            }
            """);
        var violations = json.EnumerateArray().Select(v =>
            $"{v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()}: {v.GetProperty("help").GetString()} "
            + $"[{string.Join(", ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}]").ToList();
        Assert.True(violations.Count == 0, $"axe on {page.Url}:\n{string.Join("\n", violations)}");
    }

    /// <summary>Keeps a screenshot (the whole page unless <paramref name="fullPage"/> is false) as a test artefact: artifacts/screenshots/NAME.png.</summary>
    protected async Task ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(Fixture.ScreenshotFolder, $"{name}.png"),
            FullPage = fullPage,
        });
    }

    /// <summary>The checks every visited main page gets: accessible, nothing blocked by the CSP, and a screenshot kept.</summary>
    protected async Task CheckPageAsync(IPage page, string screenshotName)
    {
        await AssertAccessibleAsync(page);
        Assert.True(_blocked.IsEmpty, "Blocked by the Content-Security-Policy:\n" + string.Join("\n", _blocked));
        await ScreenshotAsync(page, screenshotName);
    }
}
