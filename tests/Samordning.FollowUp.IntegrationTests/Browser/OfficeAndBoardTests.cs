using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Browser;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Browser;

/// <summary>The förbund office and the board in the browser: the office's pages, closing a tertial, the board's report and its Excel file.</summary>
public sealed class OfficeAndBoardTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private sealed record World(AssociationDto Association, InterventionDto Intervention);

    /// <summary>
    /// One identified intervention with a 2026 plan and six participants who started in T2 2026
    /// (three women, three men); two of them ended in June. The clock stands at 2026-11-23, so T2
    /// (May–August) has ended and can be closed.
    /// </summary>
    private async Task<World> ArrangeAsync()
    {
        var association = await Data.AssociationAsync("Sjuhärads samordningsförbund");
        var provider = await Data.ProviderAsync(association.Id, "Arbetsmarknadsenheten Borås");
        var intervention = await Data.InterventionAsync(association.Id, provider.Id, Mode.Identified);
        await (await Users.OfficeOf(association.Id).PutAsync($"/api/v1/interventions/{intervention.Id}/plans/2026", new JsonObject
        {
            ["plannedParticipants"] = 12,
            ["budgetSek"] = 1_200_000,
            ["actualCostSek"] = 450_000,
        })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        for (var i = 0; i < 6; i++)
        {
            var number = i % 2 == 0 ? TestPersonnummer.Woman(40 + i) : TestPersonnummer.Man(40 + i);
            var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(number, new DateOnly(2026, 5, 4 + i)));
            if (i < 2)
            {
                await Data.ExitAsync(participation.Id, TestData.Exit(new DateOnly(2026, 6, 26)));
            }
        }

        await (await Users.OfficeOf(association.Id).PutAsync($"/api/v1/interventions/{intervention.Id}/tertial-notes/2026/2", new JsonObject
        {
            ["referralFlowAndQueue"] = "Jämnt inflöde från Försäkringskassan, ingen kö.",
            ["whatWorked"] = "Tidig kontakt med arbetsgivare i Borås.",
            ["deviationsAndRisks"] = null,
        })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        return new World(association, intervention);
    }

    [Fact]
    public async Task OfficePages_AreAccessible_AndTheOfficeClosesTheTertial()
    {
        var world = await ArrangeAsync();
        var page = await SignInAsync(UserRole.AssociationAdmin, world.Association.Id, null);

        Assert.EndsWith("/kansli/insatser", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Insatser", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("1 200 000");
        await CheckPageAsync(page, "kansli-insatser");

        await ClickLinkAsync(page, world.Intervention.Name);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Insats: {world.Intervention.Name}");
        await CheckPageAsync(page, "kansli-insats");

        foreach (var (path, name) in new[]
        {
            ("/kansli/insatser/ny", "kansli-ny-insats"),
            ($"/kansli/insatser/{world.Intervention.Id}/andra", "kansli-andra-insats"),
            ($"/kansli/insatser/{world.Intervention.Id}/avsluta", "kansli-avsluta-insats"),
            ("/kansli/insatser?ar=2025", "kansli-insatser-2025"),
            ("/kansli/indikatorer", "kansli-indikatorer"),
            ("/kansli/indikatorer/ny?kod=I1", "kansli-indikator-ny-version"),
            ("/kansli/anvandare", "kansli-anvandare"),
            ("/kansli/anvandare/ny", "kansli-ny-anvandare"),
            ("/kansli/datakvalitet?ar=2026&tertial=2", "kansli-datakvalitet"),
            ("/kansli/logg", "kansli-logg"),
            ("/kansli/riksexport", "kansli-riksexport"),
            ("/kansli/utveckling", "kansli-utveckling-utan-berakning"),
            ("/kansli/utforare", "kansli-utforare"),
            ("/kansli/utforare/ny", "kansli-ny-utforare"),
        })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            await CheckPageAsync(page, name);
        }

        // A user of the association, opened from the list.
        var boardEmail = await Factory.CreateUserAsync(UserRole.BoardMember, world.Association.Id, null);
        await page.GotoAsync("/kansli/anvandare");
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = boardEmail }).GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Användare: ");
        await CheckPageAsync(page, "kansli-andra-anvandare");

        // The tertial report: a draft until the office closes it.
        await page.GotoAsync("/rapport/2026/2");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToHaveTextAsync("Tertialrapport T2 2026 – Sjuhärads samordningsförbund");
        await Assertions.Expect(page.Locator("#rapportstatus")).ToContainTextAsync("Utkast");
        await CheckPageAsync(page, "kansli-rapport-utkast");

        // The provider has not attested: adopting anyway takes a reason, which the report then prints.
        await Assertions.Expect(page.Locator("#ej-godkanda")).ToContainTextAsync("Alla utförare är inte godkända");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await FillAsync(page, "Motivering för att fastställa ändå", "Utföraren rapporterar T2 i december.");
        await ClickButtonAsync(page, "Fastställ tertial");
        await Assertions.Expect(page.Locator("#rapportstatus")).ToContainTextAsync("Fastställd 2026-11-23");
        await Assertions.Expect(page.Locator("#faststallande-motivering")).ToHaveTextAsync("Fastställd utan att alla utförare godkänts: Utföraren rapporterar T2 i december.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Fastställ tertial" })).ToHaveCountAsync(0);
        await CheckPageAsync(page, "kansli-rapport-faststalld");
        var adoption = await Factory.WithDbAsync(db => db.ReportAdoptions.SingleAsync(a => a.AssociationId == world.Association.Id, Ct));
        Assert.Equal((2026, 2), (adoption.Year, adoption.Tertial));

        // An exit in July registered after closing shows as a restatement, never as a silent change.
        var late = (await Data.ParticipationsAsync(world.Intervention.Id, "?status=active")).Items[0];
        await Data.ExitAsync(late.Id, TestData.Exit(new DateOnly(2026, 7, 15)));
        await page.ReloadAsync();
        await ClickLinkAsync(page, "Visa rättelser");
        await Assertions.Expect(page.Locator("#rattelser")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#rattelser")).ToContainTextAsync(world.Intervention.Name);
        await CheckPageAsync(page, "kansli-rapport-rattelser");
    }

    [Fact]
    public async Task Office_EditsAnIntervention_SeesTheHistory_AndEndsIt()
    {
        var world = await ArrangeAsync();
        var page = await SignInAsync(UserRole.AssociationAdmin, world.Association.Id, null);

        // The year's list: plan beside the six participants, with the association's total.
        var table = page.GetByRole(AriaRole.Table, new() { Name = "Individinriktad 2026" });
        var row = table.GetByRole(AriaRole.Row).Filter(new() { HasText = world.Intervention.Name });
        await Assertions.Expect(row).ToContainTextAsync("12");
        await Assertions.Expect(row).ToContainTextAsync("50,0 %");
        await Assertions.Expect(row).ToContainTextAsync("75 000 kr");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Alla insatser 2026" })).ToContainTextAsync("Totalt, 1 insatser");

        await page.GotoAsync($"/kansli/insatser/{world.Intervention.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = $"Plan och utfall per år för {world.Intervention.Name}" }))
            .ToContainTextAsync("1 200 000 kr");
        await ClickLinkAsync(page, "Ändra uppgifter");
        await ArrivedAsync(page, "/andra");
        // Participants are registered: orientation and registration mode are shown, not offered.
        await Assertions.Expect(page.GetByLabel("Inriktning", new() { Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Kan inte ändras eftersom insatsen har deltagare eller registrerade antal.");
        await FillAsync(page, "Namn på insatsen", "Steg till arbete Borås");
        await FillAsync(page, "Förväntad längd i veckor (valfritt)", "30");
        await ClickButtonAsync(page, "Spara ändringarna");
        await LeftAsync(page, "/andra");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Insats: Steg till arbete Borås");
        var history = page.GetByRole(AriaRole.Table, new() { Name = "Ändringar av insatsen, senaste först" });
        await Assertions.Expect(history.GetByRole(AriaRole.Row).Filter(new() { HasText = "Namn" })).ToContainTextAsync("Steg till arbete Borås");
        await Assertions.Expect(history).ToContainTextAsync("30 veckor");
        await CheckPageAsync(page, "kansli-insats-historik");

        // Ending needs the box ticked; an end before the last exit's day is refused beside the field.
        await ClickLinkAsync(page, "Avsluta insatsen");
        await ArrivedAsync(page, "/avsluta");
        await FillAsync(page, "Slutdatum", "2026-06-01");
        await ClickButtonAsync(page, "Avsluta insatsen");
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("Kryssa i att du vill avsluta insatsen.");
        await page.GetByLabel("Jag vill avsluta insatsen Steg till arbete Borås").CheckAsync();
        await ClickButtonAsync(page, "Avsluta insatsen");
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("Slutdatum kan inte vara tidigare än 2026-06-26");
        await CheckPageAsync(page, "kansli-avsluta-insats-fel");
        await FillAsync(page, "Slutdatum", "2026-11-23");
        await page.GetByLabel("Jag vill avsluta insatsen Steg till arbete Borås").CheckAsync();
        await ClickButtonAsync(page, "Avsluta insatsen");
        await LeftAsync(page, "/avsluta");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Insatsen Steg till arbete Borås avslutas 2026-11-23.");
        await Assertions.Expect(history.GetByRole(AriaRole.Row).Filter(new() { HasText = "Slutdatum" })).ToContainTextAsync("2027-12-31");

        // The next day the coach's list says it has ended and offers no intake.
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        var coach = await SignInAsync(UserRole.Coach, world.Association.Id, world.Intervention.ProviderId);
        await coach.GotoAsync("/insatser");
        var coachRow = coach.GetByRole(AriaRole.Row).Filter(new() { HasText = "Steg till arbete Borås" });
        await Assertions.Expect(coachRow).ToContainTextAsync("Avslutad");
        await Assertions.Expect(coachRow.GetByRole(AriaRole.Link, new() { Name = "Skriv in deltagare i Steg till arbete Borås" })).ToHaveCountAsync(0);
        await CheckPageAsync(coach, "coach-insatser-avslutad");
    }

    [Fact]
    public async Task TrendsPage_ChoosesAnIntervention_FitsAPhone_AndIsAccessible()
    {
        var world = await ArrangeAsync();
        await Factory.SendAsync(new ComputeIndicatorsCommand(world.Association.Id), Ct);
        var page = await SignInAsync(UserRole.AssociationAdmin, world.Association.Id, null);

        await ClickLinkAsync(page, "Utveckling");
        await ArrivedAsync(page, "/kansli/utveckling");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Utveckling över tid – Hela förbundet");
        await Assertions.Expect(page.Locator("#beraknad")).ToHaveTextAsync(new Regex("^2026-11-23"));
        // T2 2026: six new, all active, two ended (in June); 2024 is before the first exit, and says so.
        var volumes = page.Locator("#volymer-tabell");
        await Assertions.Expect(volumes.Locator("thead th").Nth(8)).ToContainTextAsync("T2 2026");
        await Assertions.Expect(volumes.Locator("tbody tr").Nth(0).Locator("td").Nth(7)).ToHaveTextAsync("6");
        await Assertions.Expect(volumes.Locator("tbody tr").Nth(6).Locator("td").Nth(7)).ToHaveTextAsync("2");
        await Assertions.Expect(page.Locator("#indikator-i1-tabell")).ToContainTextAsync("– inga avslut registrerade då");
        await Assertions.Expect(page.Locator("svg#indikator-i1-diagram")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("svg#volymdiagram")).ToBeVisibleAsync();

        await SelectAsync(page, "Visa för", $"{world.Intervention.Name} (Arbetsmarknadsenheten Borås)");
        await ClickButtonAsync(page, "Visa");
        await ArrivedAsync(page, $"/kansli/utveckling?insats={world.Intervention.Id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Utveckling över tid – {world.Intervention.Name}");
        await CheckPageAsync(page, "kansli-utveckling");

        // A phone: the tables scroll inside their frame, the page itself is no wider than the screen.
        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"/kansli/utveckling is {widths[0]} px wide at {widths[1]} px");
        await CheckPageAsync(page, "kansli-utveckling-390");
    }

    [Fact]
    public async Task BoardReport_SmallNumbersMasked_AndTheExcelFileDownloads()
    {
        var world = await ArrangeAsync();
        var page = await SignInAsync(UserRole.BoardMember, world.Association.Id, null);

        // The board lands on the most recent tertial that has ended.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 }))
            .ToHaveTextAsync("Tertialrapport T2 2026 – Sjuhärads samordningsförbund");
        await Assertions.Expect(page.Locator("svg#indikatordiagram")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("svg#plandiagram")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("svg#trenddiagram")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".masking-note")).ToBeVisibleAsync();
        // The tertial is not adopted: the page says so before anything else.
        await Assertions.Expect(page.Locator(".report-banner.draft")).ToContainTextAsync("Utkast");
        // Three women and three men: below the threshold of 5, so shown as "<5"; six in all is shown.
        var genders = page.Locator("#kon-tabell").GetByRole(AriaRole.Row).Filter(new() { HasText = world.Intervention.Name });
        await Assertions.Expect(genders).ToContainTextAsync("<5");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Fastställ tertial" })).ToHaveCountAsync(0);
        // The provider's comments for the tertial, as in the PDF.
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Tidig kontakt med arbetsgivare i Borås.");
        await CheckPageAsync(page, "styrelse-rapport");
        await ScreenshotAsync(page, "styrelse-rapport-overst", fullPage: false);

        var pageWomen = await page.Locator("#kon-tabell").GetByRole(AriaRole.Row).Filter(new() { HasText = world.Intervention.Name })
            .Locator("td").Nth(1).InnerTextAsync();

        // The board's file is the page: the same masked counts, and "utkast" in its name.
        var download = await page.RunAndWaitForDownloadAsync(() => ClickLinkAsync(page, "Ladda ned Excel"));
        Assert.Equal("tertialrapport-2026-T2-perioden-utkast.xlsx", download.SuggestedFilename);
        var file = Path.Combine(Path.GetTempPath(), $"followup-{Guid.NewGuid():N}.xlsx");
        await download.SaveAsAsync(file);
        try
        {
            using var document = SpreadsheetDocument.Open(file, false);
            var participants = XlsxReader.Sheet(document, "Deltagare");
            var row = XlsxReader.RowWith(document, participants, world.Intervention.Name);
            Assert.Equal(6, XlsxReader.NumberUnder(document, participants, row, "Aktiva"));
            var genderSheet = XlsxReader.Sheet(document, "Kvinnor och män");
            var women = XlsxReader.TextUnder(document, genderSheet, XlsxReader.RowWith(document, genderSheet, world.Intervention.Name), "Aktiva kvinnor");
            Assert.Equal("<5", women);
            Assert.Equal(pageWomen.Trim(), women);
            var economy = XlsxReader.Sheet(document, "Ekonomi");
            Assert.Equal(1_200_000, XlsxReader.NumberUnder(document, economy, XlsxReader.RowWith(document, economy, world.Intervention.Name), "Budget (kr)"));
            Assert.DoesNotContain(document.WorkbookPart!.Workbook.Descendants<DocumentFormat.OpenXml.Spreadsheet.Sheet>(), s => s.Name == "Datakvalitet");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
