using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>
/// The OpenID Connect test provider (tests/Samordning.FollowUp.OidcTestProvider) as a separate
/// process on loopback, started by tests/scripts/oidc-test-provider.sh (idempotent) and stopped
/// again by whoever started it. Real protocol and real signed tokens: the service talks to it as
/// to a municipality's identity provider. Test users and their claims are set over HTTP.
/// </summary>
public sealed class OidcProvider()
    : LoopbackOidcProvider("oidc-test-provider.sh", "OpenID Connect test provider", ClientId, ClientSecret)
{
    public const string ClientId = "samordning-followup";
    public const string ClientSecret = "test-secret";

    /// <summary>Creates or replaces a test user who signs in at the provider with <paramref name="userName"/>.</summary>
    public Task PutUserAsync(string userName, TestUser user) => PutTestUserAsync(userName, user);

    /// <summary>The subjects (from id_token_hint) of every request that reached end_session.</summary>
    public async Task<string[]> EndedSessionsAsync() =>
        await Http.GetFromJsonAsync<string[]>(new Uri("/test/ended-sessions", UriKind.Relative), TestContext.Current.CancellationToken) ?? [];

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
