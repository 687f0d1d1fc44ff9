using System.Net;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Reports;

/// <summary>
/// Issue 19, item 4: the referrals in the tertial report. Every expected figure is worked out by
/// hand from the fixture below (who is who is listed in <see cref="ArrangeAsync"/>).
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class TertialReportReferralTests(ApiFactory factory) : ApiTest(factory)
{
    private sealed record Fixture(InterventionDto A, InterventionDto B);

    /// <summary>
    /// Two anonymous interventions of the home provider, both Förberedande. T3 2026 is 1 Sep – 31 Dec.
    /// A: a1 W Kommunen received 10 Jun, started 10 Sep (92 days); a2 M Kommunen 5 Sep, started 15 Sep (10);
    ///    a3 W Försäkringskassan 20 Sep, started 20 Oct (30); a4 M Försäkringskassan 1 Oct, declined 5 Oct (no place);
    ///    a5 W Regionen 10 Oct, waiting; a6 W Kommunen 20 Aug, withdrawn 2 Sep.
    /// B: b1 M Arbetsförmedlingen 1 Sep, started the same day (0); b2 W Arbetsförmedlingen 2 Oct, declined 3 Oct (declined by the person);
    ///    b3 M Egen anmälan 1 Nov, waiting.
    /// </summary>
    private async Task<Fixture> ArrangeAsync()
    {
        await Data.ProviderAsync((await Data.AssociationAsync()).Id);
        var a = await Data.InterventionAsync(Data.HomeAssociationId, Data.HomeProviderId, "IndividualFocused", "Preparatory",
            Mode.AnonymousIndividual, new DateOnly(2026, 1, 1), null, name: "Vägen vidare");
        var b = await Data.InterventionAsync(Data.HomeAssociationId, Data.HomeProviderId, "IndividualFocused", "Preparatory",
            Mode.AnonymousIndividual, new DateOnly(2026, 1, 1), null, name: "Språngbrädan");

        await StartedAsync(a.Id, "Woman", "Municipality", new(2026, 6, 10), new(2026, 9, 10));
        await StartedAsync(a.Id, "Man", "Municipality", new(2026, 9, 5), new(2026, 9, 15));
        await StartedAsync(a.Id, "Woman", "SocialInsuranceAgency", new(2026, 9, 20), new(2026, 10, 20));
        await DeclinedAsync(a.Id, "Man", "SocialInsuranceAgency", new(2026, 10, 1), new(2026, 10, 5), "NoPlace");
        await Data.ReferralAsync(a.Id, TestData.AnonymousReferral(new(2026, 10, 10), "Woman", 1990, "Region"));
        var a6 = await Data.ReferralAsync(a.Id, TestData.AnonymousReferral(new(2026, 8, 20), "Woman", 1990, "Municipality"));
        await (await Coach.PostAsync($"/api/v1/referrals/{a6.Id}/withdraw", new JsonObject { ["date"] = "2026-09-02" })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        await StartedAsync(b.Id, "Man", "PublicEmploymentService", new(2026, 9, 1), new(2026, 9, 1));
        await DeclinedAsync(b.Id, "Woman", "PublicEmploymentService", new(2026, 10, 2), new(2026, 10, 3), "DeclinedByPerson");
        await Data.ReferralAsync(b.Id, TestData.AnonymousReferral(new(2026, 11, 1), "Man", 1985, "SelfReferral"));
        return new Fixture(a, b);
    }

    private async Task StartedAsync(long interventionId, string gender, string party, DateOnly received, DateOnly start)
    {
        var referral = await Data.ReferralAsync(interventionId, TestData.AnonymousReferral(received, gender, 1990, party));
        await (await Coach.PostAsync($"/api/v1/referrals/{referral.Id}/start", TestData.StartFromReferral(start))).ShouldHaveStatusAsync(HttpStatusCode.Created);
    }

    private async Task DeclinedAsync(long interventionId, string gender, string party, DateOnly received, DateOnly declined, string reason)
    {
        var referral = await Data.ReferralAsync(interventionId, TestData.AnonymousReferral(received, gender, 1990, party));
        await (await Coach.PostAsync($"/api/v1/referrals/{referral.Id}/decline", new JsonObject { ["date"] = TestData.Date(declined), ["reason"] = reason }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    private static void AssertFlows(JsonNode? referrals, string what, (int W, int M) received, (int W, int M) started, int declined, int withdrawn, (int W, int M) waiting)
    {
        Assert.True(referrals is JsonObject, $"{what}: no referrals");
        referrals!["received"].AssertCount(received.W, received.M, $"{what} received");
        referrals["started"].AssertCount(started.W, started.M, $"{what} started");
        Assert.True(declined == referrals["declined"].Num(), $"{what} declined: {referrals["declined"]}");
        Assert.True(withdrawn == referrals["withdrawn"].Num(), $"{what} withdrawn: {referrals["withdrawn"]}");
        referrals["waitingAtEnd"].AssertCount(waiting.W, waiting.M, $"{what} waitingAtEnd");
    }

    private static void AssertParties(JsonNode? referrals, string what, params (string Code, int W, int M)[] expected)
    {
        var parties = referrals!["receivedByParty"].Objects().ToDictionary(p => p["code"].Str());
        Assert.Equal(Enum.GetNames<ReferredBy>().Length, parties.Count);
        foreach (var (code, party) in parties)
        {
            var (w, m) = expected.Where(e => e.Code == code).Select(e => (e.W, e.M)).SingleOrDefault();
            party["count"].AssertCount(w, m, $"{what} {code}");
        }
    }

    [Fact]
    public async Task Period_CountsReceivedByPartyStartedDeclinedWithdrawnAndWaiting_PerInterventionAndSubtotal()
    {
        var f = await ArrangeAsync();

        var report = (await Office.ReportAsync(Data.HomeAssociationId, 2026, 3))["report"]!.AsObject();

        // A: received a2 a3 a4 a5 (a1 and a6 came in T2); started a1 a2 a3; declined a4; withdrawn a6; waiting a5.
        var a = report.Figures(f.A.Id)["referrals"];
        AssertFlows(a, "A", received: (2, 2), started: (2, 1), declined: 1, withdrawn: 1, waiting: (1, 0));
        AssertParties(a, "A", ("Municipality", 0, 1), ("SocialInsuranceAgency", 1, 1), ("Region", 1, 0));
        a!["declinedByReason"].AssertCodes("A declined", ("NoPlace", 1));
        // Days 92, 10, 30 → median 30; nine in ten ⌈2.7⌉ = the 3rd: 92.
        Assert.Equal((30m, 92m), (a["medianDaysToStart"].Num(), a["percentile90DaysToStart"].Num()));

        // B: received b1 b2 b3; started b1 the day it came (0 days); declined b2; waiting b3.
        var b = report.Figures(f.B.Id)["referrals"];
        AssertFlows(b, "B", received: (1, 2), started: (0, 1), declined: 1, withdrawn: 0, waiting: (0, 1));
        AssertParties(b, "B", ("PublicEmploymentService", 1, 1), ("SelfReferral", 0, 1));
        b!["declinedByReason"].AssertCodes("B declined", ("DeclinedByPerson", 1));
        Assert.Equal((0m, 0m), (b["medianDaysToStart"].Num(), b["percentile90DaysToStart"].Num()));

        // The category, the orientation and the association: the sums; the days of all four started
        // (0, 10, 30, 92): an even count, so the median is the mean of 10 and 30, not a mean of medians.
        foreach (var (what, total) in new[]
                 {
                     ("Preparatory", report.Category("IndividualFocused", "Preparatory")["subtotal"]!["referrals"]),
                     ("total", report["total"]!["referrals"]),
                 })
        {
            AssertFlows(total, what, received: (3, 4), started: (2, 2), declined: 2, withdrawn: 1, waiting: (1, 1));
            AssertParties(total, what, ("Municipality", 0, 1), ("SocialInsuranceAgency", 1, 1), ("Region", 1, 0),
                ("PublicEmploymentService", 1, 1), ("SelfReferral", 0, 1));
            total!["declinedByReason"].AssertCodes(what, ("NoPlace", 1), ("DeclinedByPerson", 1));
            Assert.Equal((20m, 92m), (total["medianDaysToStart"].Num(), total["percentile90DaysToStart"].Num()));
        }
    }

    [Fact]
    public async Task EarlierTertialAndYearToDate_ReadTheStateAtTheirEnd()
    {
        var f = await ArrangeAsync();

        // T2 (May–Aug): a1 and a6 came in and were still waiting on 31 August (a1 started 10 Sep, a6 withdrawn 2 Sep).
        var t2 = (await Office.ReportAsync(Data.HomeAssociationId, 2026, 2))["report"]!.AsObject();
        var a = t2.Figures(f.A.Id)["referrals"];
        AssertFlows(a, "A T2", received: (2, 0), started: (0, 0), declined: 0, withdrawn: 0, waiting: (2, 0));
        Assert.Null(a!["medianDaysToStart"]);
        AssertFlows(t2.Figures(f.B.Id)["referrals"], "B T2", received: (0, 0), started: (0, 0), declined: 0, withdrawn: 0, waiting: (0, 0));

        // Year to date T3: everything received this year; waiting at the end as in T3.
        var ytd = (await Office.ReportAsync(Data.HomeAssociationId, 2026, 3, "YearToDate"))["report"]!.AsObject();
        AssertFlows(ytd["total"]!["referrals"], "total YTD", received: (5, 4), started: (2, 2), declined: 2, withdrawn: 1, waiting: (1, 1));
    }

    [Fact]
    public async Task Office_SeesTheReferralPartsExactly_InJsonPageAndExcel_WithTheInflowAgainstTheTertialBefore()
    {
        var f = await ArrangeAsync();

        var json = await Office.ReportAsync(Data.HomeAssociationId, 2026, 3);
        var parts = json["presentation"]!["parts"]!.AsArray().Select(p => p!.AsObject()).ToList();
        Assert.Equal(["anvisningar", "anvisningar-per-part", "anvisande-parter", "avbojda-anvisningar", "anvisningar-utveckling"],
            parts.Select(p => p["id"].Str()).Where(id => id.Contains("anvisningar", StringComparison.Ordinal) || id.Contains("anvisande", StringComparison.Ordinal)));

        var perIntervention = Table(parts, "anvisningar");
        Assert.Equal(["2", "2", "4", "3", "1", "1", "1", "30,0", "92"], perIntervention["Vägen vidare"][2..]);
        Assert.Equal(["1", "2", "3", "1", "1", "0", "1", "0,0", "0"], perIntervention["Språngbrädan"][2..]);
        Assert.Equal(["3", "4", "7", "4", "2", "1", "2", "20,0", "92"], perIntervention["Totalt för förbundet"][2..]);

        var parties = Table(parts, "anvisande-parter");
        Assert.Equal(["1", "1", "2", "28,6"], parties["Försäkringskassan"][1..]);
        Assert.Equal(["3", "4", "7", "100,0"], parties["Mottagna totalt"][1..]);
        Assert.DoesNotContain("Annan", parties.Keys);

        // Per intervention by party (women, men) and declined by reason: A from Kommunen 0 + 1, Försäkringskassan 1 + 1, Regionen 1 + 0.
        var byParty = parts.Single(p => p["id"].Str() == "anvisningar-per-part");
        var headings = byParty["columns"]!.AsArray().Select(c => c.Str()).ToList();
        Assert.Equal(["Insats", "Utförare", "Försäkringskassan: kvinnor", "Försäkringskassan: män", "Arbetsförmedlingen: kvinnor", "Arbetsförmedlingen: män",
            "Kommunen: kvinnor", "Kommunen: män", "Regionen (hälso- och sjukvård): kvinnor", "Regionen (hälso- och sjukvård): män",
            "Egen anmälan: kvinnor", "Egen anmälan: män", "Avböjd: Personen tackade nej", "Avböjd: Ingen plats"], headings);
        Assert.Equal(["1", "1", "0", "0", "0", "1", "1", "0", "0", "0", "0", "1"], Table(parts, "anvisningar-per-part")["Vägen vidare"][2..]);
        Assert.Equal(["0", "0", "1", "1", "0", "0", "0", "0", "0", "1", "1", "0"], Table(parts, "anvisningar-per-part")["Språngbrädan"][2..]);

        var declined = Table(parts, "avbojda-anvisningar");
        Assert.Equal(["1", "50,0"], declined["Ingen plats"][1..]);
        Assert.Equal(["1", "50,0"], declined["Personen tackade nej"][1..]);

        // T2 had 2 in, T3 7: the inflow rose by 5, on the first screen and in the trend.
        var trend = Table(parts, "anvisningar-utveckling");
        Assert.Equal(["0", "–", "0", "0", "0"], trend["T1 2025"][1..]);
        Assert.Equal(["2", "▲ 2 fler", "0", "0", "2"], trend["T2 2026"][1..]);
        Assert.Equal(["7", "▲ 5 fler", "4", "2", "2"], trend["T3 2026"][1..]);
        var keyFigure = json["presentation"]!["keyFigures"]!.AsArray().Single(k => k!["label"].Str() == "Anvisningar")!;
        Assert.Equal(("7 mottagna", "4 påbörjade · 2 väntar vid periodens slut", "▲ 5 fler än tertialen före"),
            (keyFigure["value"].Str(), keyFigure["detail"].Str(), keyFigure["more"].Str()));

        // The page shows the same tables as the JSON.
        using var client = await UiSession.SignInAsync(Factory, UserRole.AssociationAdmin, Data.HomeAssociationId, null);
        var html = await (await client.GetAsync("/rapport/2026/3", Ct)).Content.ReadAsStringAsync(Ct);
        foreach (var id in new[] { "anvisningar", "anvisande-parter", "avbojda-anvisningar", "anvisningar-utveckling", "anvisningar-per-part" })
        {
            var expected = Table(parts, id).Values.ToList();
            Assert.Equal(expected.Count, ReportPageAgreementTests.Rows(html, $"{id}-tabell").Count);
        }

        // Excel: a sheet per part, the same figures.
        var xlsx = await (await Office.GetAsync($"/api/v1/associations/{Data.HomeAssociationId}/reports/tertial/2026/3/report.xlsx?mode=Period"))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Ct));
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = XlsxReader.Sheet(document, "Anvisningar");
        var row = XlsxReader.RowWith(document, sheet, "Vägen vidare");
        Assert.Equal(["2", "2", "4", "3", "1", "1", "1"],
            row.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => XlsxReader.Text(document, c)).Skip(2).Take(7));
    }

    [Fact]
    public async Task Board_SeesTheReferralCountsMasked_AndNoWaitingTimeWhereFewStarted()
    {
        await ArrangeAsync();

        var json = await Board.ReportAsync(Data.HomeAssociationId, 2026, 3);
        var parts = json["presentation"]!["parts"]!.AsArray().Select(p => p!.AsObject()).ToList();
        // Each intervention's inflow by referring party is there for the board too, every small count withheld.
        var byParty = parts.Single(p => p["id"].Str() == "anvisningar-per-part");
        var a = byParty["rows"]!.AsArray().Single(r => r!["kind"].Str() == "Item" && r["cells"]![0]!["text"].Str() == "Vägen vidare")!["cells"]!.AsArray();
        Assert.All(a.Skip(2).Where(c => c!["text"].Str() != "0"), c => Assert.True(c!["masked"]!.GetValue<bool>(), c.ToJsonString()));
        Assert.Contains(a.Skip(2), c => c!["masked"]!.GetValue<bool>());
        var part = parts.Single(p => p["id"].Str() == "anvisningar");
        var columns = part["columns"]!.AsArray().Select(c => c.Str()).ToList();
        var total = part["rows"]!.AsArray().Single(r => r!["kind"].Str() == "Total")!["cells"]!.AsArray();
        // Every count is under 5: "<5" or "x", never the number; 4 started is too few for a waiting time.
        foreach (var heading in new[] { "Mottagna kvinnor", "Mottagna totalt", "Påbörjade", "Väntande vid periodens slut" })
        {
            var cell = total[columns.IndexOf(heading)]!;
            Assert.True(cell["masked"]!.GetValue<bool>(), $"{heading}: {cell.ToJsonString()}");
            Assert.Null(cell["value"]);
        }

        var median = total[columns.IndexOf("Median dagar till start")]!;
        Assert.Equal("x", median["text"].Str());
        Assert.Null(median["value"]);
    }

    [Fact]
    public async Task APersonDeclinedAndReferredAgain_CountsTwiceAsReceived_AndWaitsFromTheSecondReferral()
    {
        await Data.ProviderAsync((await Data.AssociationAsync()).Id);
        var c = await Data.InterventionAsync(Data.HomeAssociationId, Data.HomeProviderId, Mode.Identified);
        var pnr = TestPersonnummer.Woman(7);
        var first = await Data.ReferralAsync(c.Id, TestData.IdentifiedReferral(pnr, new(2026, 9, 2), "SocialInsuranceAgency"));
        await (await Coach.PostAsync($"/api/v1/referrals/{first.Id}/decline", new JsonObject { ["date"] = "2026-09-04", ["reason"] = "NoPlace" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        var again = await Data.ReferralAsync(c.Id, TestData.IdentifiedReferral(pnr, new(2026, 9, 20), "PublicEmploymentService"));
        await (await Coach.PostAsync($"/api/v1/referrals/{again.Id}/start", TestData.StartFromReferral(new(2026, 10, 1)))).ShouldHaveStatusAsync(HttpStatusCode.Created);

        var referrals = (await Office.ReportAsync(Data.HomeAssociationId, 2026, 3))["report"]!.AsObject().Figures(c.Id)["referrals"];

        // Two referrals of one woman: both received (one per party), one declined, one started after 11 days (20 Sep → 1 Oct).
        AssertFlows(referrals, "C", received: (2, 0), started: (1, 0), declined: 1, withdrawn: 0, waiting: (0, 0));
        AssertParties(referrals, "C", ("SocialInsuranceAgency", 1, 0), ("PublicEmploymentService", 1, 0));
        Assert.Equal((11m, 11m), (referrals!["medianDaysToStart"].Num(), referrals["percentile90DaysToStart"].Num()));
    }

    [Fact]
    public async Task AnAssociationWithoutReferrals_GetsNoEmptyReferralTables()
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual);
        await Data.ParticipationAsync(intervention.Id, TestData.Anonymous("Woman", 1990, new DateOnly(2026, 9, 14)));

        var json = await Office.ReportAsync(Data.HomeAssociationId, 2026, 3);

        Assert.DoesNotContain(json["presentation"]!["parts"]!.AsArray(), p => p!["id"].Str().Contains("anvis", StringComparison.Ordinal));
        Assert.DoesNotContain(json["presentation"]!["keyFigures"]!.AsArray(), k => k!["label"].Str() == "Anvisningar");
        json["report"]!["total"]!["referrals"]!["received"].AssertCount(0, 0, "received");
    }

    /// <summary>A part's rows by their first cell, each row's cell texts.</summary>
    private static Dictionary<string, List<string>> Table(List<JsonObject> parts, string id) =>
        parts.Single(p => p["id"].Str() == id)["rows"]!.AsArray()
            .Where(r => r!["kind"].Str() != "Band")
            .Select(r => r!["cells"]!.AsArray().Select(c => c!["text"].Str()).ToList())
            .ToDictionary(cells => cells[0]);
}
