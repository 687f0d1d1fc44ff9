using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Browser;

namespace Samordning.FollowUp.IntegrationTests.Browser;

/// <summary>A coach reports the provider's ended tertial in the browser: a comment, then the attestation with its reason.</summary>
public sealed class CoachTertialTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Coach_CommentsAndAttestsTheTertial_WithAReasonForTheOpenChecklistItem()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id, "Alfa utförare");
        var office = Users.OfficeOf(association.Id);
        var intervention = await office.InterventionAsync(association.Id, provider.Id, "Arbetsträning", Mode.Identified, "Preparatory", new DateOnly(2026, 1, 1));
        // An exit in T2 2026 with the outcome Unknown: one open item on the checklist.
        await office.IdentifiedAsync(Data, intervention.Id, TestPersonnummer.Man(0), new DateOnly(2026, 5, 4), new DateOnly(2026, 7, 1), "PlannedCompletion", "Unknown", 4);

        var page = await SignInAsync(UserRole.Coach, association.Id, provider.Id);
        await ClickLinkAsync(page, "Tertialrapportering");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tertialrapportering T2 2026");
        await Assertions.Expect(page.Locator("#checklista")).ToHaveTextAsync("Checklista (1 öppen punkt)");
        await CheckPageAsync(page, "utforare-tertialrapportering");

        await FillAsync(page, "Inflöde och kö", "Remitteringen har ökat från ett tidigare lågt inflöde.");
        await FillAsync(page, "Vad har fungerat", "Fasta grupper.");
        await ClickButtonAsync(page, "Spara kommentaren för Arbetsträning");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Kommentaren för Arbetsträning är sparad.");
        await Assertions.Expect(page.GetByLabel("Inflöde och kö", new() { Exact = true })).ToHaveValueAsync("Remitteringen har ökat från ett tidigare lågt inflöde.");

        // The confirm step (the figures being attested), then refused without a reason: the message at the field.
        await ClickLinkAsync(page, "Granska siffrorna och intyga");
        await Assertions.Expect(page.Locator("table.attest-figures caption")).ToHaveTextAsync("Arbetsträning");
        await ClickButtonAsync(page, "Intyga tertialen");
        await Assertions.Expect(page.Locator(".error-summary")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#Input_Reason-fel")).ToContainTextAsync("Checklistan har öppna punkter.");
        await Assertions.Expect(page.GetByLabel("Motivering", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await AssertAccessibleAsync(page);

        await FillAsync(page, "Motivering", "Avslutet rättas i december.");
        await ClickButtonAsync(page, "Intyga tertialen");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Tertialen T2 2026 är intygad. Förbundets kansli granskar rapporten.");
        await Assertions.Expect(page.Locator("#status ~ p .status")).ToHaveTextAsync("Intygad");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Intyga tertialen" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Granska siffrorna och intyga" })).ToHaveCountAsync(0);
        await CheckPageAsync(page, "utforare-tertialrapportering-intygad");

        // A phone's width: nothing wider than the screen but the tables, which scroll within themselves.
        await page.SetViewportSizeAsync(390, 844);
        var wide = await page.EvaluateAsync<string>("() => document.documentElement.scrollWidth + ' ' + [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391).slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id + ':' + Math.round(e.getBoundingClientRect().right)).join(' | ')");
        Assert.True(wide.Split(' ')[0] == "390", "the page is wider than 390 px: " + wide);
        await ScreenshotAsync(page, "utforare-tertialrapportering-390");

        var report = await Factory.WithDbAsync(db => db.ProviderTertialReports.SingleAsync(r => r.ProviderId == provider.Id, Ct));
        Assert.Equal(TertialReportState.Attested, report.State);
    }
}
