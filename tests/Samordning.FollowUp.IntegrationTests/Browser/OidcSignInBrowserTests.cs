using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Browser;

namespace Samordning.FollowUp.IntegrationTests.Browser;

/// <summary>
/// "Logga in med organisationens konto" in Chromium, through the OpenID Connect test provider (a
/// real process on 127.0.0.1, another site than the service at localhost): the provider's sign-in
/// form, the service's callback, and the pages a coach and a refused person see.
/// </summary>
public sealed class OidcSignInBrowserTests(BrowserFixture fixture, OidcBrowserService oidc) : BrowserTest(fixture)
{
    private static readonly DateOnly Started = new(2025, 3, 3);
    private static readonly DateOnly Ended = new(2025, 11, 20);

    [Fact]
    public async Task Coach_SignsInWithTheOrganisationsAccount_LandsOnAttGora_SeeingOnlyTheirProvidersParticipations()
    {
        await oidc.Factory.ResetDatabaseAsync();
        using var users = new TestUsers(oidc.Factory);
        var data = new TestData(users);
        var association = await data.AssociationAsync();
        var own = await data.ProviderAsync(association.Id);
        var other = await data.ProviderAsync(association.Id);
        var ownParticipation = await EndedParticipationAsync(data, association.Id, own.Id, 0);
        var otherParticipation = await EndedParticipationAsync(data, association.Id, other.Id, 1);
        // A year after the exits the follow-ups are due: each shows on its own provider's "Att göra".
        await oidc.Factory.SendAsync(new RunFollowUpSchedulerCommand(), Ct);
        var email = $"asa.extern.{Guid.NewGuid():N}@kommun.test";
        var userName = $"asa-{Guid.NewGuid():N}";
        await oidc.Provider.PutUserAsync(userName, new OidcProvider.TestUser
        {
            Email = email,
            Name = "Åsa Extern",
            Claims = new() { ["roles"] = ["Coach"], ["followup_provider"] = [own.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)] },
        });

        var page = await NewPageAsync();
        await page.GotoAsync(oidc.At("/logga-in"));
        await CheckPageAsync(page, "logga-in-organisation");
        await SignInAtProviderAsync(page, userName);

        // The provider already holds identities: a colleague there lets the new account in, as for any coach.
        await ArrivedAsync(page, "/att-gora");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ingen behörighet");
        var id = await oidc.Factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct));
        await (await users.CoachOf(own.Id).PostAsync($"/api/v1/users/{id}/confirm", new System.Text.Json.Nodes.JsonObject()))
            .ShouldHaveStatusAsync(System.Net.HttpStatusCode.OK);

        var confirmed = await NewPageAsync();
        await confirmed.GotoAsync(oidc.At("/logga-in"));
        await SignInAtProviderAsync(confirmed, userName);

        await ArrivedAsync(confirmed, "/att-gora");
        await Assertions.Expect(confirmed.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Att göra");
        await Assertions.Expect(confirmed.Locator(".user")).ToContainTextAsync("Åsa Extern");
        var ownRow = confirmed.GetByRole(AriaRole.Row).Filter(new() { HasText = $"D-{ownParticipation}" });
        await Assertions.Expect(ownRow).ToContainTextAsync($"Registrera uppföljning för D-{ownParticipation}");
        await Assertions.Expect(confirmed.Locator("main")).Not.ToContainTextAsync($"D-{otherParticipation}");
        await CheckPageAsync(confirmed, "logga-in-organisation-att-gora");
    }

    [Fact]
    public async Task RefusedSignIn_SaysWhatIsMissingInSwedish_AtBothWidths()
    {
        var userName = $"utan-roll-{Guid.NewGuid():N}";
        await oidc.Provider.PutUserAsync(userName, new OidcProvider.TestUser { Email = $"{userName}@kommun.test", Name = "Utan Roll" });

        var page = await NewPageAsync();
        await page.GotoAsync(oidc.At("/logga-in"));
        await SignInAtProviderAsync(page, userName);

        await ArrivedAsync(page, "/logga-in/extern-nekad?orsak=roll-saknas");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Inloggningen nekades");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("ger dig ingen roll i Samordning Uppföljning");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("uppgiften ”roles”");
        await CheckPageAsync(page, "logga-in-extern-nekad");

        await page.SetViewportSizeAsync(390, 844);
        await AssertFitsTheScreenAsync(page);
        await CheckPageAsync(page, "logga-in-extern-nekad-390");
        await ClickLinkAsync(page, "Tillbaka till inloggningen");
        await ArrivedAsync(page, "/logga-in");
    }

    /// <summary>Clicks the organisation's button and signs in at the test provider's form.</summary>
    private static async Task SignInAtProviderAsync(IPage page, string userName)
    {
        await ClickButtonAsync(page, "Logga in med organisationens konto");
        await ArrivedAsync(page, "/authorize");
        await page.GetByLabel("Test user").FillAsync(userName);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await LeftAsync(page, "/authorize");
    }

    private static async Task<long> EndedParticipationAsync(TestData data, long associationId, long providerId, int n)
    {
        var intervention = await data.InterventionAsync(associationId, providerId, Mode.Identified, start: new DateOnly(2025, 1, 1));
        var participation = await data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Woman(600 + n), Started));
        await data.ExitAsync(participation.Id, TestData.Exit(Ended));
        return participation.Id;
    }
}
