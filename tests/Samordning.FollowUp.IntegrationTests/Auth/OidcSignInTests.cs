using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Auth;

/// <summary>
/// Sign-in with the organisation's account against a real OpenID Connect provider on loopback
/// (tests/Samordning.FollowUp.OidcTestProvider, a separate process): real redirects, real signed
/// tokens, the service's real callback. What the person sees (the page they land on) and what the
/// service stores (the user, its external login, the audit log) are asserted.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Auth")]
public sealed class OidcSignInTests(ApiFactory factory, OidcProvider provider) : ApiTest(factory), IClassFixture<OidcProvider>
{
    private const string Refused = "/logga-in/extern-nekad";

    private WebApplicationFactory<Program> Service => Factory.WithSettings(provider.Settings);

    private string Issuer => provider.Authority.ToString().TrimEnd('/');

    [Fact]
    public async Task FirstSignIn_ProvisionsTheCoachWithTheProvidersScope_AndLandsOnAttGora()
    {
        var association = await Data.AssociationAsync();
        var home = await Data.ProviderAsync(association.Id);
        var (name, person) = await ExternalPersonAsync(Claims("Coach", provider: home.Id));

        using var browser = new OidcBrowser(Service);
        await browser.SignInAsync(name);

        Assert.Equal("/att-gora", browser.Address.AbsolutePath);
        Assert.Contains("<h1>Att göra</h1>", browser.Html, StringComparison.Ordinal);
        var user = await StoredUserAsync(person.Email!);
        Assert.NotNull(user);
        Assert.Equal((UserRole.Coach, home.Id, association.Id, true), (user.Role, user.ProviderId, user.AssociationId, user.IsExternal));
        Assert.Null(user.PasswordHash);
        Assert.Equal("Karin Extern", user.DisplayName);
        // The provider's first coach, while it holds no identity, is let in (the rule for every coach).
        Assert.NotNull(user.ProviderConfirmedAtUtc);
        Assert.Equal([(Issuer, person.Subject)], await LoginsAsync(user.Id));
        var audit = await AuditOfAsync(user.Id);
        Assert.Contains(audit, a => a.Action == AuditAction.Create && a.Detail!.Contains("organisationens konto", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Action == AuditAction.SignIn);
        var me = await MeAsync(browser);
        Assert.Equal(user.Id, me!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task LaterSignIn_WithChangedClaims_UpdatesRoleAndScope_AndEndsTheOlderSession()
    {
        var association = await Data.AssociationAsync();
        var first = await Data.ProviderAsync(association.Id);
        var second = await Data.ProviderAsync(association.Id);
        var (name, person) = await ExternalPersonAsync(Claims("Coach", provider: first.Id));
        using var earlier = new OidcBrowser(Service);
        await earlier.SignInAsync(name);
        var stampBefore = (await StoredUserAsync(person.Email!))!.SecurityStamp;

        await provider.PutUserAsync(name, With(person, Claims("Coach", provider: second.Id)));
        using var later = new OidcBrowser(Service);
        await later.SignInAsync(name);

        var moved = (await StoredUserAsync(person.Email!))!;
        Assert.Equal((UserRole.Coach, second.Id), (moved.Role, moved.ProviderId));
        Assert.NotEqual(stampBefore, moved.SecurityStamp);
        Assert.Null(await MeAsync(earlier));
        Assert.Contains(await AuditOfAsync(moved.Id), a => a.Action == AuditAction.Correct && a.Detail!.StartsWith("Ändrad vid inloggning", StringComparison.Ordinal));

        await provider.PutUserAsync(name, With(person, Claims("BoardMember", association: association.Id)));
        using var third = new OidcBrowser(Service);
        await third.SignInAsync(name);

        var board = (await StoredUserAsync(person.Email!))!;
        Assert.Equal((UserRole.BoardMember, association.Id, (long?)null), (board.Role, board.AssociationId, board.ProviderId));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email == person.Email, Ct)));
        Assert.Equal("BoardMember", (await MeAsync(third))!["role"]!.GetValue<string>());
    }

    public static TheoryData<string, string?, string?, string?, bool, string, string> RefusedClaims => new()
    {
        // case, roles (comma-separated), association, provider ("home" = the test's provider), with e-mail, reason in the address, what the page says
        { "no role claim", null, null, "home", true, "roll-saknas", "ger dig ingen roll i Samordning Uppföljning" },
        { "no known role", "Admin,Reader", null, "home", true, "roll-saknas", "uppgiften ”roles”" },
        { "two roles", "Coach,BoardMember", "home", "home", true, "flera-roller", "flera roller" },
        { "unknown association", "BoardMember", "999999", null, true, "forbund", "inget förbund som finns" },
        { "association not a number", "AssociationAdmin", "Förbundet", null, true, "forbund", "uppgiften ”followup_association”" },
        { "coach without provider claim", "Coach", null, null, true, "utforare", "ingen utförare som finns" },
        { "unknown provider", "Coach", null, "999999", true, "utforare", "uppgiften ”followup_provider”" },
        { "administrator with an association", "SystemAdmin", "home", null, true, "behorighet", "inte hör ihop" },
        { "no e-mail claim", "Coach", null, "home", false, "e-post-saknas", "saknar e-postadress" },
    };

    [Theory]
    [MemberData(nameof(RefusedClaims))]
    public async Task ClaimsThatDoNotMapToOneRoleAndScope_AreRefusedInSwedish_Audited_NoUserCreated(
        string @case, string? roles, string? association, string? providerClaim, bool withEmail, string reason, string says)
    {
        var home = await Data.ProviderAsync((await Data.AssociationAsync()).Id);
        var claims = new Dictionary<string, string[]>();
        if (roles is not null)
        {
            claims["roles"] = roles.Split(',');
        }

        if (association is not null)
        {
            claims["followup_association"] = [association == "home" ? Data.HomeAssociationId.ToString(System.Globalization.CultureInfo.InvariantCulture) : association];
        }

        if (providerClaim is not null)
        {
            claims["followup_provider"] = [providerClaim == "home" ? home.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : providerClaim];
        }

        var (name, person) = await ExternalPersonAsync(claims, withEmail);
        var usersBefore = await Factory.WithDbAsync(db => db.Users.CountAsync(Ct));

        using var browser = new OidcBrowser(Service);
        await browser.SignInAsync(name);

        Assert.Equal($"{Refused}?orsak={reason}", browser.Address.PathAndQuery);
        Assert.Contains("<h1>Inloggningen nekades</h1>", browser.Html, StringComparison.Ordinal);
        Assert.Contains(says, WebUtility.HtmlDecode(browser.Html), StringComparison.Ordinal);
        Assert.Equal(usersBefore, await Factory.WithDbAsync(db => db.Users.CountAsync(Ct)));
        Assert.Empty(await Factory.WithDbAsync(db => db.UserLogins.Where(l => l.ProviderKey == person.Subject).ToListAsync(Ct)));
        Assert.Contains(await AuditAsync(), a => a.Action == AuditAction.SignInFailed && a.Detail!.StartsWith("Organisationens konto nekades", StringComparison.Ordinal));
        Assert.Null(await MeAsync(browser));
        Assert.NotNull(@case);
    }

    public static TheoryData<string, string> BentTokens => new()
    {
        { "wrong issuer", "fel utfärdare" },
        { "wrong audience", "fel mottagare" },
        { "expired", "gått ut" },
    };

    [Theory]
    [MemberData(nameof(BentTokens))]
    public async Task TokenWithWrongIssuerAudienceOrExpired_IsRefused_NoLocalSignIn(string bent, string audited)
    {
        var home = await Data.ProviderAsync((await Data.AssociationAsync()).Id);
        var name = $"bent-{Guid.NewGuid():N}";
        var email = $"{name}@kommun.test";
        await provider.PutUserAsync(name, new OidcProvider.TestUser
        {
            Email = email,
            Claims = Claims("Coach", provider: home.Id),
            Issuer = bent == "wrong issuer" ? "http://127.0.0.1:1/another-provider" : null,
            Audience = bent == "wrong audience" ? "another-application" : null,
            LifetimeSeconds = bent == "expired" ? -600 : 300,
        });

        using var browser = new OidcBrowser(Service);
        await browser.SignInAsync(name);

        Assert.Equal($"{Refused}?orsak=misslyckades", browser.Address.PathAndQuery);
        Assert.Contains("kunde inte slutföras", browser.Html, StringComparison.Ordinal);
        Assert.Null(await StoredUserAsync(email));
        Assert.Null(await MeAsync(browser));
        Assert.Contains(await AuditAsync(), a => a.Action == AuditAction.SignInFailed && a.Detail!.Contains(audited, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReplayedCallback_SameStateTwice_SecondIsRefused_AndSignsNobodyIn()
    {
        var home = await Data.ProviderAsync((await Data.AssociationAsync()).Id);
        var (name, _) = await ExternalPersonAsync(Claims("Coach", provider: home.Id));
        using var browser = new OidcBrowser(Service);
        var callback = await browser.SignInAtProviderAsync(name);
        // Someone who copied the browser's cookies and the provider's answer before it was used.
        using var copy = browser.Copy();

        await browser.GetAsync(callback.ToString());
        Assert.Equal("/att-gora", browser.Address.AbsolutePath);

        await browser.GetAsync(callback.ToString());
        Assert.Equal($"{Refused}?orsak=misslyckades", browser.Address.PathAndQuery);

        await copy.GetAsync(callback.ToString());
        Assert.Equal($"{Refused}?orsak=misslyckades", copy.Address.PathAndQuery);
        Assert.Null(await MeAsync(copy));
        var failures = (await AuditAsync()).Where(a => a.Action == AuditAction.SignInFailed).Select(a => a.Detail!).ToList();
        Assert.Contains(failures, d => d.Contains("state saknas eller användes redan", StringComparison.Ordinal));
        Assert.Contains(failures, d => d.Contains("redan använd", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LocalPasswordUser_WithTheSameEmail_IsRefusedUntilAnAdministratorLinks_ThenSignsInAsThatUser()
    {
        var association = await Data.AssociationAsync();
        var home = await Data.ProviderAsync(association.Id);
        var email = await Factory.CreateUserAsync(UserRole.Coach, association.Id, home.Id, $"lokal-{Guid.NewGuid():N}@kommun.test");
        var local = (await StoredUserAsync(email))!;
        var (name, person) = await ExternalPersonAsync(Claims("Coach", provider: home.Id), email: email);

        using var refused = new OidcBrowser(Service);
        await refused.SignInAsync(name);

        Assert.Equal($"{Refused}?orsak=koppla-konto", refused.Address.PathAndQuery);
        Assert.Contains("en administratör (förbundets kansli eller systemadministratören) måste först koppla kontot", refused.Html, StringComparison.Ordinal);
        Assert.Empty(await LoginsAsync(local.Id));
        Assert.Null(await MeAsync(refused));
        Assert.Contains(await AuditOfAsync(local.Id), a => a.Action == AuditAction.SignInFailed && a.Detail!.Contains("Väntar på att en administratör kopplar kontot", StringComparison.Ordinal));

        var status = await (await Office.GetAsync($"/api/v1/users/{local.Id}/external-login")).ShouldBeAsync<JsonObject>(HttpStatusCode.OK);
        Assert.False(status["isLinked"]!.GetValue<bool>());
        Assert.True(status["pending"]!["matchesAccount"]!.GetValue<bool>());
        Assert.Equal($"Deltagaransvarig vid utförare {home.Id}", status["pending"]!["description"]!.GetValue<string>());

        // The office decides on the user's page ("Användare"), signed in with its password.
        using var office = new OidcBrowser(Service);
        await office.GetAsync("/logga-in");
        await office.PostFormAsync("novalidate", new()
        {
            ["Input.Email"] = await Factory.CreateUserAsync(UserRole.AssociationAdmin, association.Id, null),
            ["Input.Password"] = ApiFactory.Password,
        });
        await office.GetAsync($"/kansli/anvandare/{local.Id}");
        Assert.Contains("<h2>Organisationens konto</h2>", office.Html, StringComparison.Ordinal);
        Assert.Contains($"Organisationens konto anger Deltagaransvarig vid utförare {home.Id}.", office.Html, StringComparison.Ordinal);
        await office.PostFormAsync("handler=LinkExternal", []);
        Assert.Equal($"/kansli/anvandare/{local.Id}", office.Address.AbsolutePath);
        Assert.Contains("kan nu logga in med organisationens konto", office.Html, StringComparison.Ordinal);
        Assert.Contains("Kontot är kopplat till användarens konto hos organisationen", office.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Koppla till organisationens konto</button>", office.Html, StringComparison.Ordinal);

        // A repeated request (the API) answers as the first did and links nothing twice.
        var linked = await (await Office.PostAsync($"/api/v1/users/{local.Id}/external-login", new JsonObject())).ShouldBeAsync<JsonObject>(HttpStatusCode.OK);
        Assert.True(linked["isLinked"]!.GetValue<bool>());
        Assert.Null(linked["pending"]);
        Assert.Equal([(Issuer, person.Subject)], await LoginsAsync(local.Id));
        Assert.Contains(await AuditOfAsync(local.Id), a => a.Action == AuditAction.ExternalLoginLinked);

        using var accepted = new OidcBrowser(Service);
        await accepted.SignInAsync(name);

        Assert.Equal("/att-gora", accepted.Address.AbsolutePath);
        Assert.Equal(local.Id, (await MeAsync(accepted))!["id"]!.GetValue<string>());
        var after = (await StoredUserAsync(email))!;
        // The link gave no role and took no password: the password still signs in.
        Assert.Equal((UserRole.Coach, home.Id, local.PasswordHash), (after.Role, after.ProviderId, after.PasswordHash));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Users.CountAsync(u => u.Email == email, Ct)));
    }

    [Fact]
    public async Task Linking_IsRefused_WhenTheOrganisationsRoleDiffersFromTheAccounts()
    {
        var association = await Data.AssociationAsync();
        var home = await Data.ProviderAsync(association.Id);
        // A board member's account; the organisation says "coach": a link must not make it a coach.
        var email = await Factory.CreateUserAsync(UserRole.BoardMember, association.Id, null, $"styrelse-{Guid.NewGuid():N}@kommun.test");
        var local = (await StoredUserAsync(email))!;
        var (name, _) = await ExternalPersonAsync(Claims("Coach", provider: home.Id), email: email);
        using var browser = new OidcBrowser(Service);
        await browser.SignInAsync(name);
        Assert.Equal($"{Refused}?orsak=koppla-konto", browser.Address.PathAndQuery);

        var problem = await (await Admin.PostAsync($"/api/v1/users/{local.Id}/external-login", new JsonObject()))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "externalLogin");

        Assert.Contains("En koppling ger ingen ny roll", problem.Errors!["externalLogin"][0], StringComparison.Ordinal);
        Assert.Empty(await LoginsAsync(local.Id));
        Assert.Equal(UserRole.BoardMember, (await StoredUserAsync(email))!.Role);
    }

    [Fact]
    public async Task Linking_WithoutAnAttempt_IsRefused_AndOnlyForThoseWhoManageUsers()
    {
        var association = await Data.AssociationAsync();
        var home = await Data.ProviderAsync(association.Id);
        var email = await Factory.CreateUserAsync(UserRole.Coach, association.Id, home.Id);
        var local = (await StoredUserAsync(email))!;

        await (await Office.PostAsync($"/api/v1/users/{local.Id}/external-login", new JsonObject()))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "externalLogin");
        await (await Coach.PostAsync($"/api/v1/users/{local.Id}/external-login", new JsonObject())).ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        await (await Board.GetAsync($"/api/v1/users/{local.Id}/external-login")).ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task SignOut_AfterAnExternalSignIn_ReachesTheProvidersEndSession_AndComesBackToLoggaIn()
    {
        var home = await Data.ProviderAsync((await Data.AssociationAsync()).Id);
        var (name, person) = await ExternalPersonAsync(Claims("Coach", provider: home.Id));
        using var browser = new OidcBrowser(Service);
        await browser.SignInAsync(name);

        // "Logga ut" in the page header.
        await browser.PostFormAsync("action=\"/logga-ut\"", []);

        Assert.Contains(browser.Visited, u => u.Authority == provider.Authority.Authority && u.AbsolutePath == "/endsession" && u.Query.Contains("id_token_hint=", StringComparison.Ordinal));
        Assert.Contains(person.Subject, await provider.EndedSessionsAsync());
        Assert.Equal("/logga-in", browser.Address.AbsolutePath);
        Assert.Contains("<h1>Logga in</h1>", browser.Html, StringComparison.Ordinal);
        Assert.Null(await MeAsync(browser));
    }

    [Fact]
    public async Task SignInPage_ShowsTheOrganisationsButton_OnlyWhenConfigured()
    {
        using var plain = Factory.CreateClient();
        var without = await plain.GetStringAsync(new Uri("/logga-in", UriKind.Relative), Ct);
        using var browser = new OidcBrowser(Service);
        await browser.GetAsync("/logga-in");

        Assert.DoesNotContain("organisationens konto", without, StringComparison.Ordinal);
        Assert.Contains("Logga in med organisationens konto", browser.Html, StringComparison.Ordinal);

        // The button's form (and "Logga ut") leads on to the provider: the policy lets forms go there, and nowhere else.
        using var service = Service.CreateClient();
        using var page = await service.GetAsync(new Uri("/logga-in", UriKind.Relative), Ct);
        Assert.Contains($"form-action 'self' {Issuer};", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    // ---- helpers ----

    private static Dictionary<string, string[]> Claims(string role, long? association = null, long? provider = null)
    {
        var claims = new Dictionary<string, string[]> { ["roles"] = [role] };
        if (association is { } a)
        {
            claims["followup_association"] = [a.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }

        if (provider is { } p)
        {
            claims["followup_provider"] = [p.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }

        return claims;
    }

    private async Task<(string Name, OidcProvider.TestUser Person)> ExternalPersonAsync(
        Dictionary<string, string[]> claims, bool withEmail = true, string? email = null)
    {
        var name = $"person-{Guid.NewGuid():N}";
        var person = new OidcProvider.TestUser
        {
            Email = withEmail ? email ?? $"{name}@kommun.test" : null,
            Name = "Karin Extern",
            Claims = claims,
        };
        await provider.PutUserAsync(name, person);
        return (name, person);
    }

    private static OidcProvider.TestUser With(OidcProvider.TestUser person, Dictionary<string, string[]> claims) => new()
    {
        Subject = person.Subject,
        Email = person.Email,
        Name = person.Name,
        Claims = claims,
    };

    private Task<UserAccount?> StoredUserAsync(string email) =>
        Factory.WithDbAsync(db => db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Email == email, Ct));

    private Task<List<(string Issuer, string Subject)>> LoginsAsync(string userId) =>
        Factory.WithDbAsync(async db => (await db.UserLogins.Where(l => l.UserId == userId).ToListAsync(Ct))
            .Select(l => (l.LoginProvider, l.ProviderKey)).ToList());

    private Task<List<AuditEntry>> AuditAsync() => Factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().ToListAsync(Ct));

    private Task<List<AuditEntry>> AuditOfAsync(string userId) =>
        Factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityId == userId).ToListAsync(Ct));

    /// <summary>Who the browser's cookie signs in (GET /api/v1/auth/me), or null when nobody.</summary>
    private static async Task<JsonObject?> MeAsync(OidcBrowser browser)
    {
        await browser.GetAsync("/api/v1/auth/me");
        return browser.Status == HttpStatusCode.OK ? JsonNode.Parse(browser.Html)!.AsObject() : null;
    }
}
