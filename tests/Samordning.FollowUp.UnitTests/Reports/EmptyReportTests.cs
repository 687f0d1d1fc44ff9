using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Files;

namespace Samordning.FollowUp.UnitTests.Reports;

/// <summary>A new association's first report: no interventions, indicators or data-quality rows yet.</summary>
public sealed class EmptyReportTests
{
    private static readonly GenderCount Zero = GenderCount.Zero;

    private static readonly TertialReport Empty = new(
        new ReportHeader(1, "Samordningsförbundet Nytt", 2026, 1, ReportMode.Period, new(2026, 1, 1), new(2026, 4, 30),
            new DateTime(2026, 5, 4, 7, 0, 0, DateTimeKind.Utc), [], null, null),
        [],
        new ReportFigures(0, 0, Zero, Zero, Zero, Zero, Zero, [], [], [], 0, 0, null, null, 0, string.Empty),
        []);

    [Fact]
    public void Pdf_EmptyReport_RendersWithItsTitleAndPageNumbers()
    {
        using var pdf = new PdfReadBack(Files.Write(s => TertialReportPdf.Write(ReportFixture.Present(Empty), s), "tom.pdf"));
        Assert.Contains("Tertialrapport T1 2026", pdf.Pages[0]);
        Assert.Contains("Redovisning: Perioden", pdf.Pages[0]);
        Assert.Contains("Inga indikatorer ingår i rapporten.", pdf.AllText);
        Assert.Contains("Inga kommentarer har lämnats för perioden.", pdf.AllText);
        Assert.Contains($"Sida {pdf.Pages.Count} av {pdf.Pages.Count}", pdf.Pages[^1]);
    }

    [Fact]
    public void Xlsx_EmptyReport_HasTheSummaryExitsAndDataQualitySheets()
    {
        using var xlsx = new XlsxReadBack(Files.Write(s => TertialReportXlsx.Write(ReportFixture.Present(Empty), s), "tom.xlsx"));
        Assert.Equal(["Sammanfattning", "Avslut", "Datakvalitet"], xlsx.SheetNames);
        Assert.Empty(xlsx.ValidationErrors());
        Assert.Contains(xlsx.Rows("Sammanfattning"), r => r.TryGetValue("A", out var c) && c.Text == "Planerat för perioden");
    }

    [Fact]
    public void Csv_EmptyReport_HasTheHeadingsAndTheTotalRow()
    {
        var records = CsvReadBack.Records(Files.Write(s => TertialReportCsv.Write(ReportFixture.Present(Empty), s), "tom.csv"));
        var total = Assert.Single(records);
        Assert.Equal("Totalt", total["Radtyp"]);
        Assert.Equal("0", total["Budget (kr)"]);
        Assert.Equal(string.Empty, total["Förbrukat (%)"]);
    }
}
