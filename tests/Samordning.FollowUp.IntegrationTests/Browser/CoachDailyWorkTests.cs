using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Browser;

namespace Samordning.FollowUp.IntegrationTests.Browser;

/// <summary>
/// A coach's day (issue 15): find a participant from the header's search box, list "Mina
/// deltagare" and download it, call the person due for follow-up (masked number, the whole
/// number one click away, attempts before "Ej anträffbar"), and correct a tertial's count with
/// the old and new figures side by side — at 1280 px, then every new page at 390 px.
/// </summary>
public sealed class CoachDailyWorkTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Coach_FindsListsCallsAndCorrectsACount_AtDesktopAndPhoneWidth()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id, "Alfa utförare");
        var office = Users.OfficeOf(association.Id);
        var intervention = await office.InterventionAsync(association.Id, provider.Id, "Arbetsträning", Mode.Identified, "Preparatory", new DateOnly(2025, 1, 1));
        var countOnly = await office.InterventionAsync(association.Id, provider.Id, "Dialogdagar", Mode.CountOnly, "Training", new DateOnly(2025, 1, 1));
        // Left 2025-12-01: the follow-up is due 2026-12-01, within the 30 days' reminder on 2026-11-23.
        var pnr = TestPersonnummer.Woman(30);
        var left = await Data.IdentifiedExitAsync(intervention.Id, pnr, new DateOnly(2025, 3, 3), new DateOnly(2025, 12, 1));
        await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Man(30), new DateOnly(2026, 9, 7)));
        await Factory.SendAsync(new RunFollowUpSchedulerCommand(), Ct);
        var followUp = (await Data.FollowUpOfAsync(left.Id))!;
        var reference = $"D-{left.Id}";

        var page = await SignInAsync(UserRole.Coach, association.Id, provider.Id);

        // Att göra: who to call, with the masked number and birth year.
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = reference });
        await Assertions.Expect(row).ToContainTextAsync(TestPersonnummer.Masked(pnr));
        await Assertions.Expect(row).ToContainTextAsync(pnr[..4]);

        // The header's search box: one step to the person.
        await FillAsync(page, "Sök deltagare på personnummer eller D-nummer", TestPersonnummer.WithDash(pnr));
        await page.Locator(".header-search").GetByRole(AriaRole.Button, new() { Name = "Sök" }).ClickAsync();
        await ArrivedAsync(page, "/sok");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 deltagande hittades för personnumret.");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = reference })).ToBeVisibleAsync();
        await CheckPageAsync(page, "coach-sok");

        // Mina deltagare: filtered by the follow-up's state, and downloaded.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Huvudmeny" }).GetByRole(AriaRole.Link, new() { Name = "Mina deltagare" }).ClickAsync();
        await ArrivedAsync(page, "/deltagare");
        await Assertions.Expect(page.GetByText("2 deltaganden i listan.")).ToBeVisibleAsync();
        await SelectAsync(page, "Uppföljning", "Dags att följa upp");
        await ClickButtonAsync(page, "Visa");
        await Assertions.Expect(page.GetByText("1 deltagande i listan.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = reference })).ToContainTextAsync(TestPersonnummer.Masked(pnr));
        await CheckPageAsync(page, "coach-mina-deltagare");
        var download = await page.RunAndWaitForDownloadAsync(() => ClickButtonAsync(page, "Ladda ner Excel"));
        Assert.Equal("deltagare-2026-11-23.xlsx", download.SuggestedFilename);

        // The follow-up: show the whole number, record tries; "Ej anträffbar" only after two.
        await page.GotoAsync("/att-gora");
        await ClickLinkAsync(page, $"Registrera uppföljning för {reference}");
        await ArrivedAsync(page, $"/uppfoljningar/{followUp.Id}");
        await ClickButtonAsync(page, $"Visa personnummer för {reference}");
        await Assertions.Expect(page.Locator(".summary-list")).ToContainTextAsync(TestPersonnummer.WithDash(pnr));
        await SelectAsync(page, "Hur gick det?", "Inget svar");
        await ClickButtonAsync(page, "Registrera kontaktförsöket");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Kontaktförsöket den 2026-11-23 är registrerat: inget svar.");
        await Assertions.Expect(page.Locator("#kontaktforsok")).ToHaveTextAsync("Kontaktförsök (1)");
        await page.GetByLabel("Ej anträffbar", new() { Exact = true }).CheckAsync();
        await ClickButtonAsync(page, "Registrera uppföljningen");
        await Assertions.Expect(page.Locator("#Input_Outcome-fel")).ToContainTextAsync("Ej anträffbar kan registreras först efter minst 2 kontaktförsök.");
        await CheckPageAsync(page, "coach-uppfoljning-kontaktforsok");
        await SelectAsync(page, "Hur gick det?", "Fel nummer");
        await ClickButtonAsync(page, "Registrera kontaktförsöket");
        await Assertions.Expect(page.Locator("#kontaktforsok")).ToHaveTextAsync("Kontaktförsök (2)");
        await page.GetByLabel("Ej anträffbar", new() { Exact = true }).CheckAsync();
        await ClickButtonAsync(page, "Registrera uppföljningen");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Uppföljningen av {reference} är registrerad.");

        // A tertial's count corrected: the old and the new figure before anything is saved.
        await page.GotoAsync($"/insatser/{countOnly.Id}/antal");
        await FillAsync(page, "Antal kvinnor under tertialet", "12");
        await FillAsync(page, "Antal män under tertialet", "9");
        await ClickButtonAsync(page, "Spara antal för tertialet");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Antalet är sparat för T3 2026: 12 kvinnor och 9 män.");
        await Assertions.Expect(page.Locator("#sparat")).ToContainTextAsync("Sparat för T3 (september–december) 2026: 12 kvinnor och 9 män.");
        await FillAsync(page, "Antal kvinnor under tertialet", "14");
        await ClickButtonAsync(page, "Spara antal för tertialet");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Vill du ändra antalet för T3 2026?" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Sparat nu" })).ToHaveTextAsync(new Regex("Sparat nu\\s*12\\s*9\\s*21"));
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Nytt" })).ToHaveTextAsync(new Regex("Nytt\\s*14\\s*9\\s*23"));
        await CheckPageAsync(page, "coach-antal-bekrafta");
        await ClickButtonAsync(page, "Ja, ersätt med det nya antalet");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(
            "Antalet är ändrat för T3 2026: 14 kvinnor och 9 män (förut 12 kvinnor och 9 män). Året 2026 har nu 14 kvinnor och 9 män, totalt 23.");

        // A phone: every new page fits 390 px (nothing wider than the screen) and stays accessible.
        await page.SetViewportSizeAsync(390, 844);
        foreach (var (path, name) in new[]
                 {
                     ("/deltagare", "coach-mina-deltagare-390"),
                     ("/sok", "coach-sok-390"),
                     ($"/uppfoljningar/{followUp.Id}", "coach-uppfoljning-390"),
                     ($"/insatser/{countOnly.Id}/antal", "coach-antal-390"),
                 })
        {
            await page.GotoAsync(path);
            await AssertFitsTheScreenAsync(page);
            await CheckPageAsync(page, name);
        }

        // The search at 390 px: a D-number opens the participation.
        await page.GotoAsync("/sok");
        await FillAsync(page, "Personnummer eller D-nummer", reference);
        await page.Locator("main").GetByRole(AriaRole.Button, new() { Name = "Sök" }).ClickAsync();
        await ArrivedAsync(page, $"/deltaganden/{left.Id}");
    }
}
