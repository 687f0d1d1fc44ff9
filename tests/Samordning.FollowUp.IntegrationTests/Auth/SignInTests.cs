using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Auth;

/// <summary>
/// Sign-in with e-mail and password (bearer tokens), lockout, refresh, the current user, the
/// first administrator's one-time setup, and the sign-in rate limit.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Auth")]
public sealed class SignInTests(ApiFactory factory) : ApiTest(factory)
{
    private const string WrongPassword = "Fel-losenord-2026";

    // A second service on the same database with a low sign-in limit. It lives as long as the
    // shared factory (which disposes it): Hangfire's process-wide state must not lose a live host.
    private static readonly ConditionalWeakTable<ApiFactory, WebApplicationFactory<Program>> RateLimited = new();

    private WebApplicationFactory<Program> RateLimitedHost => RateLimited.GetValue(Factory, f => f.WithWebHostBuilder(builder =>
        builder.UseSetting("Authentication:SignInAttemptsPerMinute", "3")));

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<AccessTokenDto> TokensAsync(HttpClient http, string email) =>
        await (await http.SignInAsync(email, ApiFactory.Password)).ShouldBeAsync<AccessTokenDto>(HttpStatusCode.OK);

    private static HttpRequestMessage Bearer(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    [Fact]
    public async Task SignIn_WrongPassword_401ProblemInSwedish_TheSameAsForAnUnknownUser()
    {
        var email = await Factory.CreateUserAsync(UserRole.SystemAdmin, null, null);
        using var http = Factory.CreateClient();

        var wrong = await (await http.SignInAsync(email, WrongPassword)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var unknown = await (await http.SignInAsync("finns-inte@test.example", WrongPassword)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(("Inloggningen misslyckades", "Fel e-postadress eller lösenord."), (wrong.Title, wrong.Detail));
        Assert.Equal((wrong.Title, wrong.Detail), (unknown.Title, unknown.Detail));
    }

    [Fact]
    public async Task SignIn_MissingEmailAndPassword_400NamingBoth()
    {
        using var http = Factory.CreateClient();

        var response = await http.SignInAsync(null, "");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "email");
        Assert.Contains("password", problem.Errors!.Keys);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LockTheAccount_TheRightPasswordThen401_SayingWhatAWrongPasswordSays()
    {
        var email = await Factory.CreateUserAsync(UserRole.Coach, null, null);
        using var http = Factory.CreateClient();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var problem = await (await http.SignInAsync(email, WrongPassword)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Equal("Fel e-postadress eller lösenord.", problem.Detail);
        }

        await (await http.SignInAsync(email, WrongPassword)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var locked = await (await http.SignInAsync(email, ApiFactory.Password)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        // Saying "locked" would tell anyone that the account exists; the owner is told by e-mail.
        Assert.Equal(("Inloggningen misslyckades", "Fel e-postadress eller lösenord."), (locked.Title, locked.Detail));
        var failed = await Factory.WithDbAsync(db => Task.FromResult(db.AuditEntries
            .Where(a => a.UserName == email && a.Action == AuditAction.SignInFailed).Select(a => a.Detail).ToList()));
        Assert.Equal(6, failed.Count);
        Assert.Contains("Kontot är låst", failed);
        Assert.Equal(0, await Factory.WithDbAsync(db => Task.FromResult(db.AuditEntries.Count(a => a.UserName == email && a.Action == AuditAction.SignIn))));
    }

    [Fact]
    public async Task Me_ReturnsRoleAndScope()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);

        var coach = await Coach.MeAsync();
        var office = await Office.MeAsync();
        var board = await Board.MeAsync();
        var admin = await Admin.MeAsync();

        Assert.Equal(("Coach", "Deltagaransvarig", association.Id, provider.Id), (coach.Role, coach.RoleLabel, coach.AssociationId, coach.ProviderId));
        Assert.Equal(("AssociationAdmin", "Förbundets kansli", association.Id, (long?)null), (office.Role, office.RoleLabel, office.AssociationId, office.ProviderId));
        Assert.Equal(("BoardMember", association.Id, (long?)null), (board.Role, board.AssociationId, board.ProviderId));
        Assert.Equal(("SystemAdmin", (long?)null, (long?)null), (admin.Role, admin.AssociationId, admin.ProviderId));
        Assert.EndsWith("@test.example", coach.Email, StringComparison.Ordinal);
        Assert.NotEqual(coach.Id, office.Id);
    }

    [Theory]
    [InlineData("/api/v1/auth/me")]
    [InlineData("/api/v1/audit")]
    [InlineData("/api/v1/associations/1")]
    [InlineData("/api/v1/participations/1/identity")]
    [InlineData("/api/v1/follow-ups")]
    public async Task Request_WithoutOrWithAnInvalidToken_401(string path)
    {
        using var http = Factory.CreateClient();

        var none = await http.GetAsync(new Uri(path, UriKind.Relative), Ct);
        var forged = await http.SendAsync(Bearer(HttpMethod.Get, path, "not-a-token"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task Refresh_GivesANewAccessToken_ThatWorks_AndSignOutEndsTheRefreshToken()
    {
        var email = await Factory.CreateUserAsync(UserRole.SystemAdmin, null, null);
        using var http = Factory.CreateClient();
        var first = await TokensAsync(http, email);
        Assert.Equal("Bearer", first.TokenType);

        var refreshed = await (await http.PostAsync(new Uri("/api/v1/auth/refresh", UriKind.Relative),
            Json(new JsonObject { ["refreshToken"] = first.RefreshToken }), Ct)).ShouldBeAsync<AccessTokenDto>(HttpStatusCode.OK);

        Assert.NotEqual(first.AccessToken, refreshed.AccessToken);
        Assert.False(string.IsNullOrEmpty(refreshed.RefreshToken));
        var me = await (await http.SendAsync(Bearer(HttpMethod.Get, "/api/v1/auth/me", refreshed.AccessToken), Ct))
            .ShouldBeAsync<CurrentUserDto>(HttpStatusCode.OK);
        Assert.Equal((email, "SystemAdmin"), (me.Email, me.Role));

        var forged = await http.PostAsync(new Uri("/api/v1/auth/refresh", UriKind.Relative), Json(new JsonObject { ["refreshToken"] = "inte-en-token" }), Ct);
        var problem = await forged.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Inloggningen har gått ut", problem.Title);

        await (await http.SendAsync(Bearer(HttpMethod.Post, "/api/v1/auth/logout", refreshed.AccessToken), Ct)).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        var afterSignOut = await http.PostAsync(new Uri("/api/v1/auth/refresh", UriKind.Relative),
            Json(new JsonObject { ["refreshToken"] = refreshed.RefreshToken }), Ct);
        await afterSignOut.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(1, await Factory.WithDbAsync(db => Task.FromResult(db.AuditEntries.Count(a => a.UserName == email && a.Action == AuditAction.SignOut))));
    }

    [Fact]
    public async Task SetupFirstAdmin_FreshDatabase_OneTimeToken201_ThenASecondCall403()
    {
        var setup = Factory.Services.GetRequiredService<FirstAdminSetup>();
        await setup.OpenIfNoAdministratorAsync(Factory.Services, Ct);
        var token = setup.PeekToken();
        Assert.NotNull(token);
        using var http = Factory.CreateClient();
        JsonObject Body(string? setupToken, string password) => new()
        {
            ["setupToken"] = setupToken,
            ["email"] = "forsta.admin@test.example",
            ["displayName"] = "Första Admin",
            ["password"] = password,
        };

        // A refused password keeps the token for the next try.
        await (await http.PostAsync(new Uri("/api/v1/setup/first-admin", UriKind.Relative), Json(Body(token, "kort")), Ct))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "password");
        var created = await http.PostAsync(new Uri("/api/v1/setup/first-admin", UriKind.Relative), Json(Body(token, ApiFactory.Password)), Ct);

        var admin = await created.ShouldBeAsync<CurrentUserDto>(HttpStatusCode.Created);
        Assert.Equal(("forsta.admin@test.example", "Första Admin", "SystemAdmin"), (admin.Email, admin.DisplayName, admin.Role));
        Assert.Equal($"/api/v1/users/{admin.Id}", created.Headers.Location?.OriginalString);
        Assert.Null(setup.PeekToken());
        var signedIn = await TokensAsync(http, "forsta.admin@test.example");
        var me = await (await http.SendAsync(Bearer(HttpMethod.Get, "/api/v1/auth/me", signedIn.AccessToken), Ct)).ShouldBeAsync<CurrentUserDto>(HttpStatusCode.OK);
        Assert.Equal((admin.Id, "SystemAdmin"), (me.Id, me.Role));

        var again = await http.PostAsync(new Uri("/api/v1/setup/first-admin", UriKind.Relative),
            Json(new JsonObject { ["setupToken"] = token, ["email"] = "andra.admin@test.example", ["password"] = ApiFactory.Password }), Ct);

        await again.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await setup.OpenIfNoAdministratorAsync(Factory.Services, Ct);
        Assert.Null(setup.PeekToken());
        Assert.Equal(1, await Factory.WithDbAsync(db => Task.FromResult(db.Users.Count(u => u.Role == UserRole.SystemAdmin))));
        var line = await Factory.WithDbAsync(db => Task.FromResult(db.AuditEntries.Single(a => a.Action == AuditAction.Create && a.EntityType == "User")));
        Assert.Equal(("Första systemadministratören", admin.Id), (line.Detail, line.EntityId));
    }

    [Fact]
    public async Task SetupFirstAdmin_WrongToken403_AndNoUserIsCreated()
    {
        var setup = Factory.Services.GetRequiredService<FirstAdminSetup>();
        await setup.OpenIfNoAdministratorAsync(Factory.Services, Ct);
        var token = setup.PeekToken()!;
        using var http = Factory.CreateClient();

        foreach (var wrong in new[] { "00000000000000000000000000000000", token.ToLowerInvariant() + "0", "", null })
        {
            var response = await http.PostAsync(new Uri("/api/v1/setup/first-admin", UriKind.Relative), Json(new JsonObject
            {
                ["setupToken"] = wrong,
                ["email"] = "inkraktare@test.example",
                ["password"] = ApiFactory.Password,
            }), Ct);

            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            Assert.Contains("Engångskoden", problem.Detail, StringComparison.Ordinal);
        }

        Assert.Equal(token, setup.PeekToken());
        Assert.Equal(0, await Factory.WithDbAsync(db => Task.FromResult(db.Users.Count())));
    }

    [Fact]
    public async Task SignIn_FourthAttemptWithinAMinute_429ProblemInSwedish_AndNotAttempted()
    {
        var email = await Factory.CreateUserAsync(UserRole.SystemAdmin, null, null);
        using var http = RateLimitedHost.CreateClient();

        await (await http.SignInAsync(email, ApiFactory.Password)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await http.SignInAsync(email, WrongPassword)).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
        await (await http.SignInAsync(email, WrongPassword)).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
        var fourth = await http.SignInAsync(email, ApiFactory.Password);

        var problem = await fourth.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("För många försök", problem.Title);
        Assert.Contains("inloggningsförsök", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(3, await Factory.WithDbAsync(db => Task.FromResult(db.AuditEntries.Count(a => a.UserName == email))));
        // The limit is per sign-in endpoint and client address, not for the rest of the API.
        using var signedIn = RateLimitedHost.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await signedIn.GetAsync(new Uri("/api/v1/auth/me", UriKind.Relative), Ct)).StatusCode);
    }
}
