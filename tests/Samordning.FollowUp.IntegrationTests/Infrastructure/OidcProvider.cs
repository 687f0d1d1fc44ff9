using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>
/// The OpenID Connect test provider (tests/Samordning.FollowUp.OidcTestProvider) as a separate
/// process on loopback, started by tests/scripts/oidc-test-provider.sh (idempotent) and stopped
/// again by whoever started it. Real protocol and real signed tokens: the service talks to it as
/// to a municipality's identity provider. Test users and their claims are set over HTTP.
/// </summary>
public sealed class OidcProvider : IAsyncLifetime
{
    public const string ClientId = "samordning-followup";
    public const string ClientSecret = "test-secret";

    private readonly TestServerScript _script = new("oidc-test-provider.sh");
    private HttpClient _http = null!;

    /// <summary>The provider's address, which is also its issuer (http://127.0.0.1:port).</summary>
    public Uri Authority { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var (address, _, unavailable) = await _script.StartWithAddressAsync();
        if (unavailable is not null)
        {
            throw new InvalidOperationException($"The OpenID Connect test provider could not be started: {unavailable}");
        }

        Authority = new Uri(address);
        _http = new HttpClient { BaseAddress = Authority, Timeout = TimeSpan.FromMinutes(1) };
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        await _script.StopIfStartedHereAsync();
    }

    /// <summary>The service's settings that connect it to this provider.</summary>
    public (string Key, string Value)[] Settings =>
    [
        ("Authentication:OpenIdConnect:Authority", Authority.ToString().TrimEnd('/')),
        ("Authentication:OpenIdConnect:ClientId", ClientId),
        ("Authentication:OpenIdConnect:ClientSecret", ClientSecret),
    ];

    /// <summary>Creates or replaces a test user who signs in at the provider with <paramref name="userName"/>.</summary>
    public async Task PutUserAsync(string userName, TestUser user)
    {
        using var response = await _http.PutAsJsonAsync(new Uri($"/test/users/{Uri.EscapeDataString(userName)}", UriKind.Relative), user, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The subjects (from id_token_hint) of every request that reached end_session.</summary>
    public async Task<string[]> EndedSessionsAsync() =>
        await _http.GetFromJsonAsync<string[]>(new Uri("/test/ended-sessions", UriKind.Relative), TestContext.Current.CancellationToken) ?? [];

    /// <summary>A user at the provider; its claims and the bending of its tokens.</summary>
    public sealed class TestUser
    {
        [JsonPropertyName("subject")]
        public string Subject { get; init; } = Guid.NewGuid().ToString("N");

        [JsonPropertyName("email")]
        public string? Email { get; init; }

        [JsonPropertyName("name")]
        public string? Name { get; init; }

        [JsonPropertyName("claims")]
        public Dictionary<string, string[]> Claims { get; init; } = [];

        [JsonPropertyName("issuer")]
        public string? Issuer { get; init; }

        [JsonPropertyName("audience")]
        public string? Audience { get; init; }

        [JsonPropertyName("lifetimeSeconds")]
        public int LifetimeSeconds { get; init; } = 300;
    }
}
