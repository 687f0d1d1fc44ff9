using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Fixtures;
using Samordning.FollowUp.IntegrationTests.Reports;
using UglyToad.PdfPig;

namespace Samordning.FollowUp.IntegrationTests.Economy;

/// <summary>
/// The economic part of the board's tertial report on <see cref="ReportFixture"/> (2025, to the end of T2),
/// with the year's economy entered through the API. The figures, worked out by hand:
///
/// Members: Försäkringskassan (state), Västra Götalandsregionen, Borås (60 000 inhabitants) and Mark (40 000);
/// total 1 200 000 → state 600 000, region 300 000, municipalities 300 000 → Borås 180 000, Mark 120 000.
/// Income beside them: ESF 50 000, other 10 000 → income 1 260 000; to date 2/3 = 840 000. Opening equity 400 000.
///
/// X Arbetsträning: budget 600 000, T1 90 000 + T2 100 000 = 190 000 (31,7 %), forecast 190 000 × 3/2 = 285 000.
/// Y Kartläggning anonym: budget 240 000, no tertial entered: the year's recorded 90 000 (37,5 %), forecast 135 000.
/// Z Utbildning handläggare: budget 100 000, 20 000 + 20 000 = 40 000 (40,0 %), the office's forecast 70 000.
/// Interventions: budget 940 000, T2 120 000, to date 190 000 + 90 000 + 40 000 = 320 000 (34,0 %), forecast 490 000.
/// Administration: staff 300 000 budget, 100 000 + 100 000; premises 60 000, 20 000 + 20 000 → to date 240 000, forecast 360 000.
/// Costs to date 560 000 → result to date 280 000 (equity 680 000); forecast costs 850 000 → result 410 000; closing equity 810 000.
/// Targets: equity at least 800 000 (met); administration at most 40 % of costs: 360 000 / 850 000 = 42,35 % (not met).
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class EconomyReportTests(ApiFactory factory) : ApiTest(factory)
{
    private const string ClosingEquity = "Utgående eget kapital";

    [Fact]
    public async Task BoardReport_ShowsTheTertialsEconomy_EquityAgainstItsTarget()
    {
        var f = await EconomyAsync();
        var presentation = (await Users.BoardOf(f.Association.Id).ReportAsync(f.Association.Id, 2025, 2, "YearToDate"))["presentation"]!;

        var funds = Part(presentation, "ekonomi-medel");
        Assert.Equal(["Staten", "600 000"], Cells(funds, "Staten"));
        Assert.Equal(["Kommunerna", "300 000"], Cells(funds, "Kommunerna"));
        Assert.Equal(["Summa tillgängliga medel", "1 660 000"], Cells(funds, "Summa tillgängliga medel"));

        var interventions = Part(presentation, "ekonomi-insatser");
        Assert.Equal(["Arbetsträning", "600 000", "100 000", "190 000", "31,7", "285 000", "Pro rata"], Cells(interventions, "Arbetsträning"));
        Assert.Equal(["Kartläggning anonym", "240 000", "–", "90 000", "37,5", "135 000", "Pro rata"], Cells(interventions, "Kartläggning anonym"));
        Assert.Equal(["Utbildning handläggare", "100 000", "20 000", "40 000", "40,0", "70 000", "Kansliets prognos"], Cells(interventions, "Utbildning handläggare"));
        Assert.Equal(["Summa insatser", "940 000", "120 000", "320 000", "34,0", "490 000", "Pro rata"], Cells(interventions, "Summa insatser"));

        var administration = Part(presentation, "ekonomi-administration");
        Assert.Equal(["Summa administration", "360 000", "120 000", "240 000", "66,7", "360 000", "Pro rata"], Cells(administration, "Summa administration"));

        var summary = Part(presentation, "ekonomi-sammanfattning");
        Assert.Equal(["Intäkter (medlemsavgifter och övriga intäkter)", "840 000", "1 260 000"], Cells(summary, "Intäkter (medlemsavgifter och övriga intäkter)"));
        Assert.Equal(["Kostnader totalt", "560 000", "850 000"], Cells(summary, "Kostnader totalt"));
        Assert.Equal(["Resultat", "280 000", "410 000"], Cells(summary, "Resultat"));
        Assert.Equal([ClosingEquity, "680 000", "810 000"], Cells(summary, ClosingEquity));

        var targets = Part(presentation, "ekonomi-mal");
        Assert.Equal(["Eget kapital minst 800 000 kr", "Utgående eget kapital, prognos: 810 000 kr", "✓ uppfyllt"], Cells(targets, "Eget kapital minst 800 000 kr"));
        Assert.Equal("✗ ej uppfyllt", Cells(targets, "Administrationen högst 40 % av kostnaderna")[2]);
        Assert.Contains("42,35 %", Cells(targets, "Administrationen högst 40 % av kostnaderna")[1], StringComparison.Ordinal);

        var equity = presentation["keyFigures"]!.AsArray().Single(k => k!["label"].Str() == "Eget kapital vid årets slut (prognos)")!;
        Assert.Equal(("810 000 kr", "Eget kapital minst 800 000 kr", "✓ uppfyllt", "Good"),
            (Plain(equity["value"].Str()), Plain(equity["detail"].Str()), equity["more"].Str(), equity["tone"].Str()));
    }

    [Fact]
    public async Task Files_CarryTheSameEconomyAsThePage()
    {
        var f = await EconomyAsync();
        var board = Users.BoardOf(f.Association.Id);
        var presentation = (await board.ReportAsync(f.Association.Id, 2025, 2, "YearToDate"))["presentation"]!;
        var path = $"/api/v1/associations/{f.Association.Id}/reports/tertial/2025/2/report";

        // The page: every economic table reads, cell for cell, as the JSON's presentation.
        using var client = await UiSession.SignInAsync(Factory, UserRole.BoardMember, f.Association.Id, null);
        var html = await (await client.GetAsync("/rapport/2025/2?redovisning=hittills", Ct)).Content.ReadAsStringAsync(Ct);
        foreach (var id in new[] { "ekonomi-medel", "ekonomi-insatser", "ekonomi-administration", "ekonomi-sammanfattning", "ekonomi-mal" })
        {
            var expected = Part(presentation, id)["rows"]!.AsArray().Where(r => r!["kind"].Str() != "Band")
                .Select(r => r!["cells"]!.AsArray().Select(c => c!["text"].Str()).ToList()).ToList();
            var actual = ReportPageAgreementTests.Rows(html, $"{id}-tabell");
            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i], actual[i]);
            }
        }

        // The xlsx: the same figures as numbers.
        var xlsx = await (await board.GetAsync($"{path}.xlsx?mode=YearToDate")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using (var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Ct)))
        using (var document = SpreadsheetDocument.Open(stream, false))
        {
            var sheet = XlsxReader.Sheet(document, "Ekonomisk sammanfattning");
            Assert.Equal(810_000, XlsxReader.NumberUnder(document, sheet, XlsxReader.RowWith(document, sheet, ClosingEquity), "Helår, prognos (kr)"));
            Assert.Equal(680_000, XlsxReader.NumberUnder(document, sheet, XlsxReader.RowWith(document, sheet, ClosingEquity), "Hittills i år, T2 (kr)"));
            var costs = XlsxReader.Sheet(document, "Insatskostnader");
            Assert.Equal(100_000, XlsxReader.NumberUnder(document, costs, XlsxReader.RowWith(document, costs, "Arbetsträning"), "Utfall T2 (kr)"));
            var goals = XlsxReader.Sheet(document, "Finansiella mål");
            Assert.Equal("✓ uppfyllt", XlsxReader.TextUnder(document, goals, XlsxReader.RowWith(document, goals, "Eget kapital minst 800\u00A0000\u00A0kr"), "Bedömning"));
        }

        // The CSV: one line per figure.
        var csv = Encoding.UTF8.GetString(await (await (await board.GetAsync($"{path}.csv?mode=YearToDate")).ShouldHaveStatusAsync(HttpStatusCode.OK))
            .Content.ReadAsByteArrayAsync(Ct));
        var closing = csv.Split('\n').Single(l => l.Contains($";{ClosingEquity};", StringComparison.Ordinal) && l.Contains("Helår, prognos (kr)", StringComparison.Ordinal));
        Assert.EndsWith(";810000", closing.TrimEnd('\r'), StringComparison.Ordinal);
        Assert.Contains(csv.Split('\n'), l => l.Contains(";Arbetsträning;", StringComparison.Ordinal) && l.TrimEnd('\r').EndsWith("Utfall T2 (kr);100000", StringComparison.Ordinal));

        // The PDF: the same words.
        var pdfResponse = await (await board.GetAsync($"{path}.pdf?mode=YearToDate")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var pdf = PdfDocument.Open(await pdfResponse.Content.ReadAsByteArrayAsync(Ct));
        var text = string.Join(' ', pdf.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
        Assert.Contains("Utgående eget kapital 680 000 810 000", text, StringComparison.Ordinal);
        Assert.Contains("Eget kapital minst 800 000 kr", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdoptedReport_KeepsTheEconomyItWasAdoptedWith()
    {
        var f = await EconomyAsync();
        var office = Users.OfficeOf(f.Association.Id);
        await (await office.PostAsync($"/api/v1/associations/{f.Association.Id}/reports/tertial/2025/2/close",
            new JsonObject { ["adoptedBy"] = "Styrelsen", ["overrideReason"] = "Utförarnas rapportering prövas inte här." })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        // A later correction of X's T2 cost: 100 000 → 160 000.
        await (await office.PutAsync($"/api/v1/interventions/{f.X.Id}/costs/2025", new JsonObject { ["tertial1Sek"] = 90_000, ["tertial2Sek"] = 160_000 }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        var adopted = (await office.ReportAsync(f.Association.Id, 2025, 2, "YearToDate"))["presentation"]!;
        Assert.Equal("100 000", Cells(Part(adopted, "ekonomi-insatser"), "Arbetsträning")[2]);
        var current = await office.ReportAsync(f.Association.Id, 2025, 2, "YearToDate", "current");
        Assert.Equal("160 000", Cells(Part(current["presentation"]!, "ekonomi-insatser"), "Arbetsträning")[2]);
        Assert.Contains(current["differences"]!.AsArray(), d => d!["path"].Str().StartsWith("economy.interventions.lines[interventionId=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Coach_SeesOwnInterventionsBudgetAndCost()
    {
        var f = await EconomyAsync();
        var coach = Users.CoachOf(f.Alfa.Id);
        var economy = await (await coach.GetAsync($"/api/v1/interventions/{f.X.Id}/economy")).ShouldBeAsync<JsonObject>(HttpStatusCode.OK);
        var year = economy["years"]!.AsArray().Single()!;
        Assert.Equal((600_000L, 100_000L, 190_000L), (year["budgetSek"]!.GetValue<long>(), year["tertial2Sek"]!.GetValue<long>(), year["actualSek"]!.GetValue<long>()));

        // Another provider's intervention, and the association's whole economy, are not the coach's.
        await (await coach.GetAsync($"/api/v1/interventions/{f.Y.Id}/economy")).ShouldHaveStatusAsync(HttpStatusCode.NotFound);
        await (await coach.GetAsync($"/api/v1/associations/{f.Association.Id}/economy/2025")).ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Coach_EconomyPage_ShowsTheSameFiguresAsTheApi()
    {
        var f = await EconomyAsync();
        using var coach = await UiSession.SignInAsync(Factory, UserRole.Coach, f.Association.Id, f.Alfa.Id);

        var html = Plain(WebUtility.HtmlDecode(await coach.GetStringAsync($"/insatser/{f.X.Id}/ekonomi", Ct)));

        Assert.Contains("Budget och kostnader per år", html, StringComparison.Ordinal);
        // Budget 600 000, T2 100 000, actual to date 190 000: the figures of the API test above.
        Assert.Contains("600 000 kr", html, StringComparison.Ordinal);
        Assert.Contains("100 000 kr", html, StringComparison.Ordinal);
        Assert.Contains("190 000 kr", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/insatser/{f.X.Id}/ekonomi\"", WebUtility.HtmlDecode(await coach.GetStringAsync("/insatser", Ct)), StringComparison.Ordinal);
    }

    private static string Plain(string text) => text.Replace('\u00A0', ' ');

    private static JsonNode Part(JsonNode presentation, string id) =>
        presentation["parts"]!.AsArray().Single(p => p!["id"].Str() == id)!;

    private static List<string> Cells(JsonNode part, string first) =>
    [
        .. part["rows"]!.AsArray().Single(r => r!["cells"]!.AsArray().Count > 0 && Plain(r["cells"]![0]!["text"].Str()) == first)!["cells"]!.AsArray()
            .Select(c => Plain(c!["text"].Str())),
    ];

    /// <summary>The report fixture with the year's economy as described above.</summary>
    private async Task<ReportFixture> EconomyAsync()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);
        var office = Users.OfficeOf(f.Association.Id);
        var economy = $"/api/v1/associations/{f.Association.Id}/economy";
        async Task Put(string path, JsonObject body) => await (await office.PutAsync(path, body)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        async Task<long> Member(string name, string kind) =>
            (await (await office.PostAsync($"{economy}/members", new JsonObject { ["name"] = name, ["kind"] = kind })).ShouldBeAsync<JsonObject>(HttpStatusCode.OK))["id"]!.GetValue<long>();

        await Member("Försäkringskassan", "State");
        await Member("Västra Götalandsregionen", "Region");
        await Put($"{economy}/members/{await Member("Borås", "Municipality")}/years/2025", new JsonObject { ["population"] = 60_000, ["populationDate"] = "2024-06-30" });
        await Put($"{economy}/members/{await Member("Mark", "Municipality")}/years/2025", new JsonObject { ["population"] = 40_000, ["populationDate"] = "2024-06-30" });
        await Put($"{economy}/2025", new JsonObject
        {
            ["totalContributionSek"] = 1_200_000, ["roundingUnitSek"] = 1000, ["openingEquitySek"] = 400_000, ["esfIncomeSek"] = 50_000, ["otherIncomeSek"] = 10_000,
        });
        await Put($"/api/v1/interventions/{f.X.Id}/costs/2025", new JsonObject { ["tertial1Sek"] = 90_000, ["tertial2Sek"] = 100_000 });
        await Put($"/api/v1/interventions/{f.Z.Id}/costs/2025", new JsonObject { ["tertial1Sek"] = 20_000, ["tertial2Sek"] = 20_000, ["forecastSek"] = 70_000 });
        await Put($"{economy}/2025/administration/Staff", new JsonObject { ["budgetSek"] = 300_000, ["tertial1Sek"] = 100_000, ["tertial2Sek"] = 100_000 });
        await Put($"{economy}/2025/administration/Premises", new JsonObject { ["budgetSek"] = 60_000, ["tertial1Sek"] = 20_000, ["tertial2Sek"] = 20_000 });
        await Put($"{economy}/targets", new JsonObject
        {
            ["targets"] = new JsonArray(
                new JsonObject { ["kind"] = "MinimumEquity", ["amountSek"] = 800_000 },
                new JsonObject { ["kind"] = "AdministrationShareAtMost", ["basisPoints"] = 4000 }),
        });
        return f;
    }
}
