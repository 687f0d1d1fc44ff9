using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Files;
using Samordning.FollowUp.Features.Reports.Presentation;

namespace Samordning.FollowUp.UnitTests.Reports;

/// <summary>A new association's first report: no interventions, indicators or data-quality rows yet.</summary>
public sealed class EmptyReportTests
{
    private static readonly TertialReport Empty = new(
        new ReportHeader(1, "Samordningsförbundet Nytt", 2026, 1, ReportMode.Period, new(2026, 1, 1), new(2026, 4, 30),
            new DateTime(2026, 5, 4, 7, 0, 0, DateTimeKind.Utc), [], null, null),
        [],
        ReportFixture.NoFigures(),
        []);

    [Fact]
    public void Presentation_EmptyReport_NoPlanNoIndicators_TheBoardsAsTheOffices()
    {
        var office = ReportFixture.Present(Empty);
        var board = ReportFixture.Present(Empty, ReportAudience.Board);

        Assert.Empty(office.Indicators);
        Assert.Empty(office.PlanBars);
        var plan = office.Figure("Deltagare mot plan");
        Assert.Equal(("–", "0 aktiva av 0 planerade", "– ingen plan"), (plan.Value, plan.Detail, plan.More));
        Assert.DoesNotContain(office.KeyFigures, f => f.Label == "Volyminsatser mot årsplan");
        Assert.Equal("tertialrapport-2026-T1-perioden-utkast", board.FileStem);
        Assert.Equal(office.KeyFigures, board.KeyFigures);
        Assert.Equal(["deltagare", "kon", "indikatorer", "avslutsorsaker", "sysselsattning", "ekonomi"], board.Parts.Select(p => p.Id));
        Assert.Equal(["Totalt för förbundet"], board.Part("deltagare").Table.Lines().Select(r => r.Cells[0].Display()));
    }

    [Fact]
    public void Pdf_EmptyReport_RendersWithItsTitleAndPageNumbers()
    {
        using var pdf = new PdfReadBack(Files.Write(s => TertialReportPdf.Write(ReportFixture.Present(Empty, ReportAudience.Board), s), "tom.pdf"));
        Assert.Contains("Tertialrapport T1 2026", pdf.Pages[0]);
        Assert.Contains("Redovisning: Perioden", pdf.Pages[0]);
        Assert.Contains("0 aktiva av 0 planerade", pdf.Pages[0]);
        Assert.Contains("– ingen plan", pdf.Pages[0]);
        Assert.Contains("Inga indikatorer ingår i rapporten.", pdf.AllText);
        Assert.Contains("Inga kommentarer har lämnats för perioden.", pdf.AllText);
        Assert.Contains($"Sida {pdf.Pages.Count} av {pdf.Pages.Count}", pdf.Pages[^1]);
    }

    [Fact]
    public void Xlsx_EmptyReport_HasEverySheetAndIsValid()
    {
        using var xlsx = new XlsxReadBack(Files.Write(s => TertialReportXlsx.Write(ReportFixture.Present(Empty), s), "tom.xlsx"));
        Assert.Equal(["Sammanfattning", "Deltagare", "Kvinnor och män", "Indikatorer", "Avslutsorsaker", "Sysselsättning", "Ekonomi",
            "Avslut per insats", "Datakvalitet", "Utförarnas kommentarer"], xlsx.SheetNames);
        Assert.Empty(xlsx.ValidationErrors());
        var plan = xlsx.Rows("Sammanfattning").Single(r => r.TryGetValue("A", out var c) && c.Text == "Deltagare mot plan");
        Assert.Equal(["–", "0 aktiva av 0 planerade", "– ingen plan"], plan.OrderBy(c => c.Key).Skip(1).Select(c => c.Value.Text));
        Assert.Equal("Inga kommentarer har lämnats för perioden.", xlsx.Rows("Sammanfattning")[^1]["A"].Text);
        var quality = new XlsxPart(xlsx, "Datakvalitet",
            ["Utförare", "Pågående längre än förväntat utan avslut", "Avslut utan sysselsättning vid avslut", "Avslut utan steg", "Försenade uppföljningar",
                "Antalsinsatser utan registrerade antal", "Ej anträffbar med för få kontaktförsök", "Anvisningar utan beslut", "Avslut utan progressionsmätning", "Kontaktförsök under perioden"]);
        Assert.Equal(0, quality.Cell("Totalt", "Försenade uppföljningar")!.Number);
        Assert.Empty(new XlsxPart(xlsx, "Indikatorer",
            ["Indikator", "Mål (%)", "Andel totalt (%)", "Nått målet", "Avslut", "Andel kvinnor (%)", "Andel män (%)", "Bedömning", "Underlag"]).Body);
    }

    [Fact]
    public void Csv_EmptyReport_HasTheHeadingsAndTheTotalsAsZeros()
    {
        var records = CsvReadBack.Records(Files.Write(s => TertialReportCsv.Write(ReportFixture.Present(Empty), s), "tom.csv"));
        Assert.All(records, r => Assert.Equal("Totalt", r["Radtyp"]));
        Assert.All(records, r => Assert.Equal("0", r["Värde"]));
        var budget = Assert.Single(records, r => r["Del"] == "Budget och kostnad per deltagare" && r["Uppgift"] == "Budget (kr)");
        Assert.Equal("Totalt för förbundet", budget["Rad"]);
        // No budget: nothing to divide, so no line for the share used.
        Assert.DoesNotContain(records, r => r["Uppgift"] == "Förbrukat (%)");
        // 20 figures, the data-quality total of count-only interventions without a count, and the
        // data quality's contact attempts (too few before "Ej anträffbar", made in the period), and
        // the referrals without a decision (issue 19), and the exits without their progression measurement (issue 21).
        Assert.Equal(25, records.Count);
    }
}
