using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Samordning.FollowUp.OidcTestProvider;

/// <summary>A test user: who signs in, with which claims, and how the provider bends its tokens.</summary>
public sealed class TestUser
{
    public string Subject { get; set; } = string.Empty;

    public string? Email { get; set; }

    public string? Name { get; set; }

    /// <summary>Further id_token claims: one value is a string, several an array.</summary>
    public Dictionary<string, string[]> Claims { get; set; } = [];

    /// <summary>Another "iss" than the provider's own (a token from somewhere else).</summary>
    public string? Issuer { get; set; }

    /// <summary>Another "aud" than the client's id (a token for another application).</summary>
    public string? Audience { get; set; }

    /// <summary>Seconds from now until "exp"; negative for a token that has already expired.</summary>
    public int LifetimeSeconds { get; set; } = 300;
}

/// <summary>An authorization code waiting to be redeemed once.</summary>
internal sealed record PendingCode(string ClientId, string RedirectUri, string CodeChallenge, string? Nonce, string UserName, TestUser User);

/// <summary>Everything the provider keeps, in memory (a restart forgets it, as a test run may).</summary>
internal sealed class ProviderState(string clientId, string clientSecret)
{
    public string ClientId { get; } = clientId;

    public string ClientSecret { get; } = clientSecret;

    public RsaSecurityKey SigningKey { get; } = new(RSA.Create(2048)) { KeyId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8)) };

    public ConcurrentDictionary<string, TestUser> Users { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, PendingCode> Codes { get; } = new(StringComparer.Ordinal);

    /// <summary>Access tokens issued, for userinfo.</summary>
    public ConcurrentDictionary<string, TestUser> AccessTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Every request that reached end_session: the subject of its id_token_hint (or "" without one).</summary>
    public ConcurrentQueue<string> EndedSessions { get; } = new();
}
