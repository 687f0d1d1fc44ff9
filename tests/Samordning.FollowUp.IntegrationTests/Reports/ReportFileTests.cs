using System.Globalization;
using System.Net;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Fixtures;
using UglyToad.PdfPig;

namespace Samordning.FollowUp.IntegrationTests.Reports;

/// <summary>
/// The files carry the same figures as the JSON, to the person and the krona: each file is
/// downloaded through the API and read back (fixture: <see cref="ReportFixture"/>).
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class ReportFileTests(ApiFactory factory) : ApiTest(factory)
{
    private static string FilePath(long associationId, string extension) =>
        $"/api/v1/associations/{associationId}/reports/tertial/2025/2/report.{extension}?mode=YearToDate";

    [Fact]
    public async Task Xlsx_HoldsTheJsonFiguresAsNumbers()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);
        var report = (await Office.ReportAsync(f.Association.Id, 2025, 2, "YearToDate"))["report"]!.AsObject();
        var response = await (await Office.GetAsync(FilePath(f.Association.Id, "xlsx")))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);

        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = XlsxReader.Sheet(document, "Individinriktade insatser");
        var x = XlsxReader.RowWith(document, sheet, "Arbetsträning");
        var figures = report.Figures(f.X.Id);
        Assert.Equal(figures["active"]!["total"].Num(), XlsxReader.NumberUnder(document, sheet, x, "Aktiva totalt"));
        Assert.Equal(figures["active"]!["women"].Num(), XlsxReader.NumberUnder(document, sheet, x, "Aktiva kvinnor"));
        Assert.Equal(figures["budgetSek"].Num(), XlsxReader.NumberUnder(document, sheet, x, "Budget (kr)"));
        Assert.Equal(figures["actualCostSek"].Num(), XlsxReader.NumberUnder(document, sheet, x, "Utfall (kr)"));
        Assert.Equal(figures["costPerParticipantSek"].Num(), XlsxReader.NumberUnder(document, sheet, x, "Kostnad per deltagare (kr)"));
        Assert.Contains(document.WorkbookPart!.Workbook.Descendants<DocumentFormat.OpenXml.Spreadsheet.Sheet>(),
            s => s.Name == "Strukturövergripande insatser");
    }

    [Fact]
    public async Task Csv_EveryRowMatchesTheJson()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);
        var report = (await Office.ReportAsync(f.Association.Id, 2025, 2, "YearToDate"))["report"]!.AsObject();
        var response = await (await Office.GetAsync(FilePath(f.Association.Id, "csv")))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(';');
        int Column(string heading) => Array.IndexOf(header, heading);

        foreach (var row in report.Rows())
        {
            var name = row["name"].Str();
            var cells = lines.Select(l => l.Split(';')).Single(c => c.Contains(name));
            var figures = row["figures"]!.AsObject();
            Assert.Equal(figures["active"]!["total"].Num().ToString(CultureInfo.InvariantCulture), cells[Column("Aktiva totalt")]);
            Assert.Equal(figures["ended"]!["men"].Num().ToString(CultureInfo.InvariantCulture), cells[Column("Avslutade män")]);
            Assert.Equal(figures["actualCostSek"].Num().ToString(CultureInfo.InvariantCulture), cells[Column("Utfall (kr)")]);
        }

        var total = lines.Select(l => l.Split(';')).Single(c => c[0] == "Totalt");
        Assert.Equal(report["total"]!["active"]!["total"].Num().ToString(CultureInfo.InvariantCulture), total[Column("Aktiva totalt")]);
        Assert.Equal(report["total"]!["budgetSek"].Num().ToString(CultureInfo.InvariantCulture), total[Column("Budget (kr)")]);
    }

    [Fact]
    public async Task Pdf_IsAPrintableBoardDocumentWithTheFigures()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);
        var report = (await Office.ReportAsync(f.Association.Id, 2025, 2, "YearToDate"))["report"]!.AsObject();
        var response = await (await Office.GetAsync(FilePath(f.Association.Id, "pdf")))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);

        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(Ct));
        var pages = pdf.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))).ToList();
        var text = string.Join('\n', pages);
        Assert.Contains("Samordningsförbundet Rapport", text);
        Assert.Contains("Tertialrapport T2 2025", text);
        Assert.Contains("Arbetsträning", text);
        Assert.Contains("Utbildning handläggare", text);
        for (var i = 1; i <= pages.Count; i++)
        {
            Assert.Contains($"Sida {i} av {pages.Count}", pages[i - 1]);
        }

        // Budget total, Swedish style: 940 000 kr.
        var budget = (long)report["total"]!["budgetSek"].Num();
        Assert.Contains(budget.ToString("N0", CultureInfo.GetCultureInfo("sv-SE")).Replace('\u00A0', ' ').Replace('\u202F', ' '), text);
    }

    [Fact]
    public async Task UppfoljningFinsam_CountsWomenAndMenAsTheYearsReport()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);
        var year = (await Office.ReportAsync(f.Association.Id, 2025, 3, "YearToDate"))["report"]!.AsObject();
        var response = await (await Office.GetAsync($"/api/v1/associations/{f.Association.Id}/exports/uppfoljning-finsam/2025"))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(Ct)).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(';');

        // Z is count-only: 12 women and 8 men in 2025; X and Y are counted from their participations.
        foreach (var row in year.Rows())
        {
            var figures = row["figures"]!.AsObject();
            var cells = lines.Select(l => l.Split(';')).Single(c => c.Contains(row["name"].Str()));
            var women = figures["active"]!["women"].Num() + figures["countOnly"]!["women"].Num();
            var men = figures["active"]!["men"].Num() + figures["countOnly"]!["men"].Num();
            Assert.Equal(women.ToString(CultureInfo.InvariantCulture), cells[Array.FindIndex(header, h => h.StartsWith("Kvinnor", StringComparison.Ordinal))]);
            Assert.Equal(men.ToString(CultureInfo.InvariantCulture), cells[Array.FindIndex(header, h => h.StartsWith("Män", StringComparison.Ordinal))]);
        }

        var z = lines.Select(l => l.Split(';')).Single(c => c.Contains("Utbildning handläggare"));
        Assert.Contains("12", z);
        Assert.Contains("8", z);

        var xlsx = await Office.GetAsync($"/api/v1/associations/{f.Association.Id}/exports/uppfoljning-finsam/2025?format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        var bad = await Office.GetAsync($"/api/v1/associations/{f.Association.Id}/exports/uppfoljning-finsam/2025?format=pdf");
        await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "format");
    }
}
