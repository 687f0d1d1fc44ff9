using Microsoft.Playwright;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Browser;

namespace Samordning.FollowUp.IntegrationTests.Browser;

/// <summary>Issue 21: the office defines a progression instrument; the coach records a due measurement on a phone, with the keyboard.</summary>
public sealed class ProgressionBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Office_DefinesAnInstrument_CoachRecordsTheDueMeasurement_OnAPhone()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        var intervention = await Data.InterventionAsync(association.Id, provider.Id, Mode.Identified);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Man(7)));

        var office = await SignInAsync(UserRole.AssociationAdmin, association.Id, null);
        await office.GotoAsync("/kansli/progression");
        await ClickLinkAsync(office, "Nytt instrument");
        await ArrivedAsync(office, "/kansli/progression/utkast");
        await FillAsync(office, "Kod", "LIV");
        await FillAsync(office, "Namn", "Livssituation");
        await FillAsync(office, "Faktorer, en per rad", "HALSA; Hälsa; högre\nORO; Oro; lägre; Hur mycket oro personen känner.");
        await FillAsync(office, "Skalans benämningar, en per rad från lägsta värdet", "Mycket dåligt\nDåligt\nVarken eller\nBra\nMycket bra");
        await office.GetByLabel("Minst K faktorer förbättrade").CheckAsync();
        await FillAsync(office, "Antal faktorer som minst ska förbättras", "1");
        await FillAsync(office, "Målvärde (%)", "50");
        await ClickButtonAsync(office, "Förhandsgranska");
        await Assertions.Expect(office.GetByRole(AriaRole.Heading, new() { Name = "Förhandsgranskning" })).ToBeVisibleAsync();
        await CheckPageAsync(office, "office-progression-utkast");
        await ClickButtonAsync(office, "Spara");
        await ArrivedAsync(office, "/kansli/progression");
        await Assertions.Expect(office.Locator(".confirmation")).ToContainTextAsync("LIV version 1 är sparad");
        await Assertions.Expect(office.GetByRole(AriaRole.Heading, new() { Name = "Livssituation (LIV)" })).ToBeVisibleAsync();
        await CheckPageAsync(office, "office-progression");

        var coach = await SignInAsync(UserRole.Coach, association.Id, provider.Id);
        await coach.SetViewportSizeAsync(390, 844);
        await coach.GotoAsync("/att-gora");
        await Assertions.Expect(coach.Locator("#matningar")).ToHaveTextAsync("Progressionsmätningar (1)");
        var reference = $"D-{participation.Id}";
        await ClickLinkAsync(coach, $"Registrera mätning för {reference}");
        await ArrivedAsync(coach, $"/deltaganden/{participation.Id}/matningar");
        await Assertions.Expect(coach.GetByLabel("Vid start")).ToBeCheckedAsync();

        // The scale's labels on every point; the arrow keys move within a factor.
        var health = coach.GetByRole(AriaRole.Group, new() { Name = "Hälsa" });
        await health.GetByLabel("2 – Dåligt").CheckAsync();
        await coach.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(health.GetByLabel("3 – Varken eller")).ToBeCheckedAsync();
        await coach.GetByRole(AriaRole.Group, new() { Name = "Oro" }).GetByLabel("4 – Bra").CheckAsync();
        await AssertFitsTheScreenAsync(coach);
        await CheckPageAsync(coach, "coach-progressionsmatning");
        await ClickButtonAsync(coach, "Registrera mätningen");

        await Assertions.Expect(coach.Locator(".confirmation")).ToHaveTextAsync("Mätningen är registrerad.");
        var row = coach.GetByRole(AriaRole.Row).Filter(new() { HasText = "LIV (version 1)" });
        await Assertions.Expect(row).ToContainTextAsync("HALSA 3, ORO 4");
        await Assertions.Expect(row).ToContainTextAsync("Gäller");
        await AssertFitsTheScreenAsync(coach);
        await coach.GotoAsync("/att-gora");
        await Assertions.Expect(coach.Locator("#matningar")).ToHaveTextAsync("Progressionsmätningar (0)");
    }
}
