using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Browser;

namespace Samordning.FollowUp.IntegrationTests.Browser;

/// <summary>
/// The office's economy in the browser: the year entered on the economy page, a municipality's
/// population, a refused target with its message beside the field, and the financing plan that
/// names what does not add up; each page axe clean at 1280 px and fitting a 390 px phone.
/// </summary>
public sealed class EconomyBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Office_EntersTheYearsEconomy_AndReadsTheFinancingPlan()
    {
        var association = await Data.AssociationAsync("Samordningsförbundet Tranemo-Ulricehamn");
        var provider = await Data.ProviderAsync(association.Id, "Arbetsmarknadsenheten");
        await Data.InterventionAsync(association.Id, provider.Id, Mode.Identified);
        var office = Users.OfficeOf(association.Id);
        foreach (var (name, kind) in new[] { ("Försäkringskassan", "State"), ("Västra Götalandsregionen", "Region"), ("Ulricehamn", "Municipality"), ("Tranemo", "Municipality") })
        {
            await (await office.PostAsync($"/api/v1/associations/{association.Id}/economy/members", new JsonObject { ["name"] = name, ["kind"] = kind }))
                .ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        var page = await SignInAsync(UserRole.AssociationAdmin, association.Id, null);
        await page.GotoAsync("/kansli/ekonomi?ar=2026&tertial=2");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ekonomi 2026");
        await CheckPageAsync(page, "kansli-ekonomi-tom");

        // The year: the members' total and the opening equity, typed the Swedish way.
        await FillAsync(page, "Medlemsavgifter totalt (kronor)", "4 000 000");
        await SelectAsync(page, "Avrunda uträknade avgifter till", "1 000 kr");
        await FillAsync(page, "Ingående eget kapital (kronor)", "300 000 kr");
        await ClickButtonAsync(page, "Spara året");
        await Assertions.Expect(page.GetByText("Året 2026 är sparat.")).ToBeVisibleAsync();

        // Ulricehamn's population: the municipalities' million is shared once both have one.
        foreach (var (name, inhabitants) in new[] { ("Ulricehamn", "23 006"), ("Tranemo", "12 063") })
        {
            await page.GetByText($"Ändra {name}").ClickAsync();
            await FillAsync(page, $"Befolkning i {name}", inhabitants);
            await FillAsync(page, $"Befolkningstalet för {name} gäller den", "2025-07-01");
            await ClickButtonAsync(page, $"Spara {name}");
            await Assertions.Expect(page.GetByText($"{name} är sparad för 2026.")).ToBeVisibleAsync();
        }

        var table = page.Locator("#finansieringsplan-tabell");
        await Assertions.Expect(table.Locator("tr", new() { HasText = "Ulricehamn" })).ToContainTextAsync("656 000");
        await Assertions.Expect(table.Locator("tr", new() { HasText = "Tranemo" })).ToContainTextAsync("344 000");

        // A share with three decimals is refused beside its field, nothing saved.
        await FillAsync(page, "Eget kapital högst andel av årets medel (procent)", "2,005");
        await ClickButtonAsync(page, "Spara målen");
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("med högst två decimaler");
        await CheckPageAsync(page, "kansli-ekonomi-fel");
        await FillAsync(page, "Eget kapital högst andel av årets medel (procent)", "2");
        await FillAsync(page, "Högsta andelen i genomsnitt över antal år", "5");
        await ClickButtonAsync(page, "Spara målen");
        await Assertions.Expect(page.GetByText("De finansiella målen är sparade.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#ekonomi-mal-tabell")).ToContainTextAsync("Eget kapital högst 2 % av årets medel i genomsnitt över 5 år");
        await CheckPageAsync(page, "kansli-ekonomi");
        await page.SetViewportSizeAsync(390, 844);
        await AssertFitsTheScreenAsync(page);
        await AssertAccessibleAsync(page);
        await page.SetViewportSizeAsync(1280, 900);

        // The financing plan from the menu: 2026 adds up; 2027 and 2028 have no total, so their rows are missing.
        await ClickLinkAsync(page, "Finansieringsplan");
        await ArrivedAsync(page, "/kansli/finansieringsplan");
        await Assertions.Expect(page.Locator("#finansieringsplan-tabell tr", new() { HasText = "Tranemo" })).ToContainTextAsync("344 000");
        await Assertions.Expect(page.Locator("#avvikelser")).ToContainTextAsync("2027: Belopp saknas för Försäkringskassan");
        await CheckPageAsync(page, "kansli-finansieringsplan");
        await page.SetViewportSizeAsync(390, 844);
        await AssertFitsTheScreenAsync(page);
        await AssertAccessibleAsync(page);
    }
}
