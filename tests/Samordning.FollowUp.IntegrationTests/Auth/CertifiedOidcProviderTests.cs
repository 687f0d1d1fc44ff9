using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Auth;

/// <summary>
/// The sign-in with the organisation's account against an OpenID Certified provider whose protocol
/// code is not ours (panva/node-oidc-provider, tests/oidc-certified-provider, a Node.js process on
/// loopback): its discovery, keys, code flow with PKCE, its own sign-in and consent pages, its
/// id_tokens and its end_session. The refusals and the bent tokens (wrong issuer, audience, expired)
/// are tested against our own test provider (<see cref="OidcSignInTests"/>), which can issue them.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Auth")]
public sealed class CertifiedOidcProviderTests(ApiFactory factory, CertifiedOidcProvider provider)
    : ApiTest(factory), IClassFixture<CertifiedOidcProvider>
{
    private WebApplicationFactory<Program> Service => Factory.WithSettings(provider.Settings);

    [Fact]
    public async Task Coach_SignsInAtTheCertifiedProvider_IsProvisionedWithTheProvidersScope_AndLandsOnAttGora()
    {
        var association = await Data.AssociationAsync();
        var home = await Data.ProviderAsync(association.Id);
        var login = $"coach-{Guid.NewGuid():N}";
        var email = $"{login}@kommun.test";
        await provider.PutUserAsync(login, new Dictionary<string, object>
        {
            ["email"] = email,
            ["email_verified"] = true,
            ["name"] = "Karin Certifierad",
            ["roles"] = "Coach",
            ["followup_provider"] = home.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        using var browser = new OidcBrowser(Service);
        await browser.GetAsync("/logga-in");
        await browser.PostFormAsync("handler=External", []);
        // The provider's own sign-in page, then its consent page.
        Assert.StartsWith(provider.Authority.ToString().TrimEnd('/') + "/interaction/", browser.Address.ToString(), StringComparison.Ordinal);
        await browser.PostFormAsync("/interaction/", new() { ["login"] = login, ["password"] = "x" });
        Assert.Contains("name=\"prompt\" value=\"consent\"", browser.Html, StringComparison.Ordinal);
        await browser.PostFormAsync("/interaction/", []);

        Assert.Equal("/att-gora", browser.Address.AbsolutePath);
        Assert.Contains("<h1>Att göra</h1>", browser.Html, StringComparison.Ordinal);
        var user = await Factory.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email, Ct));
        Assert.Equal((UserRole.Coach, home.Id, association.Id, "Karin Certifierad"), (user.Role, user.ProviderId, user.AssociationId, user.DisplayName));
        Assert.Null(user.PasswordHash);
        var logins = await Factory.WithDbAsync(db => db.UserLogins.Where(l => l.UserId == user.Id).Select(l => new { l.LoginProvider, l.ProviderKey }).ToListAsync(Ct));
        Assert.Equal((provider.Authority.ToString().TrimEnd('/'), login), (logins.Single().LoginProvider, logins.Single().ProviderKey));

        // Signing out ends the session at the provider too: its end_session page (with the id_token
        // as hint), where the person confirms, and back through the service to /logga-in.
        await browser.GetAsync("/att-gora");
        await browser.PostFormAsync("action=\"/logga-ut\"", []);
        Assert.Contains(browser.Visited, u => u.Authority == provider.Authority.Authority && u.AbsolutePath == "/session/end"
            && u.Query.Contains("id_token_hint=", StringComparison.Ordinal));
        await browser.PostFormAsync("/session/end/confirm\"", new() { ["logout"] = "yes" });
        Assert.Equal("/logga-in", browser.Address.AbsolutePath);
        Assert.Contains("<h1>Logga in</h1>", browser.Html, StringComparison.Ordinal);
    }
}

/// <summary>panva/node-oidc-provider on loopback, started by tests/scripts/oidc-certified-provider.sh (idempotent).</summary>
public sealed class CertifiedOidcProvider()
    : LoopbackOidcProvider("oidc-certified-provider.sh", "certified OpenID Connect provider", "samordning-followup-certified", "test-secret")
{
    /// <summary>A user who signs in at the provider with <paramref name="login"/> (any password) and these claims.</summary>
    public Task PutUserAsync(string login, Dictionary<string, object> claims) => PutTestUserAsync(login, claims);
}
