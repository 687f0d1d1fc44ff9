using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Fixtures;

namespace Samordning.FollowUp.IntegrationTests.Reports;

/// <summary>
/// "Underlag till Uppföljning Finsam (Försäkringskassan)" (/kansli/riksexport): the year's figures
/// on the page are the cells of the export files the page links to, read back from the CSV and the xlsx.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Reports")]
public sealed partial class UppfoljningFinsamPageTests(ApiFactory factory) : ApiTest(factory)
{
    [GeneratedRegex("<table id=\"uppfoljning-finsam-tabell\".*?<tbody>(.*?)</tbody>", RegexOptions.Singleline)]
    private static partial Regex Body();

    [GeneratedRegex("<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex TableRow();

    [GeneratedRegex("<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex TableCell();

    [GeneratedRegex("href=\"([^\"]+)\" download>Ladda ner (Excel|CSV)</a>")]
    private static partial Regex FileLink();

    /// <summary>A cell as text without any spaces ("600 000" and "600000" are the same figure).</summary>
    private static string Compact(string text) => new([.. WebUtility.HtmlDecode(text).Where(c => !char.IsWhiteSpace(c) && c != '\u202F')]);

    private static List<string[]> PageRows(string page) =>
        [.. TableRow().Matches(Body().Match(page).Groups[1].Value)
            .Select(r => TableCell().Matches(r.Groups[1].Value).Select(c => Compact(c.Groups[1].Value)).ToArray())];

    [Fact]
    public async Task ExportPage_ShowsTheYearsFigures_ExactlyAsTheCsvAndXlsxFiles()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);
        using var office = await UiSession.SignInAsync(Factory, UserRole.AssociationAdmin, f.Association.Id, null);

        using var response = await office.GetAsync("/kansli/riksexport?ar=2025", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<h1>Underlag till Uppföljning Finsam (Försäkringskassan) 2025</h1>", page, StringComparison.Ordinal);
        var rows = PageRows(page);
        Assert.Equal(3, rows.Count);

        // By hand from the fixture: Z counts 12 women and 8 men; X's plan is 30 participants, 600 000 kr, 210 000 kr.
        var z = rows.Single(r => r[1] == "Utbildninghandläggare");
        Assert.Equal(("12", "8", "40", "100000", "50000"), (z[5], z[6], z[7], z[8], z[9]));
        var x = rows.Single(r => r[1] == "Arbetsträning");
        Assert.Equal(("30", "600000", "210000"), (x[7], x[8], x[9]));

        var links = FileLink().Matches(page).ToDictionary(m => m.Groups[2].Value, m => WebUtility.HtmlDecode(m.Groups[1].Value));
        Assert.Equal($"/api/v1/associations/{f.Association.Id}/exports/uppfoljning-finsam/2025?format=csv", links["CSV"]);
        using var csvResponse = await office.GetAsync(links["CSV"], Ct);
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        var csv = Encoding.UTF8.GetString(await csvResponse.Content.ReadAsByteArrayAsync(Ct)).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var pageHeadings = Regex.Matches(page[page.IndexOf("id=\"uppfoljning-finsam-tabell\"", StringComparison.Ordinal)..page.IndexOf("<tbody>", StringComparison.Ordinal)],
            "<th scope=\"col\"[^>]*>(.*?)</th>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToArray();
        Assert.Equal(csv[0].Split(';'), pageHeadings);
        Assert.Equal([.. csv[1..].Select(l => l.Split(';').Select(Compact).ToArray())], rows);

        using var xlsxResponse = await office.GetAsync(links["Excel"], Ct);
        Assert.Equal(HttpStatusCode.OK, xlsxResponse.StatusCode);
        using var stream = new MemoryStream(await xlsxResponse.Content.ReadAsByteArrayAsync(Ct));
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = XlsxReader.Sheet(document, "Uppföljning Finsam");
        foreach (var row in rows)
        {
            var line = XlsxReader.RowWith(document, sheet, WebUtility.HtmlDecode(csv.Select(l => l.Split(';')).Single(c => Compact(c[1]) == row[1])[1]));
            for (var i = 5; i < pageHeadings.Length; i++)
            {
                Assert.Equal(row[i], XlsxReader.NumberUnder(document, sheet, line, pageHeadings[i]).ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public async Task ExportPage_WithoutAYear_ShowsTheCurrentOne_AndRefusesAYearOutOfRange()
    {
        var association = await Data.AssociationAsync();
        using var office = await UiSession.SignInAsync(Factory, UserRole.AssociationAdmin, association.Id, null);

        var page = await (await office.GetAsync("/kansli/riksexport", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("<h1>Underlag till Uppföljning Finsam (Försäkringskassan) 2026</h1>", page, StringComparison.Ordinal);
        Assert.Contains("Förbundet har inga insatser under 2026.", page, StringComparison.Ordinal);

        var wrong = await (await office.GetAsync("/kansli/riksexport?ar=1999", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Året ska vara mellan 2000 och 2100.", wrong, StringComparison.Ordinal);
        Assert.DoesNotContain("uppfoljning-finsam-tabell", wrong, StringComparison.Ordinal);
    }
}
