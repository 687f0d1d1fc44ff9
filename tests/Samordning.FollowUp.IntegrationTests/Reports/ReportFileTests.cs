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
    public async Task Xlsx_HoldsTheJsonFiguresAsNumbers_OneSheetPerPart_MarkedExact()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);
        var report = (await Office.ReportAsync(f.Association.Id, 2025, 2, "YearToDate"))["report"]!.AsObject();
        var response = await (await Office.GetAsync(FilePath(f.Association.Id, "xlsx")))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("tertialrapport-2025-T2-hittills-i-ar-utkast-exakta-tal.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);

        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        using var document = SpreadsheetDocument.Open(stream, false);
        var names = document.WorkbookPart!.Workbook.Descendants<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value!).ToList();
        Assert.Equal(["Sammanfattning", "Deltagare", "Kvinnor och män", "Indikatorer", "Utveckling", "Avslutsorsaker", "Sysselsättning", "Ekonomi",
            "Avslut per insats", "Datakvalitet", "Utförarnas kommentarer"], names);

        var figures = report.Figures(f.X.Id);
        var participants = XlsxReader.Sheet(document, "Deltagare");
        var x = XlsxReader.RowWith(document, participants, "Arbetsträning");
        Assert.Equal(figures["active"]!["total"].Num(), XlsxReader.NumberUnder(document, participants, x, "Aktiva"));
        // 30 planned for the year, 8/12 of it by the end of T2: 20 whole people; 5 active is 25 % of plan.
        Assert.Equal(20, XlsxReader.NumberUnder(document, participants, x, "Planerat hittills (individ)"));
        Assert.Equal(25, XlsxReader.NumberUnder(document, participants, x, "% av plan"));
        var genders = XlsxReader.Sheet(document, "Kvinnor och män");
        Assert.Equal(figures["active"]!["women"].Num(),
            XlsxReader.NumberUnder(document, genders, XlsxReader.RowWith(document, genders, "Arbetsträning"), "Aktiva kvinnor"));
        var economy = XlsxReader.Sheet(document, "Ekonomi");
        var xEconomy = XlsxReader.RowWith(document, economy, "Arbetsträning");
        Assert.Equal(figures["budgetSek"].Num(), XlsxReader.NumberUnder(document, economy, xEconomy, "Budget (kr)"));
        Assert.Equal(figures["actualCostSek"].Num(), XlsxReader.NumberUnder(document, economy, xEconomy, "Utfall (kr)"));
        Assert.Equal(figures["costPerParticipantSek"].Num(), XlsxReader.NumberUnder(document, economy, xEconomy, "Kostnad per deltagare (kr)"));

        // Every sheet opens with the warnings: a draft, and exact figures not to be handed out.
        foreach (var name in names)
        {
            var sheet = XlsxReader.Sheet(document, name);
            var first = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Take(2)
                .Select(r => XlsxReader.Text(document, r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().First())).ToList();
            Assert.Equal(["UTKAST – SIFFRORNA KAN ÄNDRAS TILLS TERTIALEN FASTSTÄLLS", "INNEHÅLLER EXAKTA TAL – LÄMNAS INTE UT"], first);
        }
    }

    [Fact]
    public async Task Csv_EveryFigureMatchesTheJson()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);
        var report = (await Office.ReportAsync(f.Association.Id, 2025, 2, "YearToDate"))["report"]!.AsObject();
        var response = await (await Office.GetAsync(FilePath(f.Association.Id, "csv")))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(';')).ToList();
        var header = lines[0];
        Assert.Equal(["Rapport", "Status", "Anmärkning", "Del", "Radtyp", "Grupp", "Rad", "Utförare", "Uppgift", "Värde"], header);
        string Value(string part, string row, string figure) => lines.Single(l => l[3] == part && l[6] == row && l[8] == figure)[9];
        static string Plain(decimal value) => value.ToString(CultureInfo.InvariantCulture);

        foreach (var row in report.Rows())
        {
            var name = row["name"].Str();
            var figures = row["figures"]!.AsObject();
            if (row["registrationMode"].Str() != "CountOnly")
            {
                Assert.Equal(Plain(figures["active"]!["total"].Num()), Value("Deltagare mot plan per insats", name, "Aktiva"));
                Assert.Equal(Plain(figures["ended"]!["men"].Num()), Value("Kvinnor och män per insats", name, "Avslutade män"));
            }
            else
            {
                Assert.Equal(Plain(figures["countOnly"]!["total"].Num()), Value("Deltagare mot plan per insats", name, "Antal i år (volyminsats)"));
            }

            Assert.Equal(Plain(figures["actualCostSek"].Num()), Value("Budget och kostnad per deltagare", name, "Utfall (kr)"));
        }

        Assert.Equal(Plain(report["total"]!["active"]!["total"].Num()), Value("Deltagare mot plan per insats", "Totalt för förbundet", "Aktiva"));
        Assert.Equal(Plain(report["total"]!["budgetSek"].Num()), Value("Budget och kostnad per deltagare", "Totalt för förbundet", "Budget (kr)"));
        Assert.All(lines.Skip(1), l => Assert.Equal("Utkast – siffrorna kan ändras tills tertialen fastställs · Innehåller exakta tal – lämnas inte ut", l[2]));
    }

    [Fact]
    public async Task Board_FilesAndJson_AreMaskedLikeThePage_AndSayWhichFiguresAreWithheld()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);
        var board = Users.BoardOf(f.Association.Id);

        // JSON: no exact report, and each withheld figure is a cell marked masked, without its value.
        var json = await board.ReportAsync(f.Association.Id, 2025, 2, "YearToDate");
        Assert.Null(json["report"]);
        Assert.Null(json["differences"]);
        var part = json["presentation"]!["parts"]!.AsArray().Single(p => p!["id"].Str() == "kon")!;
        var columns = part["columns"]!.AsArray().Select(c => c.Str()).ToList();
        var x = part["rows"]!.AsArray().Single(r => r!["kind"].Str() == "Item" && r["cells"]![0]!["text"].Str() == "Arbetsträning")!;
        // X's 2 active women: "<5", or "x" where the small counts of X together would give each other away.
        var women = x["cells"]![columns.IndexOf("Aktiva kvinnor")]!;
        var shown = women["text"].Str();
        Assert.Contains(shown, new[] { "<5", "x" });
        Assert.True(women["masked"]!.GetValue<bool>());
        Assert.Null(women["value"]);

        // CSV: the same cell, the same text, never the count behind it (2 women).
        var csv = Encoding.UTF8.GetString(await (await (await board.GetAsync(FilePath(f.Association.Id, "csv")))
            .ShouldHaveStatusAsync(HttpStatusCode.OK)).Content.ReadAsByteArrayAsync(Ct))[1..]
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(';')).ToList();
        Assert.Equal(shown, csv.Single(l => l[3] == "Kvinnor och män per insats" && l[6] == "Arbetsträning" && l[8] == "Aktiva kvinnor")[9]);
        Assert.DoesNotContain(csv, l => l[3] == "Avslut per insats" || l[3] == "Datakvalitet per utförare");
        Assert.DoesNotContain(csv.Skip(1), l => l[2].Contains("exakta tal", StringComparison.Ordinal));

        // xlsx: the same text in the cell, and no exact-figures sheets.
        var response = await (await board.GetAsync(FilePath(f.Association.Id, "xlsx"))).ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Equal("tertialrapport-2025-T2-hittills-i-ar-utkast.xlsx", response.Content.Headers.ContentDisposition!.FileNameStar);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = XlsxReader.Sheet(document, "Kvinnor och män");
        var row = XlsxReader.RowWith(document, sheet, "Arbetsträning");
        var heading = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().First(c => XlsxReader.Text(document, c) == "Aktiva kvinnor");
        var column = new string(heading.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray());
        var cell = row.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Single(c => c.CellReference!.Value!.StartsWith(column, StringComparison.Ordinal));
        Assert.Equal(shown, XlsxReader.Text(document, cell));
        Assert.DoesNotContain(document.WorkbookPart!.Workbook.Descendants<DocumentFormat.OpenXml.Spreadsheet.Sheet>(), s => s.Name == "Datakvalitet");
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
