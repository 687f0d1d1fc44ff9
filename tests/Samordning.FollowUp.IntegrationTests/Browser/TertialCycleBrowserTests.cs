using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Browser;

namespace Samordning.FollowUp.IntegrationTests.Browser;

/// <summary>
/// One tertial from the provider's comment to the office's adoption, entirely in the browser: the
/// coach comments and attests (the confirm step shows the figures), the office sends the report
/// back with a remark, the coach reads it and attests again, the office accepts and adopts; the
/// board's report then carries the comment and the cycle's status. The clock stands at
/// 2026-11-23, so T2 2026 has ended. Screenshots: docs/screenshots/cycle-*.png.
/// </summary>
public sealed class TertialCycleBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Provider = "Arbetsmarknadsenheten Borås";
    private const string Comment = "Remitteringen har ökat från ett tidigare lågt inflöde.";
    private const string Remark = "Beskriv kön till grupperna också.";

    [Fact]
    public async Task OneTertial_CommentAttestReturnAttestAcceptAdopt_TheBoardReadsTheComment()
    {
        var association = await Data.AssociationAsync("Sjuhärads samordningsförbund");
        var provider = await Data.ProviderAsync(association.Id, Provider);
        var office = Users.OfficeOf(association.Id);
        var intervention = await office.InterventionAsync(association.Id, provider.Id, "Arbetsträning Borås", Mode.Identified, "Preparatory", new DateOnly(2026, 1, 1));
        // Two participants in T2 2026: a woman still active, a man who ended in July with outcome and step (an empty checklist).
        await office.IdentifiedAsync(Data, intervention.Id, TestPersonnummer.Woman(50), new DateOnly(2026, 6, 1));
        await office.IdentifiedAsync(Data, intervention.Id, TestPersonnummer.Man(50), new DateOnly(2026, 5, 4), new DateOnly(2026, 7, 1));

        // The coach: a comment, then the confirm step with the figures being attested.
        var coach = await SignInAsync(UserRole.Coach, association.Id, provider.Id);
        await ClickLinkAsync(coach, "Tertialrapportering");
        await Assertions.Expect(coach.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tertialrapportering T2 2026");
        await FillAsync(coach, "Inflöde och kö", Comment);
        await FillAsync(coach, "Vad har fungerat", "Fasta grupper med handledare på plats.");
        await ClickButtonAsync(coach, "Spara kommentaren för Arbetsträning Borås");
        await Assertions.Expect(coach.GetByRole(AriaRole.Status)).ToHaveTextAsync("Kommentaren för Arbetsträning Borås är sparad.");
        await ClickLinkAsync(coach, "Granska siffrorna och intyga");
        var figures = coach.Locator("table.attest-figures");
        await Assertions.Expect(figures.Locator("caption")).ToHaveTextAsync("Arbetsträning Borås");
        await Assertions.Expect(figures.GetByRole(AriaRole.Row).Filter(new() { HasText = "Aktiva under perioden" })).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"Aktiva under perioden\s*1\s*1\s*2"));
        await Assertions.Expect(figures.GetByRole(AriaRole.Row).Filter(new() { HasText = "Avslutade under perioden" })).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"Avslutade under perioden\s*0\s*1\s*1"));
        await CheckPageAsync(coach, "cycle-1-coach-confirm");
        // A phone's width: the figures' table fits (or scrolls within itself), the page does not.
        await coach.SetViewportSizeAsync(390, 844);
        Assert.Equal(390, await coach.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));
        await ScreenshotAsync(coach, "cycle-1-coach-confirm-390");
        await coach.SetViewportSizeAsync(1280, 900);
        await ClickButtonAsync(coach, "Intyga tertialen");
        await Assertions.Expect(coach.GetByRole(AriaRole.Status)).ToHaveTextAsync("Tertialen T2 2026 är intygad. Förbundets kansli granskar rapporten.");
        await Assertions.Expect(coach.Locator("#status ~ p .status")).ToHaveTextAsync("Intygad");

        // The office sends it back with a remark.
        var kansli = await SignInAsync(UserRole.AssociationAdmin, association.Id, null);
        kansli.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await kansli.GotoAsync("/kansli/tertialrapportering/2026/2");
        var row = kansli.Locator("#tertialrapportering-tabell").GetByRole(AriaRole.Row).Filter(new() { HasText = Provider });
        await Assertions.Expect(row).ToContainTextAsync("Intygad");
        await Assertions.Expect(kansli.Locator("main")).ToContainTextAsync(Comment);
        await CheckPageAsync(kansli, "cycle-2-office-review");
        await FillAsync(kansli, $"Anmärkning till {Provider}", Remark);
        await ClickButtonAsync(kansli, $"Skicka tillbaka {Provider}");
        await Assertions.Expect(kansli.GetByRole(AriaRole.Status)).ToContainTextAsync("är skickad tillbaka med anmärkningen");
        await Assertions.Expect(row).ToContainTextAsync("Återsänd");

        // The coach reads the remark and attests again.
        await coach.ReloadAsync();
        await Assertions.Expect(coach.Locator("#status ~ p").Filter(new() { HasText = "Återsänd med anmärkning" })).ToHaveTextAsync($"Återsänd med anmärkning: {Remark}");
        await CheckPageAsync(coach, "cycle-3-coach-returned");
        await FillAsync(coach, "Inflöde och kö", Comment + " Kön till grupperna är sex veckor.");
        await ClickButtonAsync(coach, "Spara kommentaren för Arbetsträning Borås");
        await ClickLinkAsync(coach, "Granska siffrorna och intyga");
        await ClickButtonAsync(coach, "Intyga tertialen");
        await Assertions.Expect(coach.Locator("#status ~ p .status")).ToHaveTextAsync("Intygad");

        // The office accepts, then adopts from the report: every provider accepted, so no reason is asked for.
        await kansli.ReloadAsync();
        await ClickButtonAsync(kansli, $"Godkänn {Provider}");
        await Assertions.Expect(kansli.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Rapporten från {Provider} för T2 2026 är godkänd.");
        await Assertions.Expect(row).ToContainTextAsync("Godkänd");
        await Assertions.Expect(kansli.Locator("main")).ToContainTextAsync("Alla utförare med insatser under tertialen är godkända.");
        await CheckPageAsync(kansli, "cycle-4-office-accepted");
        await ClickLinkAsync(kansli, "Fastställ i tertialrapporten");
        await Assertions.Expect(kansli.Locator("#tertialrapportering-status")).ToContainTextAsync("1 av 1 utförare har intygat, 1 godkänd");
        await Assertions.Expect(kansli.GetByLabel("Motivering för att fastställa ändå")).ToHaveCountAsync(0);
        await ClickButtonAsync(kansli, "Fastställ tertial");
        await Assertions.Expect(kansli.Locator("#rapportstatus")).ToContainTextAsync("Fastställd 2026-11-23");
        await Assertions.Expect(kansli.Locator("#faststallande-motivering")).ToHaveCountAsync(0);
        var adoption = await Factory.WithDbAsync(db => db.ReportAdoptions.SingleAsync(a => a.AssociationId == association.Id, Ct));
        Assert.Null(adoption.OverrideReason);

        // The board's report: the provider's words beside the figures, and the cycle's status.
        var board = await SignInAsync(UserRole.BoardMember, association.Id, null);
        await board.GotoAsync("/rapport/2026/2");
        await Assertions.Expect(board.Locator("#tertialrapportering-status")).ToContainTextAsync("1 av 1 utförare har intygat, 1 godkänd");
        await Assertions.Expect(board.Locator("main")).ToContainTextAsync(Comment + " Kön till grupperna är sex veckor.");
        await CheckPageAsync(board, "cycle-5-board-report");

        // The tertial is locked: the coach's page reads only.
        await coach.ReloadAsync();
        await Assertions.Expect(coach.Locator("#status ~ p strong")).ToHaveTextAsync("Tertialen är fastställd av förbundet.");
        await Assertions.Expect(coach.Locator("textarea")).ToHaveCountAsync(0);
        await CheckPageAsync(coach, "cycle-6-coach-locked");
        var report = await Factory.WithDbAsync(db => db.ProviderTertialReports.Include(r => r.Transitions).SingleAsync(r => r.ProviderId == provider.Id, Ct));
        Assert.Equal([TertialReportState.Attested, TertialReportState.Open, TertialReportState.Attested, TertialReportState.Accepted],
            report.Transitions.OrderBy(t => t.Id).Select(t => t.To));
    }
}
