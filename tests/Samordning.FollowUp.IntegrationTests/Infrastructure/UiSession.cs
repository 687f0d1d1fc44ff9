using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>An HTTP client holding the web UI's cookie of a new user of the role (pages, not the API).</summary>
public static partial class UiSession
{
    /// <summary>The antiforgery token of the form on the page, as a browser would send it back.</summary>
    public static async Task<string> FormTokenAsync(HttpClient client, string page)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(page, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"GET {page}: {(int)response.StatusCode}");
        var token = AntiforgeryToken().Match(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), $"{page} has no form with an antiforgery token");
        return token;
    }

    /// <summary>Posts the fields as a browser posts the page's form (urlencoded, with the token).</summary>
    public static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string token, params (string Name, string Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        var content = new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]);
        return client.PostAsync(new Uri(path, UriKind.Relative), content, TestContext.Current.CancellationToken);
    }

    [System.Text.RegularExpressions.GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex AntiforgeryToken();

    public static async Task<HttpClient> SignInAsync(ApiFactory factory, UserRole role, long? associationId, long? providerId)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var email = await factory.CreateUserAsync(role, associationId, providerId);
        // https: the cookie is Secure outside Development, and the client only returns it over https.
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri("https://localhost"),
        });
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password = ApiFactory.Password },
            TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return client;
    }
}
