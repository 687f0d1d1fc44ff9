using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Auth;

/// <summary>
/// Rights end at once: locking a user, a new role or password, and sign-out end that user's bearer
/// tokens and cookies on the next request, not when they expire; refresh tokens rotate, and a
/// refresh token used twice ends every session of its user.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Auth")]
public sealed class SessionTests(ApiFactory factory) : ApiTest(factory)
{
    private const string CookieName = "FollowUp.Auth";

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static HttpRequestMessage Bearer(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task<HttpStatusCode> MeAsync(HttpClient http, string accessToken) =>
        (await http.SendAsync(Bearer(HttpMethod.Get, "/api/v1/auth/me", accessToken), Ct)).StatusCode;

    private static async Task<AccessTokenDto> TokensAsync(HttpClient http, string email) =>
        await (await http.SignInAsync(email, ApiFactory.Password)).ShouldBeAsync<AccessTokenDto>(HttpStatusCode.OK);

    private static Task<HttpResponseMessage> RefreshAsync(HttpClient http, string refreshToken) =>
        http.PostAsync(new Uri("/api/v1/auth/refresh", UriKind.Relative), Json(new JsonObject { ["refreshToken"] = refreshToken }), Ct);

    private async Task<CurrentUserDto> ChangeAsync(CurrentUserDto user, string role, bool isLocked = false)
    {
        var body = new JsonObject
        {
            ["displayName"] = user.DisplayName,
            ["role"] = role,
            ["associationId"] = user.AssociationId,
            ["providerId"] = role == "Coach" ? user.ProviderId : null,
            ["isLocked"] = isLocked,
        };
        return await (await Office.PutAsync($"/api/v1/users/{user.Id}", body)).ShouldBeAsync<CurrentUserDto>(HttpStatusCode.OK);
    }

    private async Task ChoosePasswordAsync(string userId, string password)
    {
        string code;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
            code = await users.GeneratePasswordResetTokenAsync((await users.FindByIdAsync(userId))!);
        }

        using var anonymous = Factory.CreateClient();
        var response = await anonymous.PostAsync(new Uri("/api/v1/auth/password", UriKind.Relative),
            Json(new JsonObject { ["userId"] = userId, ["code"] = code, ["password"] = password }), Ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Theory]
    [InlineData("locked")]
    [InlineData("new password")]
    [InlineData("another provider")]
    public async Task UserChanged_TheirBearerTokenIssuedBefore_401OnTheNextRequest(string change)
    {
        await Data.AssociationAsync();
        await Data.ProviderAsync(Data.HomeAssociationId);
        var otherProvider = await Data.ProviderAsync(Data.HomeAssociationId);
        var coach = await Coach.MeAsync();
        var token = Coach.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        using var http = Factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await MeAsync(http, token));

        if (change == "new password")
        {
            // The user chooses a new password through the e-mailed link (its code as the e-mail carries it).
            await ChoosePasswordAsync(coach.Id, "Nytt-losenord-2027");
        }
        else
        {
            var changed = await ChangeAsync(coach with { ProviderId = change == "another provider" ? otherProvider.Id : coach.ProviderId }, "Coach",
                isLocked: change == "locked");
            Assert.Equal(change == "another provider" ? otherProvider.Id : coach.ProviderId, changed.ProviderId);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(http, token));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Coach.GetAsync($"/api/v1/associations/{Data.HomeAssociationId}")).StatusCode);
    }

    [Fact]
    public async Task CoachMadeBoardMember_TheOldTokenCanNoLongerReadThePersonnummer_401()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Woman()));
        await Coach.IdentityAsync(participation.Id);
        var coach = await Coach.MeAsync();

        var board = await ChangeAsync(coach, "BoardMember");

        Assert.Equal(("BoardMember", (long?)null), (board.Role, board.ProviderId));
        var identity = await Coach.GetAsync($"/api/v1/participations/{participation.Id}/identity");
        Assert.Equal(HttpStatusCode.Unauthorized, identity.StatusCode);
        // Signing in again gives the new role, which may not read identities.
        using var http = Factory.CreateClient();
        var tokens = await TokensAsync(http, coach.Email);
        var again = await http.SendAsync(Bearer(HttpMethod.Get, $"/api/v1/participations/{participation.Id}/identity", tokens.AccessToken), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
    }

    [Fact]
    public async Task CopiedCookie_AfterTheUserIsLocked_PageSendsToSignIn_Api401_AndTheCookieIsCleared()
    {
        await Data.AssociationAsync();
        await Data.ProviderAsync(Data.HomeAssociationId);
        var email = await Factory.CreateUserAsync(UserRole.Coach, Data.HomeAssociationId, Data.HomeProviderId);
        var cookie = await SignInWithCookieAsync(email);
        using var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
            BaseAddress = new Uri("https://localhost"),
        });
        Task<HttpResponseMessage> WithCookieAsync(string path)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.Add("Cookie", cookie);
            return browser.SendAsync(request, Ct);
        }

        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync("/att-gora")).StatusCode);
        var me = await (await WithCookieAsync("/api/v1/auth/me")).ShouldBeAsync<CurrentUserDto>(HttpStatusCode.OK);

        await ChangeAsync(me, "Coach", isLocked: true);

        var page = await WithCookieAsync("/att-gora");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/logga-in", page.Headers.Location!.IsAbsoluteUri ? page.Headers.Location.AbsolutePath : page.Headers.Location.OriginalString.Split('?')[0]);
        var cleared = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"{CookieName}=", StringComparison.Ordinal));
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Unauthorized, (await WithCookieAsync("/api/v1/auth/me")).StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheAccessTokenAtOnce_AndTheUsersOtherSessions()
    {
        var email = await Factory.CreateUserAsync(UserRole.SystemAdmin, null, null);
        using var http = Factory.CreateClient();
        var laptop = await TokensAsync(http, email);
        var phone = await TokensAsync(http, email);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(http, laptop.AccessToken));

        await (await http.SendAsync(Bearer(HttpMethod.Post, "/api/v1/auth/logout", laptop.AccessToken), Ct)).ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(http, laptop.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(http, phone.AccessToken));
        await (await RefreshAsync(http, phone.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        // Signing in again works.
        Assert.Equal(HttpStatusCode.OK, await MeAsync(http, (await TokensAsync(http, email)).AccessToken));
    }

    [Fact]
    public async Task Refresh_RotatesOnEveryUse_TheNewestTokenWorksAgainAndAgain()
    {
        var email = await Factory.CreateUserAsync(UserRole.SystemAdmin, null, null);
        using var http = Factory.CreateClient();
        var tokens = await TokensAsync(http, email);
        var seen = new HashSet<string> { tokens.RefreshToken };

        for (var round = 1; round <= 4; round++)
        {
            tokens = await (await RefreshAsync(http, tokens.RefreshToken)).ShouldBeAsync<AccessTokenDto>(HttpStatusCode.OK);

            Assert.True(seen.Add(tokens.RefreshToken), $"Round {round} gave a refresh token seen before.");
            Assert.Equal(HttpStatusCode.OK, await MeAsync(http, tokens.AccessToken));
        }
    }

    [Fact]
    public async Task Refresh_TheSameTokenTwice_Second401_AndEveryTokenOfTheUserEnds_Audited()
    {
        var email = await Factory.CreateUserAsync(UserRole.SystemAdmin, null, null);
        using var http = Factory.CreateClient();
        var first = await TokensAsync(http, email);
        var otherDevice = await TokensAsync(http, email);
        var second = await (await RefreshAsync(http, first.RefreshToken)).ShouldBeAsync<AccessTokenDto>(HttpStatusCode.OK);

        var reused = await RefreshAsync(http, first.RefreshToken);

        var problem = await reused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(("Inloggningen har gått ut", "Logga in igen."), (problem.Title, problem.Detail));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(http, first.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(http, second.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(http, otherDevice.AccessToken));
        await (await RefreshAsync(http, second.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var line = await Factory.WithDbAsync(db => Task.FromResult(db.AuditEntries.Single(a => a.UserName == email && a.Action == AuditAction.SignOut)));
        Assert.Contains("förnyelsetoken", line.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(http, (await TokensAsync(http, email)).AccessToken));
    }

    [Fact]
    public async Task Refresh_TwoAtOnceWithTheSameToken_OnlyOneIsAccepted()
    {
        var email = await Factory.CreateUserAsync(UserRole.SystemAdmin, null, null);
        using var http = Factory.CreateClient();
        var tokens = await TokensAsync(http, email);

        var both = await Task.WhenAll(RefreshAsync(http, tokens.RefreshToken), RefreshAsync(http, tokens.RefreshToken));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Unauthorized], both.Select(r => r.StatusCode).Order());
        var winner = await both.Single(r => r.IsSuccessStatusCode).Content.ReadFromJsonAsync<AccessTokenDto>(Ct);
        await (await RefreshAsync(http, winner!.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Refresh_ForAUserLockedSince_401()
    {
        await Data.AssociationAsync();
        var email = await Factory.CreateUserAsync(UserRole.BoardMember, Data.HomeAssociationId, null);
        using var http = Factory.CreateClient();
        var tokens = await TokensAsync(http, email);
        var board = await (await http.SendAsync(Bearer(HttpMethod.Get, "/api/v1/auth/me", tokens.AccessToken), Ct)).ShouldBeAsync<CurrentUserDto>(HttpStatusCode.OK);

        await ChangeAsync(board, "BoardMember", isLocked: true);

        await (await RefreshAsync(http, tokens.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    /// <summary>The web UI's cookie ("name=value") after POST /api/v1/auth/login?useCookies=true.</summary>
    private async Task<string> SignInWithCookieAsync(string email)
    {
        using var http = Factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = false,
            BaseAddress = new Uri("https://localhost"),
        });
        using var response = await http.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password = ApiFactory.Password }, Ct);
        response.EnsureSuccessStatusCode();
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"{CookieName}=", StringComparison.Ordinal));
        return setCookie.Split(';')[0];
    }
}
