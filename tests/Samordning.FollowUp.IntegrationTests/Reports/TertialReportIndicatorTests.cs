using System.Text.Json.Nodes;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Fixtures;

namespace Samordning.FollowUp.IntegrationTests.Reports;

/// <summary>
/// The report and GET /indicators compute their indicators on request, by the same code: they
/// must say the same without any job having run (fixture: <see cref="ReportFixture"/>).
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class TertialReportIndicatorTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task T2_2025_YearToDate_I1AndI3AsWorkedOutByHand()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);

        var total = (await Office.ReportAsync(f.Association.Id, 2025, 2, "YearToDate"))["report"]!["total"]!.AsObject();

        // Exits Jan–Aug from IndividualFocused: W1 Employed 2→4, W2 JobSeeking 2→2, M2 SickLeave no step,
        // AW1 Studies 2→3, AM1 InterventionAtParty 2→3 (W3 in error, M4 in 2024, Z count-only).
        // I1: W1, AW1 succeed of 5 → 40.0 % ≥ 35 → Met. Women 2 of 3 (W1 W2 AW1), men 0 of 2.
        var i1 = Indicator(total, "I1");
        AssertFigure(i1["total"], numerator: 2, denominator: 5, missing: 0, rate: 40.0m);
        AssertFigure(i1["woman"], numerator: 2, denominator: 3, missing: 0, rate: 66.7m);
        AssertFigure(i1["man"], numerator: 0, denominator: 2, missing: 0, rate: 0.0m);
        Assert.Equal("Met", i1["status"].Str());
        // I3: M2 lacks a step (missing); W1 AW1 AM1 move up, W2 does not → 3 of 4; 4 < 5 → TooFew.
        var i3 = Indicator(total, "I3");
        AssertFigure(i3["total"], numerator: 3, denominator: 4, missing: 1, rate: 75.0m);
        Assert.Equal("TooFew", i3["status"].Str());
        Assert.Equal((1m, "2025-01-01", "2025-08-31"), (i1["definitionVersion"].Num(), i1["exitsFrom"].Str(), i1["exitsTo"].Str()));
    }

    [Theory]
    [InlineData(1, "Period")]
    [InlineData(2, "Period")]
    [InlineData(2, "YearToDate")]
    [InlineData(3, "YearToDate")]
    public async Task ReportIndicators_AgreeWithComputedIndicators(int tertial, string mode)
    {
        // No job has run: the figures are computed on request.
        var f = await ReportFixture.CreateAsync(Users, Data);

        var report = (await Office.ReportAsync(f.Association.Id, 2025, tertial, mode))["report"]!.AsObject();

        var computed = await ComputedAsync(f.Association.Id, tertial, mode, null);
        var inReport = report["total"]!["indicators"].Objects().ToList();
        Assert.Equal(["I1", "I2", "I3"], inReport.Select(i => i["code"].Str()));
        Assert.Equal(["I1", "I2", "I3"], computed.Select(i => i["code"].Str()));
        foreach (var indicator in inReport)
        {
            AssertSame(indicator, computed.Single(c => c["code"].Str() == indicator["code"].Str()), $"association {indicator["code"].Str()}");
        }

        foreach (var intervention in new[] { f.X.Id, f.Y.Id })
        {
            var perIntervention = await ComputedAsync(f.Association.Id, tertial, mode, intervention);
            foreach (var indicator in report.Figures(intervention)["indicators"].Objects())
            {
                var code = indicator["code"].Str();
                var computedFigure = perIntervention.SingleOrDefault(c => c["code"].Str() == code);
                if (intervention == f.Y.Id && code == "I2")
                {
                    // I2 counts identified people only: the anonymous Y can never enter it. The report's
                    // table shows it 0 of 0; GET /indicators does not list it for Y.
                    Assert.Null(computedFigure);
                    Assert.Equal(0m, indicator["total"]!["denominator"].Num());
                    continue;
                }

                // Listed also where no exit counts: 0 of 0, as the report shows it.
                Assert.True(computedFigure is not null, $"intervention {intervention} {code}: in the report but not in GET /indicators");
                AssertSame(indicator, computedFigure, $"intervention {intervention} {code}");
            }
        }
    }

    [Fact]
    public async Task AfterAnExit_IndicatorsAndReportAgreeAtOnce_WithoutAJob()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);
        var before = (await ComputedAsync(f.Association.Id, 2, "YearToDate", null)).Single(i => i["code"].Str() == "I1");
        AssertFigure(before["total"], numerator: 2, denominator: 5, missing: 0, rate: 40.0m);

        // One more woman in X, Employed at exit in March: I1 T2 2025 year to date 3 of 6 (50.0 %).
        await Data.IdentifiedExitAsync(f.X.Id, TestPersonnummer.Woman(30), new DateOnly(2025, 1, 13), new DateOnly(2025, 3, 3));

        var after = (await ComputedAsync(f.Association.Id, 2, "YearToDate", null)).Single(i => i["code"].Str() == "I1");
        AssertFigure(after["total"], numerator: 3, denominator: 6, missing: 0, rate: 50.0m);
        var report = (await Office.ReportAsync(f.Association.Id, 2025, 2, "YearToDate"))["report"]!["total"]!.AsObject();
        AssertSame(Indicator(report, "I1"), after, "I1 after the exit");
    }

    private async Task<List<JsonObject>> ComputedAsync(long associationId, int tertial, string mode, long? interventionId)
    {
        var response = await Office.GetAsync($"/api/v1/associations/{associationId}/indicators?year=2025&tertial={tertial}&mode={mode}"
            + (interventionId is null ? "" : $"&interventionId={interventionId}"));
        await response.ShouldHaveStatusAsync(System.Net.HttpStatusCode.OK);
        return [.. (await response.ReadJsonAsync())["indicators"].Objects()];
    }

    private static JsonObject Indicator(JsonObject figures, string code) =>
        figures["indicators"].Objects().Single(i => i["code"].Str() == code);

    private static void AssertFigure(JsonNode? figure, int numerator, int denominator, int missing, decimal? rate)
    {
        var actual = (figure!["numerator"].Num(), figure["denominator"].Num(), figure["missingData"].Num(), figure["rate"].NumOrNull());
        Assert.True(((decimal)numerator, (decimal)denominator, (decimal)missing, rate) == actual,
            $"expected (numerator, denominator, missing, rate) = {(numerator, denominator, missing, rate)} but got {figure.ToJsonString()}");
    }

    /// <summary>Same version, exit range and, by gender, every value of the figure (numbers compared as numbers).</summary>
    private static void AssertSame(JsonObject report, JsonObject computed, string what)
    {
        Assert.True(report["definitionVersion"].Num() == computed["definitionVersion"].Num(), $"{what}: version");
        Assert.Equal((report["exitsFrom"].Str(), report["exitsTo"].Str()), (computed["exitsFrom"].Str(), computed["exitsTo"].Str()));
        foreach (var gender in new[] { "woman", "man", "total" })
        {
            var a = report[gender]!.AsObject();
            var b = computed[gender]!.AsObject();
            var differences = a.Select(p => p.Key).Union(b.Select(p => p.Key))
                .Where(key => !SameValue(a[key], b[key]))
                .Select(key => $"{key}: report {a[key]?.ToJsonString() ?? "null"}, computed {b[key]?.ToJsonString() ?? "null"}")
                .ToList();
            Assert.True(differences.Count == 0, $"{what} {gender} differs:\n{string.Join('\n', differences)}");
        }
    }

    private static bool SameValue(JsonNode? a, JsonNode? b) =>
        a is JsonValue va && b is JsonValue vb && va.GetValueKind() == System.Text.Json.JsonValueKind.Number
            && vb.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? a.Num() == b.Num()
            : (a?.ToJsonString() ?? "null") == (b?.ToJsonString() ?? "null");
}
