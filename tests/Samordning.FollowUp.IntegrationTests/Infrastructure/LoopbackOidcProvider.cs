using System.Net.Http.Json;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>
/// An OpenID Connect provider as a separate process on loopback, started by its script in
/// tests/scripts (idempotent; prints "URL FOLDER") and stopped again by whoever started it: the
/// start, the service's settings that connect it to the provider, and the test users it is given
/// over HTTP (PUT /test/users/{login}). <see cref="OidcProvider"/> (our own test provider) and
/// CertifiedOidcProvider (panva/node-oidc-provider) differ only in their script, their client and
/// what a test user is.
/// </summary>
public abstract class LoopbackOidcProvider(string scriptFileName, string description, string clientId, string clientSecret)
    : IAsyncLifetime
{
    private readonly TestServerScript _script = new(scriptFileName);

    /// <summary>The provider's address, which is also its issuer (http://127.0.0.1:port).</summary>
    public Uri Authority { get; private set; } = null!;

    /// <summary>The provider's test endpoints, at <see cref="Authority"/>.</summary>
    protected HttpClient Http { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var (address, _, unavailable) = await _script.StartWithAddressAsync();
        if (unavailable is not null)
        {
            throw new InvalidOperationException($"The {description} could not be started: {unavailable}");
        }

        Authority = new Uri(address);
        Http = new HttpClient { BaseAddress = Authority, Timeout = TimeSpan.FromMinutes(1) };
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        await _script.StopIfStartedHereAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>The service's settings that connect it to this provider.</summary>
    public (string Key, string Value)[] Settings =>
    [
        ("Authentication:OpenIdConnect:Authority", Authority.ToString().TrimEnd('/')),
        ("Authentication:OpenIdConnect:ClientId", clientId),
        ("Authentication:OpenIdConnect:ClientSecret", clientSecret),
    ];

    /// <summary>Creates or replaces the test user who signs in at the provider as <paramref name="login"/>.</summary>
    protected async Task PutTestUserAsync<TUser>(string login, TUser user)
    {
        using var response = await Http.PutAsJsonAsync(new Uri($"/test/users/{Uri.EscapeDataString(login)}", UriKind.Relative), user, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
