using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Users;

/// <summary>
/// Identity never leaves the provider, by any sequence of calls: the office and the
/// administrator create accounts but never set or learn a password (a one-time link goes to
/// the user's own mailbox), and an account they make a coach sees no participant until a coach
/// of that provider confirms it. E-mails go through a real SMTP server (aiosmtpd).
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Auth")]
public sealed partial class NoPathToIdentityTests(ApiFactory factory, SmtpTestServer smtp)
    : ApiTest(factory), IClassFixture<SmtpTestServer>
{
    private const string From = "konton@samordning.test";
    private const string ChosenPassword = "Eget-losenord-2026";
    private const string AwaitingConfirmation = "Ditt konto väntar på att utföraren bekräftar det.";

    [GeneratedRegex(@"https?://\S+/konto/valj-losenord\?anvandare=(?<user>[^&\s]+)&kod=(?<code>\S+)")]
    private static partial Regex LinkPattern();

    private sealed record UserDto(
        string Id, string Email, string DisplayName, string Role, long? AssociationId, long? ProviderId, bool IsLocked,
        bool IsActivated, bool AwaitsProviderConfirmation, bool? PasswordLinkSent);

    private sealed record Setup(WebApplicationFactory<Program> Host, HostUsers Users, long AssociationId, long ProviderId, long ParticipationId);

    /// <summary>An association whose provider holds one identified participant, served by a host that e-mails.</summary>
    private async Task<Setup> SetUpAsync()
    {
        if (smtp.Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }

        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        var intervention = await Data.InterventionAsync(association.Id, provider.Id, Mode.Identified, new DateOnly(2025, 1, 1));
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Woman(7), new DateOnly(2026, 3, 2)));
        var host = Factory.WithSmtp(smtp.Port, From);
        var users = new HostUsers(host.Services, host.CreateClient);
        return new Setup(host, users, association.Id, provider.Id, participation.Id);
    }

    private static JsonObject NewUser(string email, string role, long? associationId, long? providerId) => new()
    {
        ["email"] = email,
        ["displayName"] = "Ny Användare",
        ["role"] = role,
        ["associationId"] = associationId,
        ["providerId"] = providerId,
    };

    private async Task<(string UserId, string Code)> LinkFromMailAsync(string email, int nth = 1)
    {
        var files = await smtp.MessagesToAsync(email, atLeast: nth, Ct);
        Assert.True(files.Count >= nth, $"expected {nth} e-mails to {email}, got {files.Count}");
        var mails = new List<MimeMessage>();
        foreach (var file in files)
        {
            mails.Add(await MimeMessage.LoadAsync(file, Ct));
        }

        var withLink = mails.Select(m => LinkPattern().Match(m.TextBody ?? string.Empty)).Where(m => m.Success).ToList();
        Assert.True(withLink.Count >= nth, $"expected {nth} links to {email}");
        var match = withLink[nth - 1];
        return (Uri.UnescapeDataString(match.Groups["user"].Value), Uri.UnescapeDataString(match.Groups["code"].Value));
    }

    private static async Task<HttpResponseMessage> ChoosePasswordAsync(HttpClient anonymous, string userId, string code, string password) =>
        await anonymous.PostAsync(new Uri("/api/v1/auth/password", UriKind.Relative),
            new StringContent(new JsonObject { ["userId"] = userId, ["code"] = code, ["password"] = password }.ToJsonString(),
                System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

    private static async Task<ApiClient> SignedInAsync(WebApplicationFactory<Program> host, string email, string password)
    {
        var http = host.CreateClient();
        var tokens = await (await http.SignInAsync(email, password)).ShouldBeAsync<AccessTokenDto>(HttpStatusCode.OK);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return new ApiClient(http);
    }

    [Fact]
    public async Task OfficeCreatesCoach_NoPasswordReachesTheOffice_AndTheAccountSeesNoIdentityUntilTheProviderConfirms()
    {
        var setup = await SetUpAsync();
        var office = setup.Users.OfficeOf(setup.AssociationId);
        var email = $"ny-coach-{Guid.NewGuid():N}@utforare.test";

        var response = await office.PostAsync("/api/v1/users", NewUser(email, "Coach", null, setup.ProviderId));
        var raw = await response.Content.ReadAsStringAsync(Ct);
        var created = await response.ShouldBeAsync<UserDto>(HttpStatusCode.Created);
        Assert.True(created.AwaitsProviderConfirmation);
        Assert.False(created.IsActivated);
        Assert.True(created.PasswordLinkSent);

        // The link is in the user's own mailbox, not in what the office receives or can list.
        var (userId, code) = await LinkFromMailAsync(email);
        Assert.Equal(created.Id, userId);
        Assert.DoesNotContain(code, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("kod=", raw, StringComparison.Ordinal);
        var notifications = await (await office.GetAsync($"/api/v1/notifications?associationId={setup.AssociationId}")).Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("valj-losenord", notifications, StringComparison.Ordinal);

        // Before a password is chosen the account cannot sign in at all.
        using (var anonymous = setup.Host.CreateClient())
        {
            await (await anonymous.SignInAsync(email, ApiFactory.Password)).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
            await (await ChoosePasswordAsync(anonymous, userId, code, ChosenPassword)).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        }

        // Signed in, but the provider has not confirmed it: no participant, no identity.
        using (var pending = await SignedInAsync(setup.Host, email, ChosenPassword))
        {
            var refused = await (await pending.GetAsync($"/api/v1/participations/{setup.ParticipationId}/identity"))
                .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            Assert.StartsWith(AwaitingConfirmation, refused.Detail, StringComparison.Ordinal);
            await (await pending.GetAsync($"/api/v1/participations/{setup.ParticipationId}")).ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        }

        // The office cannot confirm; a coach of the provider sees the account waiting and confirms it.
        await (await office.PostAsync($"/api/v1/users/{created.Id}/confirm", new JsonObject())).ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        var colleague = setup.Users.CoachOf(setup.AssociationId, setup.ProviderId);
        var listed = await (await colleague.GetAsync("/api/v1/users")).ShouldBeAsync<PageDto<UserDto>>(HttpStatusCode.OK);
        Assert.Contains(listed.Items, u => u.Id == created.Id && u.AwaitsProviderConfirmation);
        Assert.All(listed.Items, u => Assert.Equal("Coach", u.Role));
        var confirmed = await (await colleague.PostAsync($"/api/v1/users/{created.Id}/confirm", new JsonObject()))
            .ShouldBeAsync<UserDto>(HttpStatusCode.OK);
        Assert.False(confirmed.AwaitsProviderConfirmation);

        using var coach = await SignedInAsync(setup.Host, email, ChosenPassword);
        var identity = await (await coach.GetAsync($"/api/v1/participations/{setup.ParticipationId}/identity"))
            .ShouldBeAsync<IdentityDto>(HttpStatusCode.OK);
        Assert.Equal(TestPersonnummer.Woman(7), identity.PersonalIdentityNumber.Replace("-", string.Empty, StringComparison.Ordinal));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == Domain.AuditAction.AccountConfirmed && a.EntityId == created.Id)));
    }

    [Fact]
    public async Task AdministratorCreatesCoach_AwaitsTheProviderToo()
    {
        var setup = await SetUpAsync();
        var email = $"admin-coach-{Guid.NewGuid():N}@utforare.test";
        var created = await (await setup.Users.Admin.PostAsync("/api/v1/users", NewUser(email, "Coach", null, setup.ProviderId)))
            .ShouldBeAsync<UserDto>(HttpStatusCode.Created);
        Assert.True(created.AwaitsProviderConfirmation);

        var (userId, code) = await LinkFromMailAsync(email);
        using (var anonymous = setup.Host.CreateClient())
        {
            await (await ChoosePasswordAsync(anonymous, userId, code, ChosenPassword)).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        }

        using var pending = await SignedInAsync(setup.Host, email, ChosenPassword);
        await (await pending.GetAsync($"/api/v1/participations/{setup.ParticipationId}/identity")).ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        await (await pending.PostAsync("/api/v1/participations/search", new JsonObject { ["personalIdentityNumber"] = TestPersonnummer.Woman(7) }))
            .ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        await (await pending.PostAsync("/api/v1/data-subject/export", new JsonObject { ["personalIdentityNumber"] = TestPersonnummer.Woman(7) }))
            .ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task OfficeCannotSetAPassword_NotOnCreation_NotOnChange()
    {
        var setup = await SetUpAsync();
        var office = setup.Users.OfficeOf(setup.AssociationId);
        var body = NewUser($"med-losenord-{Guid.NewGuid():N}@test.example", "Coach", null, setup.ProviderId);
        body["password"] = ApiFactory.Password;
        await (await office.PostAsync("/api/v1/users", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "password");

        var coachEmail = await Factory.CreateUserAsync(Domain.UserRole.Coach, setup.AssociationId, setup.ProviderId);
        var coachId = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == coachEmail).Select(u => u.Id).SingleAsync());
        await (await office.PutAsync($"/api/v1/users/{coachId}", new JsonObject
        {
            ["displayName"] = "Test Coach",
            ["role"] = "Coach",
            ["providerId"] = setup.ProviderId,
            ["isLocked"] = false,
            ["newPassword"] = "Kanslietsval-2026",
        })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "newPassword");

        // The coach's own password still works; the office's does not.
        using var anonymous = setup.Host.CreateClient();
        await (await anonymous.SignInAsync(coachEmail, "Kanslietsval-2026")).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.SignInAsync(coachEmail, ApiFactory.Password)).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ResetLink_GoesToTheUserOnly_WorksOnce_AndTheUserIsToldOfChanges()
    {
        var setup = await SetUpAsync();
        var office = setup.Users.OfficeOf(setup.AssociationId);
        var coachEmail = $"coach-{Guid.NewGuid():N}@utforare.test";
        await Factory.CreateUserAsync(Domain.UserRole.Coach, setup.AssociationId, setup.ProviderId, coachEmail);
        var coachId = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == coachEmail).Select(u => u.Id).SingleAsync());

        var sent = await office.PostAsync($"/api/v1/users/{coachId}/password-link", new JsonObject());
        var raw = await sent.Content.ReadAsStringAsync(Ct);
        await sent.ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        Assert.Equal("{\"sent\":true}", raw);

        var (userId, code) = await LinkFromMailAsync(coachEmail);
        using var anonymous = setup.Host.CreateClient();
        await (await ChoosePasswordAsync(anonymous, userId, code, "kort")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "password");
        await (await ChoosePasswordAsync(anonymous, userId, code, ChosenPassword)).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        var reused = await (await ChoosePasswordAsync(anonymous, userId, code, "Ett-annat-losenord-2026"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "code");
        Assert.Contains("Länken är ogiltig", reused.Errors!["code"][0], StringComparison.Ordinal);
        await (await ChoosePasswordAsync(anonymous, userId, code + "x", "Ett-annat-losenord-2026"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "code");
        await (await anonymous.SignInAsync(coachEmail, ChosenPassword)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        // A change by the office is e-mailed to the user, in Swedish.
        await (await office.PutAsync($"/api/v1/users/{coachId}", new JsonObject
        {
            ["displayName"] = "Test Coach",
            ["role"] = "Coach",
            ["providerId"] = setup.ProviderId,
            ["isLocked"] = true,
        })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var files = await smtp.MessagesToAsync(coachEmail, atLeast: 2, Ct);
        var notices = new List<MimeMessage>();
        foreach (var file in files)
        {
            notices.Add(await MimeMessage.LoadAsync(file, Ct));
        }

        var notice = Assert.Single(notices, m => m.Subject == "Ditt konto har ändrats");
        Assert.Contains("kontot är låst", notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfficeMakesABoardMemberACoach_TheAccountAwaitsTheProvider()
    {
        var setup = await SetUpAsync();
        var office = setup.Users.OfficeOf(setup.AssociationId);
        var email = await Factory.CreateUserAsync(Domain.UserRole.BoardMember, setup.AssociationId, null);
        var id = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

        var changed = await (await office.PutAsync($"/api/v1/users/{id}", new JsonObject
        {
            ["displayName"] = "Före detta styrelseledamot",
            ["role"] = "Coach",
            ["providerId"] = setup.ProviderId,
            ["isLocked"] = false,
        })).ShouldBeAsync<UserDto>(HttpStatusCode.OK);
        Assert.True(changed.AwaitsProviderConfirmation);

        using var moved = await SignedInAsync(setup.Host, email, ApiFactory.Password);
        await (await moved.GetAsync($"/api/v1/participations/{setup.ParticipationId}/identity")).ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CoachMovedToAnotherProvider_AwaitsThatProvider_AndOnlyItsCoachesMayConfirm()
    {
        var setup = await SetUpAsync();
        var office = setup.Users.OfficeOf(setup.AssociationId);
        var other = await Data.ProviderAsync(setup.AssociationId);
        var otherIntervention = await Data.InterventionAsync(setup.AssociationId, other.Id, Mode.Identified, new DateOnly(2025, 1, 1));
        await Data.ParticipationAsync(otherIntervention.Id, TestData.Identified(TestPersonnummer.Man(8), new DateOnly(2026, 3, 2)));
        var email = await Factory.CreateUserAsync(Domain.UserRole.Coach, setup.AssociationId, other.Id);
        var id = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

        var moved = await (await office.PutAsync($"/api/v1/users/{id}", new JsonObject
        {
            ["displayName"] = "Flyttad",
            ["role"] = "Coach",
            ["providerId"] = setup.ProviderId,
            ["isLocked"] = false,
        })).ShouldBeAsync<UserDto>(HttpStatusCode.OK);
        Assert.True(moved.AwaitsProviderConfirmation);

        // A coach of the provider it came from cannot let it into the new one.
        var formerColleague = setup.Users.CoachOf(setup.AssociationId, other.Id);
        await (await formerColleague.PostAsync($"/api/v1/users/{id}/confirm", new JsonObject())).ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        await (await setup.Users.CoachOf(setup.AssociationId, setup.ProviderId).PostAsync($"/api/v1/users/{id}/confirm", new JsonObject()))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task FirstCoachOfAProviderWithoutIdentities_IsConfirmedAtOnce_TheSecondAwaitsTheFirst()
    {
        var setup = await SetUpAsync();
        var office = setup.Users.OfficeOf(setup.AssociationId);
        var fresh = await Data.ProviderAsync(setup.AssociationId);

        var first = await (await office.PostAsync("/api/v1/users", NewUser($"forsta-{Guid.NewGuid():N}@ny.test", "Coach", null, fresh.Id)))
            .ShouldBeAsync<UserDto>(HttpStatusCode.Created);
        Assert.False(first.AwaitsProviderConfirmation);
        var second = await (await office.PostAsync("/api/v1/users", NewUser($"andra-{Guid.NewGuid():N}@ny.test", "Coach", null, fresh.Id)))
            .ShouldBeAsync<UserDto>(HttpStatusCode.Created);
        Assert.True(second.AwaitsProviderConfirmation);
    }
}
