using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Browser;

namespace Samordning.FollowUp.IntegrationTests.Browser;

/// <summary>Issue 19: a coach receives a referral, accepts it with a planned start and starts the participation from it.</summary>
public sealed partial class ReferralBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Coach_ReceivesAcceptsAndStartsAReferral()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        var intervention = await Data.InterventionAsync(association.Id, provider.Id, Mode.Identified);
        var pnr = TestPersonnummer.Woman(7);

        var page = await SignInAsync(UserRole.Coach, association.Id, provider.Id);
        await ClickLinkAsync(page, $"Anvisningar till {intervention.Name}");
        await ArrivedAsync(page, $"/insatser/{intervention.Id}/anvisningar");
        await Assertions.Expect(page.GetByText("0 anvisningar väntar.")).ToBeVisibleAsync();

        // Received: the person with consent, who referred them and from which team.
        await ClickLinkAsync(page, "Registrera anvisning");
        await ArrivedAsync(page, $"/insatser/{intervention.Id}/anvisningar/ny");
        await Assertions.Expect(page.GetByLabel("Mottagen")).ToHaveValueAsync("2026-11-23");
        await FillAsync(page, "Mottagen", "2026-11-02");
        await SelectAsync(page, "Anvisad av", "Arbetsförmedlingen");
        await FillAsync(page, "Anvisande team (om något)", "Uppdragsteam Sjuhärad");
        await FillAsync(page, "Personnummer", TestPersonnummer.WithDash(pnr));
        await FillAsync(page, "Samtyckestextens version", "2026-01");
        await FillAsync(page, "Samtycket mottaget av", "Åsa Öberg");
        await CheckPageAsync(page, "coach-anvisning-ny");
        await ClickButtonAsync(page, "Registrera anvisningen");

        await ArrivedAsync(page, $"/insatser/{intervention.Id}/anvisningar");
        await Assertions.Expect(page.Locator(".confirmation")).ToContainTextAsync(ReferencePattern());
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = TestPersonnummer.Masked(pnr) });
        await Assertions.Expect(row).ToContainTextAsync("Arbetsförmedlingen (Uppdragsteam Sjuhärad)");
        await Assertions.Expect(row).ToContainTextAsync("Mottagen");
        await Assertions.Expect(row.Locator("td").Last).ToHaveTextAsync("21");
        await CheckPageAsync(page, "coach-anvisningar");

        // Accepted with a planned start.
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await ArrivedAsync(page, "/anvisningar/");
        await FillAsync(page, "Planerat startdatum", "2026-11-16");
        await ClickButtonAsync(page, "Acceptera anvisningen");
        await Assertions.Expect(page.Locator("#Input_PlannedStartDate-fel")).ToContainTextAsync("Planerat startdatum får inte vara före beslutet.");
        await FillAsync(page, "Planerat startdatum", "2026-11-23");
        await ClickButtonAsync(page, "Acceptera anvisningen");
        await Assertions.Expect(page.Locator(".confirmation")).ToHaveTextAsync("Anvisningen är accepterad.");
        await Assertions.Expect(page.Locator(".lead")).ToContainTextAsync("Accepterad, planerad start 2026-11-23");
        await CheckPageAsync(page, "coach-anvisning");

        // Started: the intake asks only what the referral does not know.
        await ClickLinkAsync(page, "Skriv in från anvisningen");
        await ArrivedAsync(page, "inskrivning?anvisning=");
        await Assertions.Expect(page.GetByLabel("Personnummer", new() { Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByLabel("Anvisad av")).ToHaveValueAsync("PublicEmploymentService");
        await FillAsync(page, "Hemkommun", "Borås");
        await SelectAsync(page, "Utbildningsnivå", "Gymnasium");
        await SelectAsync(page, "Tid i offentlig försörjning", "6–12 månader");
        await SelectAsync(page, "Sysselsättning vid start", "Arbete med stöd");
        await CheckPageAsync(page, "coach-inskrivning-fran-anvisning");
        await ClickButtonAsync(page, "Skriv in deltagaren");

        await ArrivedAsync(page, "/deltaganden/");
        await Assertions.Expect(page.Locator("main dl").First).ToContainTextAsync(TestPersonnummer.Masked(pnr));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Arbetsförmedlingen");
        var referral = await Factory.WithDbAsync(db => db.Referrals.AsNoTracking().SingleAsync(Ct));
        Assert.Equal(ReferralState.Started, referral.State);
        Assert.NotNull(referral.ParticipationId);

        await page.GotoAsync($"/insatser/{intervention.Id}/anvisningar?status=closed");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = TestPersonnummer.Masked(pnr) })).ToContainTextAsync("Påbörjad 2026-11-23");
        await AssertAccessibleAsync(page);
    }

    [GeneratedRegex("Anvisningen är registrerad som A-\\d+\\.")]
    private static partial Regex ReferencePattern();
}
