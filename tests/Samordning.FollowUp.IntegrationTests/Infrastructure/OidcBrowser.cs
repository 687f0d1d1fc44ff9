using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>
/// What a browser does in an OpenID Connect sign-in, with HttpClient: follows redirects between the
/// service (in memory, https://localhost) and the test provider (a real process on 127.0.0.1), keeps
/// cookies per site, and submits the provider's sign-in form. Every hop is a real HTTP exchange.
/// </summary>
public sealed partial class OidcBrowser : IDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HttpClient _service;
    private readonly HttpClient _network = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromMinutes(1) };

    public OidcBrowser(WebApplicationFactory<Program> service)
    {
        ArgumentNullException.ThrowIfNull(service);
        _factory = service;
        _service = new HttpClient(service.Server.CreateHandler()) { BaseAddress = new Uri("https://localhost"), Timeout = TimeSpan.FromMinutes(1) };
    }

    private OidcBrowser(OidcBrowser other)
        : this(other._factory)
    {
        foreach (Cookie cookie in other.Cookies.GetAllCookies())
        {
            Cookies.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain) { Secure = cookie.Secure, HttpOnly = cookie.HttpOnly });
        }
    }

    public CookieContainer Cookies { get; } = new();

    /// <summary>Every address this browser was at, in order (redirects included).</summary>
    public List<Uri> Visited { get; } = [];

    /// <summary>The last page's address and its HTML.</summary>
    public Uri Address { get; private set; } = new("https://localhost/");

    public string Html { get; private set; } = string.Empty;

    public HttpStatusCode Status { get; private set; }

    /// <summary>Another browser with a copy of this one's cookies (as one who copied them would have).</summary>
    public OidcBrowser Copy() => new(this);

    /// <summary>
    /// Clicks "Logga in med organisationens konto" on /logga-in and signs in at the provider as
    /// <paramref name="userName"/>; stops before the provider's answer reaches the service and returns
    /// that answer's address (the callback, /signin-oidc?code=…&amp;state=…).
    /// </summary>
    public async Task<Uri> SignInAtProviderAsync(string userName)
    {
        await GetAsync("/logga-in");
        Assert.Contains("Logga in med organisationens konto", Html, StringComparison.Ordinal);
        await SubmitAsync(Form("handler=External"), []);
        Assert.Contains("/authorize", Address.AbsolutePath, StringComparison.Ordinal);
        return await SubmitAsync(Form("action=\"/authorize\""), new() { ["username"] = userName }, stopAtService: true);
    }

    /// <summary>Signs in all the way: the provider's answer goes to the service, and the browser follows to the end.</summary>
    public async Task SignInAsync(string userName) => await GetAsync((await SignInAtProviderAsync(userName)).ToString());

    /// <summary>Opens an address and follows redirects (and the sign-in page's Refresh) to the end.</summary>
    public async Task GetAsync(string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Resolve(address));
        await SendAsync(request, stopAtService: false);
    }

    /// <summary>Posts a form of the current page (antiforgery token included) and follows redirects.</summary>
    public async Task<Uri> PostFormAsync(string formMarker, Dictionary<string, string> values) => await SubmitAsync(Form(formMarker), values);

    private async Task<Uri> SubmitAsync((string Action, Dictionary<string, string> Fields) form, Dictionary<string, string> values, bool stopAtService = false)
    {
        foreach (var (name, value) in values)
        {
            form.Fields[name] = value;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Resolve(form.Action)) { Content = new FormUrlEncodedContent(form.Fields) };
        return await SendAsync(request, stopAtService);
    }

    private async Task<Uri> SendAsync(HttpRequestMessage first, bool stopAtService)
    {
        var request = first;
        for (var hop = 0; hop < 20; hop++)
        {
            var uri = request.RequestUri!;
            var toService = uri.Host == "localhost";
            if (stopAtService && toService && uri.AbsolutePath == "/signin-oidc")
            {
                return uri;
            }

            Visited.Add(uri);
            var cookieHeader = Cookies.GetCookieHeader(uri);
            if (cookieHeader.Length > 0)
            {
                request.Headers.Add("Cookie", cookieHeader);
            }

            using var response = await (toService ? _service : _network).SendAsync(request, TestContext.Current.CancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    Cookies.SetCookies(uri, setCookie);
                }
            }

            Address = uri;
            Status = response.StatusCode;
            Html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            var next = response.Headers.Location is { } location ? new Uri(uri, location)
                : response.Headers.TryGetValues("Refresh", out var refresh) ? new Uri(uri, refresh.First().Split("url=", 2)[1])
                : null;
            if (request != first)
            {
                request.Dispose();
            }

            if (next is null)
            {
                return uri;
            }

            request = new HttpRequestMessage(HttpMethod.Get, next);
        }

        throw new InvalidOperationException("More than 20 redirects.");
    }

    private Uri Resolve(string address) => new(Address, address);

    /// <summary>The form of the current page whose opening tag contains <paramref name="marker"/>: its action and fields.</summary>
    private (string Action, Dictionary<string, string> Fields) Form(string marker)
    {
        var form = FormPattern().Matches(Html).FirstOrDefault(m => m.Groups["open"].Value.Contains(marker, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No form with {marker} at {Address}:\n{Html}");
        var action = ActionPattern().Match(form.Groups["open"].Value) is { Success: true } a ? WebUtility.HtmlDecode(a.Groups[1].Value) : Address.PathAndQuery;
        var fields = new Dictionary<string, string>();
        foreach (var input in InputPattern().Matches(form.Groups["body"].Value).Select(m => m.Value))
        {
            if (Attribute(input, "type") == "hidden" && Attribute(input, "name") is { } name)
            {
                fields[name] = Attribute(input, "value") ?? string.Empty;
            }
        }

        return (action, fields);
    }

    [GeneratedRegex("""(?<open><form[^>]*>)(?<body>.*?)</form>""", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("action=\"([^\"]*)\"")]
    private static partial Regex ActionPattern();

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [GeneratedRegex("""<input[^>]*>""")]
    private static partial Regex InputPattern();

    public void Dispose()
    {
        _service.Dispose();
        _network.Dispose();
    }
}
