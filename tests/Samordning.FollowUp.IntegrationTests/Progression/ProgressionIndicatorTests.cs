using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Features.Progression;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Fixtures;

namespace Samordning.FollowUp.IntegrationTests.Progression;

/// <summary>
/// Progression instruments on the hand-built <see cref="IndicatorFixture"/> (threshold 2). The
/// instrument LIV is used by intervention A only, with three factors on a 1–5 scale: HALSA (higher
/// is better), ORO (lower is better) and NAT (higher is better). Changes are first → last
/// measurement, turned so that up is better:
///
///   b1 W exit 2025-01-15  start H2 O4 N3 → exit H4 O2 N3          HALSA +2, ORO +2, NAT 0   mean 4/3, 2 improved
///   b2 W exit 2025-03-31  start H3 O2 N2 → interim H1 O5 N1 → exit H4 O4 N3 (first recorded H5 O1 N3, corrected)
///                                                                 HALSA +1, ORO −2, NAT +1  mean 0, 2 improved
///   b3 M exit 2025-04-30  start only                              missing (one measurement)
///   b4 M exit 2025-02-10  Deceased, measured twice                not in the population
///   b9 W exit 2025-05-01  one measurement on 2025-05-01           missing; taken with version 2
///   b6 M, b7 W, b8 M (exits later in 2025): no measurements       missing
///
/// Versions: 1 (valid from 2000) mean improved by ≥ 1.5; 2 (from 2025-05-01) ≥ 2 factors improved;
/// 3 (from 2025-09-01) ORO improved; target 50 %. The figure of a period uses the version in force
/// at its end, so T1 year to date (Jan–Apr) reads version 1, T2 year to date (Jan–Aug) version 2
/// and the year version 3, over the same two measured women.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Progression")]
public sealed class ProgressionIndicatorTests(ApiFactory factory) : ApiTest(factory)
{
    private static JsonObject Instrument(DateOnly validFrom, string rule, long interventionId) => new()
    {
        ["name"] = "Livssituation",
        ["factors"] = new JsonArray(
            new JsonObject { ["code"] = "HALSA", ["label"] = "Hälsa", ["direction"] = "HigherIsBetter" },
            new JsonObject { ["code"] = "ORO", ["label"] = "Oro", ["description"] = "Hur mycket oro personen känner.", ["direction"] = "LowerIsBetter" },
            new JsonObject { ["code"] = "NAT", ["label"] = "Socialt nätverk", ["direction"] = "HigherIsBetter" }),
        ["scaleMin"] = 1,
        ["scaleMax"] = 5,
        ["scaleLabels"] = new JsonArray([.. Enumerable.Range(1, 5).Select(v => (JsonNode)new JsonObject { ["value"] = v, ["label"] = $"Nivå {v}" })]),
        ["interventionIds"] = new JsonArray(interventionId),
        ["atStart"] = true,
        ["everyWeeks"] = 12,
        ["atExit"] = true,
        ["toleranceDays"] = 14,
        ["rule"] = rule,
        ["minMeanImprovement"] = 1.5,
        ["minFactorsImproved"] = 2,
        ["ruleFactorCode"] = "ORO",
        ["targetPercent"] = 50,
        ["validFrom"] = TestData.Date(validFrom),
    };

    private static JsonObject Measurement(string point, DateOnly on, int halsa, int oro, int nat) => new()
    {
        ["instrumentCode"] = "LIV",
        ["point"] = point,
        ["measuredOn"] = TestData.Date(on),
        ["scores"] = new JsonArray(
            new JsonObject { ["factorCode"] = "HALSA", ["score"] = halsa },
            new JsonObject { ["factorCode"] = "ORO", ["score"] = oro },
            new JsonObject { ["factorCode"] = "NAT", ["score"] = nat }),
    };

    private async Task<JsonObject> MeasureAsync(long participationId, JsonObject body, long? corrects = null)
    {
        var coach = await Data.CoachOfParticipationAsync(participationId);
        var path = $"/api/v1/participations/{participationId}/measurements" + (corrects is null ? string.Empty : $"/{corrects}");
        var response = corrects is null ? await coach.PostAsync(path, body) : await coach.PutAsync(path, body);
        return await response.ShouldBeAsync<JsonObject>(HttpStatusCode.OK);
    }

    private async Task<(DateOnly Start, DateOnly End)> DatesAsync(long participationId) =>
        await Factory.WithDbAsync(db => db.Participations.Where(p => p.Id == participationId)
            .Select(p => new ValueTuple<DateOnly, DateOnly>(p.StartDate, p.EndDate!.Value)).SingleAsync(Ct));

    private async Task<IndicatorFixture> MeasuredFixtureAsync()
    {
        var fixture = await IndicatorFixture.BuildAsync(Data);
        var office = Users.OfficeOf(fixture.AssociationId);
        var created = Instrument(new DateOnly(2000, 1, 1), "MeanImproved", fixture.InterventionA);
        created["code"] = "liv";
        var v1 = await (await office.PostAsync($"/api/v1/associations/{fixture.AssociationId}/progression-instruments", created))
            .ShouldBeAsync<JsonObject>(HttpStatusCode.Created);
        Assert.Equal(("LIV", 1), ((string)v1["code"]!, (int)v1["version"]!));

        var p = fixture.Participations;
        var (b1Start, b1End) = await DatesAsync(p["b1"]);
        await MeasureAsync(p["b1"], Measurement("Start", b1Start, 2, 4, 3));
        await MeasureAsync(p["b1"], Measurement("Exit", b1End, 4, 2, 3));
        var (b2Start, b2End) = await DatesAsync(p["b2"]);
        await MeasureAsync(p["b2"], Measurement("Start", b2Start, 3, 2, 2));
        await MeasureAsync(p["b2"], Measurement("Interim", b2Start.AddDays(84), 1, 5, 1));
        var wrong = await MeasureAsync(p["b2"], Measurement("Exit", b2End, 5, 1, 3));
        await MeasureAsync(p["b2"], Measurement("Exit", b2End, 4, 4, 3), corrects: (long)wrong["id"]!);
        var (b3Start, _) = await DatesAsync(p["b3"]);
        await MeasureAsync(p["b3"], Measurement("Start", b3Start, 1, 5, 1));
        var (b4Start, b4End) = await DatesAsync(p["b4"]);
        await MeasureAsync(p["b4"], Measurement("Start", b4Start, 1, 5, 1));
        await MeasureAsync(p["b4"], Measurement("Exit", b4End, 5, 1, 5));

        // Later versions change the rule; measurements already taken keep version 1.
        await (await office.PutAsync($"/api/v1/associations/{fixture.AssociationId}/progression-instruments/LIV",
            Instrument(new DateOnly(2025, 5, 1), "FactorsImproved", fixture.InterventionA))).ShouldBeAsync<JsonObject>(HttpStatusCode.OK);
        await (await office.PutAsync($"/api/v1/associations/{fixture.AssociationId}/progression-instruments/LIV",
            Instrument(new DateOnly(2025, 9, 1), "FactorImproved", fixture.InterventionA))).ShouldBeAsync<JsonObject>(HttpStatusCode.OK);
        await MeasureAsync(p["b9"], Measurement("Exit", new DateOnly(2025, 5, 1), 3, 3, 3));
        return fixture;
    }

    private Task<List<ProgressionResult>> ResultsAsync(long associationId, string code) =>
        Factory.WithDbAsync(db => db.ProgressionResults.AsNoTracking().Where(r => r.AssociationId == associationId && r.Code == code)
            .OrderBy(r => r.Year).ThenBy(r => r.Tertial).ThenBy(r => r.Mode).ThenBy(r => r.InterventionId).ThenBy(r => r.Gender).ToListAsync(Ct));

    private static (int Numerator, int Denominator, int Missing, double? Rate, bool? Met, bool TooFew, int Version) Figure(
        List<ProgressionResult> results, int year, int? tertial, IndicatorPeriodMode mode, long? interventionId, IndicatorGender gender)
    {
        var r = results.Single(r => r.Year == year && r.Tertial == tertial && r.Mode == mode && r.InterventionId == interventionId && r.Gender == gender);
        return (r.Numerator, r.Denominator, r.MissingData, r.Rate, r.Met, r.TooFew, r.InstrumentVersion);
    }

    [Fact]
    public async Task ThreeRules_HandComputedFigures_EachPeriodReadsItsVersion()
    {
        var fixture = await MeasuredFixtureAsync();

        await Factory.SendAsync(new ComputeProgressionCommand(fixture.AssociationId), Ct);
        var results = await ResultsAsync(fixture.AssociationId, "LIV");

        // Version 1, mean improved by ≥ 1.5: b1 4/3 ✗, b2 0 ✗; b3 missing.
        const IndicatorPeriodMode ytd = IndicatorPeriodMode.YearToDate;
        Assert.Equal((0, 2, 0, 0.0, false, false, 1), Figure(results, 2025, 1, ytd, null, IndicatorGender.Woman));
        Assert.Equal((0, 0, 1, null, null, true, 1), Figure(results, 2025, 1, ytd, null, IndicatorGender.Man));
        Assert.Equal((0, 2, 1, 0.0, false, false, 1), Figure(results, 2025, 1, ytd, null, IndicatorGender.Total));

        // Version 2, ≥ 2 factors improved: b1 ✓ (HALSA, ORO), b2 ✓ (HALSA, NAT); missing b7, b9 (women), b3, b6 (men).
        Assert.Equal((2, 2, 2, 100.0, true, false, 2), Figure(results, 2025, 2, ytd, null, IndicatorGender.Woman));
        Assert.Equal((0, 0, 2, null, null, true, 2), Figure(results, 2025, 2, ytd, null, IndicatorGender.Man));
        Assert.Equal((2, 2, 4, 100.0, true, false, 2), Figure(results, 2025, 2, ytd, null, IndicatorGender.Total));

        // Version 3, ORO (lower is better) improved: b1 4→2 ✓, b2 2→4 ✗; missing b7, b9 and b3, b6, b8.
        const IndicatorPeriodMode year = IndicatorPeriodMode.Year;
        Assert.Equal((1, 2, 2, 50.0, true, false, 3), Figure(results, 2025, null, year, null, IndicatorGender.Woman));
        Assert.Equal((0, 0, 3, null, null, true, 3), Figure(results, 2025, null, year, null, IndicatorGender.Man));
        Assert.Equal((1, 2, 5, 50.0, true, false, 3), Figure(results, 2025, null, year, fixture.InterventionA, IndicatorGender.Total));

        // Only A uses LIV: B's exits (n1, n3) are in no figure.
        Assert.DoesNotContain(results, r => r.InterventionId == fixture.InterventionB);

        // The distribution of change per factor, the year, intervention A: b1 and b2.
        var changes = await Factory.WithDbAsync(db => db.ProgressionFactorChanges.AsNoTracking()
            .Where(c => c.AssociationId == fixture.AssociationId && c.Code == "LIV" && c.Year == 2025 && c.Mode == year
                && c.InterventionId == fixture.InterventionA)
            .Select(c => new { c.FactorCode, c.Improved, c.Unchanged, c.Worsened }).ToListAsync(Ct));
        Assert.Equal(
            [("HALSA", 2, 0, 0), ("NAT", 1, 1, 0), ("ORO", 1, 0, 1)],
            changes.Select(c => (c.FactorCode, c.Improved, c.Unchanged, c.Worsened)).OrderBy(c => c.FactorCode));
    }

    [Fact]
    public async Task Report_ShowsTheIndicatorAndTheChangePerFactor_MaskedForTheBoard()
    {
        var fixture = await MeasuredFixtureAsync();
        await Factory.SendAsync(new ComputeProgressionCommand(fixture.AssociationId), Ct);

        static List<string[]> Rows(JsonObject report)
        {
            var part = report["presentation"]!["parts"]!.AsArray().Select(p => p!.AsObject()).Single(p => (string)p["id"]! == "progression-liv");
            Assert.StartsWith("Positiv utveckling mellan första och sista mätningen: medelvärdet över faktorerna har förbättrats med minst 1,5 skalsteg.",
                (string)part["introduction"]!);
            return [.. part["rows"]!.AsArray().Select(r => r!["cells"]!.AsArray().Select(c => (string)c!["text"]!).ToArray())];
        }

        // T1 2025 year to date reads version 1 (mean ≥ 1,5): b1 and b2 measured, neither improved enough; b3 missing.
        // The changes as in the class summary: HALSA 2 improved; ORO 1 improved, 1 worsened; NAT 1 improved, 1 unchanged.
        var office = Rows(await Users.OfficeOf(fixture.AssociationId).ReportAsync(fixture.AssociationId, 2025, 1, "YearToDate"));
        Assert.Equal(["A Steg till arbete", "0,0", "0", "2", "1", "", "", ""], office[0]);
        Assert.Equal(["Hälsa", "", "", "", "", "2", "0", "0"], office[1]);
        Assert.Equal(["Oro", "", "", "", "", "1", "0", "1"], office[2]);
        Assert.Equal(["Socialt nätverk", "", "", "", "", "1", "1", "0"], office[3]);

        // The board (threshold 2): a count of 1 reads "<2"; the other counts of that factor "x".
        var board = Rows(await Users.BoardOf(fixture.AssociationId).ReportAsync(fixture.AssociationId, 2025, 1, "YearToDate"));
        Assert.Equal(["Hälsa", "", "", "", "", "2", "0", "0"], board[1]);
        Assert.Equal(["Oro", "", "", "", "", "<2", "x", "<2"], board[2]);
        Assert.Equal(["Socialt nätverk", "", "", "", "", "<2", "<2", "x"], board[3]);
    }

    [Fact]
    public async Task ExitWithoutItsMeasurement_IsADataQualityItem()
    {
        var fixture = await MeasuredFixtureAsync();
        var coach = await Data.CoachOfParticipationAsync(fixture.Participations["b3"]);
        var path = $"/api/v1/providers/{fixture.ProviderP1}/data-quality/2025";

        var t1 = await (await coach.GetAsync($"{path}/1")).ShouldBeAsync<JsonObject>(HttpStatusCode.OK);
        var t2 = await (await coach.GetAsync($"{path}/2")).ShouldBeAsync<JsonObject>(HttpStatusCode.OK);
        var items = await (await coach.GetAsync($"{path}/1/ExitsWithoutMeasurement")).ShouldBeAsync<JsonObject>(HttpStatusCode.OK);

        // T1: of A's exits b1 and b2 have their exit measurement (b2's corrected one counts), b3 has only its start; b4 died.
        // T2: b6 and b7 have none; b9's exit measurement was taken.
        static int Count(JsonObject dataQuality) =>
            (int)dataQuality["checks"]!.AsArray().Single(c => (string)c!["check"]! == "ExitsWithoutMeasurement")!["count"]!;
        Assert.Equal(1, Count(t1));
        Assert.Equal(2, Count(t2));
        Assert.Equal([fixture.Participations["b3"]], items["participations"]!.AsArray().Select(p => (long)p!["id"]!));
    }

    [Fact]
    public async Task Measurements_KeepTheirVersion_AndCorrectionsKeepHistory()
    {
        var fixture = await MeasuredFixtureAsync();
        var coach = await Data.CoachOfParticipationAsync(fixture.Participations["b2"]);

        var b2 = await (await coach.GetAsync($"/api/v1/participations/{fixture.Participations["b2"]}/measurements"))
            .ShouldBeAsync<JsonObject>(HttpStatusCode.OK);
        var liv = b2["measurements"]!.AsArray().Select(m => m!.AsObject()).Where(m => (string)m["instrumentCode"]! == "LIV").ToList();

        // Four rows: start, interim, the wrong exit (corrected) and its correction; all taken with version 1.
        Assert.Equal(4, liv.Count);
        Assert.All(liv, m => Assert.Equal(1, (int)m["instrumentVersion"]!));
        var corrected = Assert.Single(liv, m => m["correctedAtUtc"] is not null);
        var correction = Assert.Single(liv, m => m["correctsId"] is not null);
        Assert.Equal((long)corrected["id"]!, (long)correction["correctsId"]!);
        Assert.Equal([4, 4, 3], correction["scores"]!.AsArray().Select(s => (int)s!["score"]!));

        // b9's measurement, dated when version 2 came into force, was taken with version 2.
        var b9 = await (await (await Data.CoachOfParticipationAsync(fixture.Participations["b9"]))
            .GetAsync($"/api/v1/participations/{fixture.Participations["b9"]}/measurements")).ShouldBeAsync<JsonObject>(HttpStatusCode.OK);
        Assert.Equal(2, (int)b9["measurements"]!.AsArray().Single(m => (string)m!["instrumentCode"]! == "LIV")!["instrumentVersion"]!);

        // Correcting the corrected one again is refused; a retried POST does not duplicate.
        var again = await coach.PutAsync($"/api/v1/participations/{fixture.Participations["b2"]}/measurements/{(long)corrected["id"]!}",
            Measurement("Exit", new DateOnly(2025, 3, 31), 4, 4, 4));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var (start, _) = await DatesAsync(fixture.Participations["b2"]);
        var retried = await MeasureAsync(fixture.Participations["b2"], Measurement("Start", start, 3, 2, 2));
        Assert.Equal((long)liv.Single(m => (string)m["point"]! == "Start")["id"]!, (long)retried["id"]!);
    }

    [Fact]
    public async Task Measurement_OutsideTheScale_Returns400WithTheFactor()
    {
        var fixture = await MeasuredFixtureAsync();

        var (start, _) = await DatesAsync(fixture.Participations["b6"]);
        var response = await (await Data.CoachOfParticipationAsync(fixture.Participations["b6"]))
            .PostAsync($"/api/v1/participations/{fixture.Participations["b6"]}/measurements", Measurement("Start", start, 6, 2, 2));

        var problem = await response.ShouldBeAsync<JsonObject>(HttpStatusCode.BadRequest);
        Assert.Contains("Värdet för Hälsa ska vara mellan 1 och 5.", problem["errors"]!["scores"]!.AsArray().Select(e => (string)e!));
    }

    [Fact]
    public async Task StepScale_AsInstrument_GivesI3sFiguresExactly_AndTheJobIsIdempotent()
    {
        var fixture = await IndicatorFixture.BuildAsync(Data);

        await Factory.SendAsync(new ComputeIndicatorsCommand(fixture.AssociationId), Ct);
        await Factory.SendAsync(new ComputeProgressionCommand(fixture.AssociationId), Ct);

        var i3 = await Factory.WithDbAsync(db => db.IndicatorResults.AsNoTracking()
            .Where(r => r.AssociationId == fixture.AssociationId && r.Code == "I3").ToListAsync(Ct));
        var steps = await ResultsAsync(fixture.AssociationId, "STEG");
        Assert.NotEmpty(i3);
        Assert.Equal(i3.Count, steps.Count);
        foreach (var r in i3)
        {
            Assert.Equal(
                (r.Year, r.Tertial, r.Mode, r.InterventionId, r.Gender, r.Numerator, r.Denominator, r.MissingData, r.Rate, r.Met, r.TooFew, r.TargetPercent),
                Figure(steps, r));
        }

        // Run again: the same measurements and the same figures.
        var measurements = await Factory.WithDbAsync(db => db.ProgressionMeasurements.CountAsync(Ct));
        await Factory.SendAsync(new ComputeProgressionCommand(fixture.AssociationId), Ct);
        Assert.Equal(measurements, await Factory.WithDbAsync(db => db.ProgressionMeasurements.CountAsync(Ct)));
        var again = await ResultsAsync(fixture.AssociationId, "STEG");
        Assert.Equal(steps.Select(Key), again.Select(Key));
    }

    private static object Key(ProgressionResult r) =>
        (r.Year, r.Tertial, r.Mode, r.InterventionId, r.Gender, r.Numerator, r.Denominator, r.MissingData, r.Rate, r.Met, r.TooFew, r.InstrumentVersion);

    private static (int, int?, IndicatorPeriodMode, long?, IndicatorGender, int, int, int, double?, bool?, bool, decimal) Figure(
        List<ProgressionResult> steps, IndicatorResult i3)
    {
        var r = steps.Single(s => s.Year == i3.Year && s.Tertial == i3.Tertial && s.Mode == i3.Mode && s.InterventionId == i3.InterventionId
            && s.Gender == i3.Gender);
        return (r.Year, r.Tertial, r.Mode, r.InterventionId, r.Gender, r.Numerator, r.Denominator, r.MissingData, r.Rate, r.Met, r.TooFew, r.TargetPercent);
    }
}
