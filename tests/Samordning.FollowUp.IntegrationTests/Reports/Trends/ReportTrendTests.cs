using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Trends;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Reports.Trends;

/// <summary>
/// The report's trends on <see cref="TrendFixture"/> (who is who is listed there): every point
/// worked out by hand, every point equal to the tertial report's total, and a closed tertial
/// keeping the figures the board adopted.
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class ReportTrendTests(ApiFactory factory) : ApiTest(factory)
{
    private const string I1Version1Name = "Egen försörjning vid avslut";

    [Fact]
    public async Task Trend_T2_2026_EveryPointAsWorkedOutByHand()
    {
        var f = await TrendFixture.CreateAsync(Users, Data);
        var queries = 0;
        Factory.Commands.AfterExecute = _ => Interlocked.Increment(ref queries);

        var trend = await TrendAsync(f.Association.Id, 2026, 2);

        Factory.Commands.Reset();
        // The report data version, read once for everything the trend reads and keeps (a built trend is
        // kept while it stands: ReportReadVersion), association, adoptions, interventions with their
        // plans, the interventions' fingerprints (ReportDataMarks: which of them changed) and the
        // year's shared participation grid (ReportYearParts) that all eight periods' volumes are summed
        // from, the definitions, one bucket query per definition version in force (I1 v1, I1 v2, I2,
        // I3), and the referrals of all eight periods.
        Assert.Equal(12, queries);

        Assert.Equal(
            [(2024, 3, "2024-09-01", "2024-12-31"), (2025, 1, "2025-01-01", "2025-04-30"), (2025, 2, "2025-05-01", "2025-08-31"),
             (2025, 3, "2025-09-01", "2025-12-31"), (2026, 1, "2026-01-01", "2026-04-30"), (2026, 2, "2026-05-01", "2026-08-31")],
            trend.Tertials.Select(p => (p.Year, p.Tertial, Iso(p.From), Iso(p.To))));
        Assert.Equal([false, false, true, false, false, false], trend.Tertials.Select(p => p.IsSameTertialLastYear));
        Assert.Equal((2026, 2, "2026-01-01", "2026-08-31"), (trend.YearToDate.Year, trend.YearToDate.Tertial, Iso(trend.YearToDate.From), Iso(trend.YearToDate.To)));
        Assert.Equal((2025, 2, "2025-01-01", "2025-08-31"),
            (trend.YearToDateLastYear.Year, trend.YearToDateLastYear.Tertial, Iso(trend.YearToDateLastYear.From), Iso(trend.YearToDateLastYear.To)));
        Assert.All(trend.Tertials.Append(trend.YearToDate).Append(trend.YearToDateLastYear), p => Assert.False(p.Adopted));

        // Planned: A + B only (C is count-only): 2025 31 + 12 = 43, 2026 37 + 15 = 52; a tertial is a third,
        // year to date after T2 two thirds: 43/3 = 14.3, 52/3 = 17.3, 43·2/3 = 28.7, 52·2/3 = 34.7 (with C: 27.7 …).
        // Indicators (threshold 2): I1 v1 (target 35) until 2025, v2 (JobSeeking succeeds too, target 70) from 2026;
        // I2 looks at the exits a year earlier, none of them followed up (missing); I3 counts exits with both steps.
        var expected = new[]
        {
            // T3 2024: before any data.
            new Expected("T3 2024", (0, 0), (0, 0), (0, 0), 0.0,
                I1: new(1, 0, 0, 0, null, IndicatorStatus.TooFew), I2: new(1, 0, 0, 0, null, IndicatorStatus.TooFew),
                I3: new(1, 0, 0, 0, null, IndicatorStatus.TooFew)),
            // T1 2025: active W0 W1 M0 AW0, all new; ended W1 AW0. I1: AW0 (Studies) of W1 AW0 → 1/2 = 50 % ≥ 35.
            // I2 cohort T1 2024: none. I3: AW0 2→3 moves, W1 2→2 does not → 1/2 = 50 % < 60.
            new Expected("T1 2025", (3, 1), (3, 1), (2, 0), 14.3,
                I1: new(1, 1, 2, 0, 50.0, IndicatorStatus.Met), I2: new(1, 0, 0, 0, null, IndicatorStatus.TooFew),
                I3: new(1, 1, 2, 0, 50.0, IndicatorStatus.NotMet)),
            // T2 2025: active W0 M0 AM0 (W2 in error); new AM0; ended W0 (Employed, 2→4): one exit is too few.
            new Expected("T2 2025", (1, 2), (0, 1), (1, 0), 14.3,
                I1: new(1, 1, 1, 0, 100.0, IndicatorStatus.TooFew), I2: new(1, 0, 0, 0, null, IndicatorStatus.TooFew),
                I3: new(1, 1, 1, 0, 100.0, IndicatorStatus.TooFew)),
            // T3 2025: active M0 M1 W3 AM0; new M1 W3; ended M0 (Studies, 2→3).
            new Expected("T3 2025", (1, 3), (1, 1), (0, 1), 14.3,
                I1: new(1, 1, 1, 0, 100.0, IndicatorStatus.TooFew), I2: new(1, 0, 0, 0, null, IndicatorStatus.TooFew),
                I3: new(1, 1, 1, 0, 100.0, IndicatorStatus.TooFew)),
            // T1 2026: active W3 W4 AW1, M1 M2 AM0; new W4 AW1 M2; ended W3 M2. I1 v2: W3 (SubsidisedEmployment)
            // of W3 M2 → 50 % < 70. I2 cohort T1 2025: W1 (AW0 is anonymous), not followed up. I3: M2 lacks a step.
            new Expected("T1 2026", (3, 3), (2, 1), (1, 1), 17.3,
                I1: new(2, 1, 2, 0, 50.0, IndicatorStatus.NotMet), I2: new(1, 0, 1, 1, 0.0, IndicatorStatus.TooFew),
                I3: new(1, 1, 1, 1, 100.0, IndicatorStatus.TooFew)),
            // T2 2026: active W4 AW1, M1 M3 M4 AM0; new M3 M4; ended AW1 M3 M4. M4 died: in no indicator.
            // I1 v2: M3 (Employed) and AW1 (JobSeeking) → 2/2. I2 cohort T2 2025: W0. I3: M3 2→4, AW1 2→3.
            new Expected("T2 2026", (2, 4), (0, 2), (1, 2), 17.3,
                I1: new(2, 2, 2, 0, 100.0, IndicatorStatus.Met), I2: new(1, 0, 1, 1, 0.0, IndicatorStatus.TooFew),
                I3: new(1, 2, 2, 0, 100.0, IndicatorStatus.Met)),
        };
        for (var i = 0; i < expected.Length; i++)
        {
            AssertPoint(expected[i], trend.Tertials[i]);
        }

        // 1 Jan – 31 Aug 2026: active W3 W4 AW1, M1 M2 M3 M4 AM0; new W4 AW1, M2 M3 M4; ended W3 AW1, M2 M3 M4.
        // I1 v2: W3 M3 AW1 of W3 M2 M3 AW1 → 3/4 = 75 %. I2 cohort Jan–Aug 2025: W1 W0 → 0/2, judged: not met.
        // I3: W3 M3 AW1 move up, M2 lacks a step → 3/3.
        AssertPoint(new Expected("YTD 2026", (3, 5), (2, 3), (2, 3), 34.7,
            I1: new(2, 3, 4, 0, 75.0, IndicatorStatus.Met), I2: new(1, 0, 2, 2, 0.0, IndicatorStatus.NotMet),
            I3: new(1, 3, 3, 1, 100.0, IndicatorStatus.Met)), trend.YearToDate);
        // 1 Jan – 31 Aug 2025: active W0 W1 AW0, M0 AM0, all new; ended W0 W1 AW0. I1 v1: W0 AW0 of 3 → 66.7 %.
        // I2 cohort Jan–Aug 2024: none. I3: W0 AW0 of W0 W1 AW0 → 66.7 % ≥ 60.
        AssertPoint(new Expected("YTD 2025", (3, 2), (3, 2), (3, 0), 28.7,
            I1: new(1, 2, 3, 0, 66.7, IndicatorStatus.Met), I2: new(1, 0, 0, 0, null, IndicatorStatus.TooFew),
            I3: new(1, 2, 3, 0, 66.7, IndicatorStatus.Met)), trend.YearToDateLastYear);

        // The model is plain JSON: it reads back as the same trend.
        var json = JsonSerializer.Serialize(trend, ReportSnapshots.Json);
        Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<ReportTrend>(json, ReportSnapshots.Json), ReportSnapshots.Json));
    }

    [Theory]
    [InlineData(2026, 2)]
    [InlineData(2026, 1)]
    [InlineData(2025, 3)]
    public async Task Trend_EveryPoint_EqualsTheTertialReportsTotal(int year, int tertial)
    {
        var f = await TrendFixture.CreateAsync(Users, Data);

        var trend = await TrendAsync(f.Association.Id, year, tertial);

        foreach (var point in trend.Tertials)
        {
            await AssertSameAsReportAsync(f.Association.Id, point, ReportMode.Period);
        }

        await AssertSameAsReportAsync(f.Association.Id, trend.YearToDate, ReportMode.YearToDate);
        await AssertSameAsReportAsync(f.Association.Id, trend.YearToDateLastYear, ReportMode.YearToDate);
        Assert.Equal((year - 1, tertial), trend.Tertials.Where(p => p.IsSameTertialLastYear).Select(p => (p.Year, p.Tertial)).Single());
    }

    [Fact]
    public async Task Trend_ClosedTertials_KeepTheAdoptedFiguresAfterLateChanges()
    {
        var f = await TrendFixture.CreateAsync(Users, Data);
        var before = await TrendAsync(f.Association.Id, 2026, 2);
        await CloseAsync(f.Association.Id, 2026, 1);
        await CloseAsync(f.Association.Id, 2025, 2);

        // Late data: W4's exit on 2026-04-20 (T1 2026, Employed, 2→4), and an anonymous man in B
        // 2025-07-01 → 2025-08-15 (T2 2025).
        await Data.ExitAsync(f.W4, TestData.Exit(new DateOnly(2026, 4, 20), "PlannedCompletion", "Employed"));
        await Users.OfficeOf(f.Association.Id).AnonymousAsync(Data, f.B.Id, "Man", new DateOnly(2025, 7, 1), new DateOnly(2025, 8, 15), "PlannedCompletion", "Employed", 3);

        var after = await TrendAsync(f.Association.Id, 2026, 2);

        // T2 2025 (and with it year to date 2025) and T1 2026 are the adopted figures, the same as before the change.
        Assert.Equal([false, false, true, false, true, false], after.Tertials.Select(p => p.Adopted));
        Assert.True(after.YearToDateLastYear.Adopted);
        Assert.False(after.YearToDate.Adopted);
        AssertSameJson(before.Tertials[2] with { Adopted = true }, after.Tertials[2], "T2 2025");
        AssertSameJson(before.Tertials[4] with { Adopted = true }, after.Tertials[4], "T1 2026");
        AssertSameJson(before.YearToDateLastYear with { Adopted = true }, after.YearToDateLastYear, "year to date 2025");
        Assert.Equal((GenderCount.Of(1, 2), GenderCount.Of(1, 1)), (after.Tertials[2].Active, after.Tertials[4].Ended));
        Assert.Equal(GenderCount.Of(3, 2), after.YearToDateLastYear.Active);

        // The report as it is now has the late data; the trend shows the board's adopted figures beside it.
        Assert.Equal(GenderCount.Of(2, 1), (await ReportAsync(f.Association.Id, 2026, 1, ReportMode.Period)).Total.Ended);
        Assert.Equal(GenderCount.Of(1, 3), (await ReportAsync(f.Association.Id, 2025, 2, ReportMode.Period)).Total.Active);
        var adopted = await Users.OfficeOf(f.Association.Id).ReportAsync(f.Association.Id, 2026, 1);
        Assert.Equal("Adopted", adopted["status"].Str());
        adopted["report"]!["total"]!["ended"].AssertCount(1, 1, "adopted T1 2026 ended");

        // Open tertials are computed now. T2 2026: W4 is no longer active (ended in April): W4 AW1 → AW1.
        Assert.Equal(GenderCount.Of(1, 4), after.Tertials[5].Active);
        // Year to date 2026: W4 ended too (W3 AW1 W4, M2 M3 M4); I1 v2: W3 W4 M3 AW1 of W3 M2 W4 M3 AW1 → 4/5 = 80 %.
        Assert.Equal(GenderCount.Of(3, 3), after.YearToDate.Ended);
        var i1 = after.YearToDate.Indicators.Single(i => i.Code == "I1").Total;
        Assert.Equal((4, 5, 80.0), (i1.Numerator, i1.Denominator, i1.Rate));
        await AssertSameAsReportAsync(f.Association.Id, after.YearToDate, ReportMode.YearToDate);
    }

    private async Task<ReportTrend> TrendAsync(long associationId, int year, int tertial)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReportTrends>().BuildAsync(associationId, year, tertial, Ct);
    }

    private async Task<TertialReport> ReportAsync(long associationId, int year, int tertial, ReportMode mode)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TertialReportBuilder>().BuildAsync(associationId, year, tertial, mode, Ct);
    }

    private async Task CloseAsync(long associationId, int year, int tertial) =>
        await (await Users.OfficeOf(associationId).PostAsync($"/api/v1/associations/{associationId}/reports/tertial/{year}/{tertial}/close",
            new JsonObject { ["adoptedBy"] = "Förbundsstyrelsen", ["overrideReason"] = "Prövas inte här: utförarnas rapportering." })).ShouldHaveStatusAsync(HttpStatusCode.OK);

    /// <summary>The point against the association total of the report the builder makes for its period, figure by figure.</summary>
    private async Task AssertSameAsReportAsync(long associationId, TrendPoint point, ReportMode mode)
    {
        var report = await ReportAsync(associationId, point.Year, point.Tertial, mode);
        var what = $"{mode} T{point.Tertial} {point.Year}";
        var total = report.Total;
        Assert.Equal((report.Header.PeriodFrom, report.Header.PeriodTo), (point.From, point.To));
        Assert.True((total.Active, total.New, total.Ended) == (point.Active, point.New, point.Ended),
            $"{what}: report (active, new, ended) {(total.Active, total.New, total.Ended)}, trend {(point.Active, point.New, point.Ended)}");

        // The report's own plan mixes in count-only interventions; the trend takes its individual rows.
        var individualPlan = report.Sections.SelectMany(s => s.Categories).SelectMany(c => c.Interventions)
            .Where(r => r.RegistrationMode != Domain.RegistrationMode.CountOnly).Sum(r => r.Figures.PlannedParticipantsYear);
        var share = mode == ReportMode.Period ? 1.0 / 3 : point.Tertial / 3.0;
        Assert.Equal(Math.Round(individualPlan * share, 1, MidpointRounding.AwayFromZero), point.PlannedIndividualProRata);

        Assert.Equal(total.Indicators.Select(i => i.Code), point.Indicators.Select(i => i.Code));
        foreach (var (inReport, inTrend) in total.Indicators.Zip(point.Indicators))
        {
            var definition = report.Header.IndicatorDefinitions.Single(d => d.Code == inReport.Code);
            Assert.True((definition.Name, inReport.DefinitionVersion, definition.TargetPercent, inReport.Status)
                    == (inTrend.Name, inTrend.DefinitionVersion, inTrend.TargetPercent, inTrend.Status),
                $"{what} {inReport.Code}: report ({definition.Name}, v{inReport.DefinitionVersion}, {definition.TargetPercent}, {inReport.Status}), "
                + $"trend ({inTrend.Name}, v{inTrend.DefinitionVersion}, {inTrend.TargetPercent}, {inTrend.Status})");
            Assert.True(inReport.Total == inTrend.Total, $"{what} {inReport.Code}: report {inReport.Total}, trend {inTrend.Total}");
        }
    }

    private static void AssertPoint(Expected expected, TrendPoint point)
    {
        var actual = (point.Active, point.New, point.Ended, point.PlannedIndividualProRata);
        var wanted = (GenderCount.Of(expected.Active.W, expected.Active.M), GenderCount.Of(expected.New.W, expected.New.M),
            GenderCount.Of(expected.Ended.W, expected.Ended.M), expected.Planned);
        Assert.True(wanted == actual, $"{expected.Period}: expected (active, new, ended, planned) {wanted} but got {actual}");

        Assert.Equal(["I1", "I2", "I3"], point.Indicators.Select(i => i.Code));
        var i1Name = expected.I1.Version == 1 ? I1Version1Name : TrendFixture.I1Version2Name;
        var i1Target = expected.I1.Version == 1 ? 35m : 70m;
        AssertIndicator($"{expected.Period} I1", expected.I1, i1Name, i1Target, point.Indicators[0]);
        AssertIndicator($"{expected.Period} I2", expected.I2, "Egen försörjning 12 månader efter avslut", 50m, point.Indicators[1]);
        AssertIndicator($"{expected.Period} I3", expected.I3, "Stegförflyttning", 60m, point.Indicators[2]);
    }

    private static void AssertIndicator(string what, ExpectedIndicator expected, string name, decimal target, TrendIndicator actual)
    {
        var wanted = (expected.Version, name, target, expected.Numerator, expected.Denominator, expected.Missing, expected.Rate, expected.Status);
        var got = (actual.DefinitionVersion, actual.Name, actual.TargetPercent, actual.Total.Numerator, actual.Total.Denominator,
            actual.Total.MissingData, actual.Total.Rate, actual.Status);
        Assert.True(wanted == got, $"{what}: expected (version, name, target, numerator, denominator, missing, rate, status) {wanted} but got {got}");
    }

    private static void AssertSameJson(TrendPoint expected, TrendPoint actual, string what)
    {
        var (a, b) = (JsonSerializer.Serialize(expected, ReportSnapshots.Json), JsonSerializer.Serialize(actual, ReportSnapshots.Json));
        Assert.True(a == b, $"{what}:\nexpected {a}\nactual   {b}");
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Expected(
        string Period, (int W, int M) Active, (int W, int M) New, (int W, int M) Ended, double Planned,
        ExpectedIndicator I1, ExpectedIndicator I2, ExpectedIndicator I3);

    private sealed record ExpectedIndicator(int Version, int Numerator, int Denominator, int Missing, double? Rate, IndicatorStatus Status);
}
