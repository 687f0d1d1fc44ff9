using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Api;

/// <summary>
/// Outside Development (the tests' host runs as "Testing"): plain HTTP is redirected to the
/// configured HTTPS port, HSTS lasts a year with subdomains, every cookie is Secure, and the
/// static files carry the same headers as the pages.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Hardening")]
public sealed class TransportSecurityTests(ApiFactory factory) : ApiTest(factory)
{
    private HttpClient Client(string baseAddress, WebApplicationFactory<Program>? host = null) =>
        (host ?? Factory).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(baseAddress) });

    private static IReadOnlyList<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? [.. cookies] : [];

    [Theory]
    [InlineData("/css/site.css", "text/css")]
    [InlineData("/js/site.js", "text/javascript")]
    public async Task StaticFiles_CarryTheSecurityHeaders(string path, string contentType)
    {
        using var http = Client("https://localhost");

        var response = await http.GetAsync(new Uri(path, UriKind.Relative), Ct);

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        SecurityHeadersTests.AssertHardened(response, api: false);
    }

    [Fact]
    public async Task HttpRequest_IsRedirectedToHttps_OnTheDefaultPort443()
    {
        using var http = Client("http://followup.example");

        var response = await http.GetAsync(new Uri("/api/v1/auth/me?x=1", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(new Uri("https://followup.example/api/v1/auth/me?x=1"), response.Headers.Location);
        SecurityHeadersTests.AssertHardened(response, api: true);
    }

    /// <summary>
    /// The framework looked the port up from the server's addresses and, when a request came
    /// before they were known, gave up redirecting for good. The in-memory server has no
    /// addresses at all: only the configured Https:Port can make this redirect.
    /// </summary>
    [Fact]
    public async Task HttpRequest_IsRedirectedToTheConfiguredHttpsPort_FormsAndStaticFilesToo()
    {
        var host = Factory.WithSettings(("Https:Port", "8443"));
        using var http = Client("http://followup.example", host);

        foreach (var path in new[] { "/health", "/logga-in", "/css/site.css", "/api/v1/follow-ups" })
        {
            var response = await http.GetAsync(new Uri(path, UriKind.Relative), Ct);

            Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
            Assert.Equal(new Uri($"https://followup.example:8443{path}"), response.Headers.Location);
            Assert.Empty(Cookies(response));
        }

        var post = await http.PostAsJsonAsync("/api/v1/auth/login", new { email = "x@test.example", password = "y" }, Ct);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, post.StatusCode);
    }

    [Fact]
    public async Task Https_CarriesHstsForOneYearWithSubdomains()
    {
        using var http = Client("https://followup.example");

        var response = await http.GetAsync(new Uri("/health", UriKind.Relative), Ct);

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.True(response.Headers.TryGetValues("Strict-Transport-Security", out var hsts), "no Strict-Transport-Security");
        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(hsts));
    }

    [Fact]
    public async Task EveryCookie_AntiforgeryAndSignIn_IsSecureHttpOnlyAndStrict()
    {
        var email = await Factory.CreateUserAsync(UserRole.SystemAdmin, null, null);
        using var http = Client("https://followup.example");

        var page = await http.GetAsync(new Uri("/logga-in", UriKind.Relative), Ct);
        var signIn = await http.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password = ApiFactory.Password }, Ct);

        await page.ShouldHaveStatusAsync(HttpStatusCode.OK);
        await signIn.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var cookies = Cookies(page).Concat(Cookies(signIn)).ToList();
        Assert.Contains(cookies, c => c.StartsWith("FollowUp.Antiforgery=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("FollowUp.Auth=", StringComparison.Ordinal));
        foreach (var cookie in cookies)
        {
            var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToList();
            var name = cookie[..cookie.IndexOf('=', StringComparison.Ordinal)];
            Assert.True(attributes.Contains("secure"), $"{name} is not Secure: {cookie}");
            Assert.True(attributes.Contains("httponly"), $"{name} is not HttpOnly: {cookie}");
            Assert.True(attributes.Contains("samesite=strict"), $"{name} is not SameSite=Strict: {cookie}");
        }
    }

    /// <summary>A local run without TLS (Https:Required=false, as the compose file and the browser tests do): plain HTTP is served and its forms work.</summary>
    [Fact]
    public async Task HttpsNotRequired_PlainHttpIsServed_WithoutHsts_AndTheFormsWork()
    {
        var host = Factory.WithSettings(("Https:Required", "false"));
        using var http = Client("http://localhost", host);

        var page = await http.GetAsync(new Uri("/logga-in", UriKind.Relative), Ct);

        await page.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Contains("__RequestVerificationToken", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        SecurityHeadersTests.AssertHardened(page, api: false);
    }
}
