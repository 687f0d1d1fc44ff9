using System.Text.Json.Nodes;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Fixtures;

namespace Samordning.FollowUp.IntegrationTests.Reports;

/// <summary>
/// The counting rules of domain §7 on the fixture of <see cref="ReportFixture"/>; every expected
/// figure is worked out by hand from its comment (who is who is listed there).
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class TertialReportFigureTests(ApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("Period")]
    [InlineData("YearToDate")] // T1 year to date is the same period (1 Jan – 30 Apr) and 4/12 of the plan.
    public async Task T1_2025_CountsEveryRowByGender(string mode)
    {
        var f = await ReportFixture.CreateAsync(Users, Data);

        var view = await Office.ReportAsync(f.Association.Id, 2025, 1, mode);

        Assert.Equal("Draft", view["status"].Str());
        Assert.Empty(view["differences"]!.AsArray());
        var report = view["report"]!.AsObject();
        var header = report["header"]!;
        Assert.Equal(("2025-01-01", "2025-04-30", mode, "Samordningsförbundet Rapport"),
            (header["periodFrom"].Str(), header["periodTo"].Str(), header["mode"].Str(), header["associationName"].Str()));
        Assert.Null(header["adoptedAtUtc"]);
        Assert.Equal(["IndividualFocused", "Structural"], report["sections"].Objects().Select(s => s["orientation"].Str()));

        var xRow = report.Row(f.X.Id);
        Assert.Equal(("Arbetsträning", "Alfa utförare", "Identified"), (xRow["name"].Str(), xRow["providerName"].Str(), xRow["registrationMode"].Str()));

        // X: active W1 W2 M1 M2 (W3 in error, M3 starts in May, M4 ended 2024); new W2 M1 M2; ended W1 M2; ongoing W2 M1.
        var x = report.Figures(f.X.Id);
        x.AssertCounts("X", active: (2, 2), @new: (1, 2), ended: (1, 1), ongoing: (1, 1));
        x["countOnly"].AssertCount(0, 0, "X countOnly");
        x["exitsByReason"].AssertCodes("X exits", ("PlannedCompletion", 1), ("Illness", 1));
        x["occupationAtExit"].AssertCodes("X occupation", ("Employed", 1), ("SickLeave", 1));
        // 30/3 = 10.0; 210 000/600 000 = 35.0 %; 210 000 / 4 active = 52 500.
        x.AssertMoney("X", planned: 30, proRata: 10.0m, budget: 600_000, cost: 210_000, usedPercent: 35.0m, perParticipant: 52_500, denominator: 4);

        // Y: active AW1 AM1 (AW2 starts in June); new both; ended AW1; ongoing AM1.
        var y = report.Figures(f.Y.Id);
        y.AssertCounts("Y", active: (1, 1), @new: (1, 1), ended: (1, 0), ongoing: (0, 1));
        y["exitsByReason"].AssertCodes("Y exits", ("PlannedCompletion", 1));
        y["occupationAtExit"].AssertCodes("Y occupation", ("Studies", 1));
        // 12/3 = 4.0; 90 000/240 000 = 37.5 %; 90 000 / 2 = 45 000.
        y.AssertMoney("Y", planned: 12, proRata: 4.0m, budget: 240_000, cost: 90_000, usedPercent: 37.5m, perParticipant: 45_000, denominator: 2);

        // Z: count-only, the year's 12 women and 8 men; no individual counts.
        var z = report.Figures(f.Z.Id);
        z.AssertCounts("Z", active: (0, 0), @new: (0, 0), ended: (0, 0), ongoing: (0, 0));
        z["countOnly"].AssertCount(12, 8, "Z countOnly");
        z["exitsByReason"].AssertCodes("Z exits");
        // 40/3 = 13.3; 50 000/100 000 = 50.0 %; 50 000 / 20 = 2 500.
        z.AssertMoney("Z", planned: 40, proRata: 13.3m, budget: 100_000, cost: 50_000, usedPercent: 50.0m, perParticipant: 2_500, denominator: 20);

        // Preparatory = X + Y; the IndividualFocused section holds only it; Mapping is empty.
        var preparatory = report.Category("IndividualFocused", "Preparatory");
        Assert.Equal([f.X.Id, f.Y.Id], preparatory["interventions"].Objects().Select(r => r["interventionId"]!.GetValue<long>()));
        foreach (var (what, sub) in new[]
                 {
                     ("Preparatory", preparatory["subtotal"]!.AsObject()),
                     ("IndividualFocused", report.Section("IndividualFocused")["subtotal"]!.AsObject()),
                 })
        {
            sub.AssertCounts(what, active: (3, 3), @new: (2, 3), ended: (2, 1), ongoing: (1, 2));
            sub["exitsByReason"].AssertCodes(what, ("PlannedCompletion", 2), ("Illness", 1));
            sub["occupationAtExit"].AssertCodes(what, ("Employed", 1), ("SickLeave", 1), ("Studies", 1));
            // 42/3 = 14.0; 300 000/840 000 = 35.7 %; 300 000 / 6 = 50 000.
            sub.AssertMoney(what, planned: 42, proRata: 14.0m, budget: 840_000, cost: 300_000, usedPercent: 35.7m, perParticipant: 50_000, denominator: 6);
        }

        var mapping = report.Category("IndividualFocused", "Mapping");
        Assert.Empty(mapping["interventions"]!.AsArray());
        mapping["subtotal"]!.AsObject().AssertMoney("Mapping", 0, 0m, 0, 0, usedPercent: null, perParticipant: null, denominator: 0);

        // Total: 82 planned → 27.3; 350 000/940 000 = 37.2 %; 350 000 / (6 individuals + 20 counted) = 13 461.5 → 13 462.
        var total = report["total"]!.AsObject();
        total.AssertCounts("total", active: (3, 3), @new: (2, 3), ended: (2, 1), ongoing: (1, 2));
        total["countOnly"].AssertCount(12, 8, "total countOnly");
        total.AssertMoney("total", planned: 82, proRata: 27.3m, budget: 940_000, cost: 350_000, usedPercent: 37.2m, perParticipant: 13_462, denominator: 26);
        Assert.False(string.IsNullOrWhiteSpace(total["costPerParticipantBasis"].Str()));

        // Data quality: M2's exit lacks a step (Alfa); nothing open is past 26 weeks on 30 April.
        AssertQuality(report, f.Alfa.Id, past: 0, withoutOutcome: 0, withoutStep: 1, overdue: 0);
        AssertQuality(report, f.Beta.Id, past: 0, withoutOutcome: 0, withoutStep: 0, overdue: 0);
    }

    [Fact]
    public async Task T2_2025_YearToDate_CountsFromJanuaryToAugust()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);

        var report = (await Office.ReportAsync(f.Association.Id, 2025, 2, "YearToDate"))["report"]!.AsObject();

        Assert.Equal(("2025-01-01", "2025-08-31"), (report["header"]!["periodFrom"].Str(), report["header"]!["periodTo"].Str()));

        // X: active W1 W2 M1 M2 M3; new W2 M1 M2 M3; ended W1 W2 M2; ongoing M1 M3.
        var x = report.Figures(f.X.Id);
        x.AssertCounts("X", active: (2, 3), @new: (1, 3), ended: (2, 1), ongoing: (0, 2));
        x["exitsByReason"].AssertCodes("X exits", ("PlannedCompletion", 1), ("Discontinued", 1), ("Illness", 1));
        x["occupationAtExit"].AssertCodes("X occupation", ("Employed", 1), ("JobSeeking", 1), ("SickLeave", 1));
        // 30·2/3 = 20.0; 210 000 / 5 = 42 000.
        x.AssertMoney("X", planned: 30, proRata: 20.0m, budget: 600_000, cost: 210_000, usedPercent: 35.0m, perParticipant: 42_000, denominator: 5);

        // Y: active AW1 AM1 AW2; new all three; ended AW1 AM1; ongoing AW2.
        var y = report.Figures(f.Y.Id);
        y.AssertCounts("Y", active: (2, 1), @new: (2, 1), ended: (1, 1), ongoing: (1, 0));
        y["exitsByReason"].AssertCodes("Y exits", ("PlannedCompletion", 1), ("TransferredToParty", 1));
        y["occupationAtExit"].AssertCodes("Y occupation", ("Studies", 1), ("InterventionAtParty", 1));
        // 12·2/3 = 8.0; 90 000 / 3 = 30 000.
        y.AssertMoney("Y", planned: 12, proRata: 8.0m, budget: 240_000, cost: 90_000, usedPercent: 37.5m, perParticipant: 30_000, denominator: 3);

        // Z: the same year's counts; 40·2/3 = 26.7.
        var z = report.Figures(f.Z.Id);
        z["countOnly"].AssertCount(12, 8, "Z countOnly");
        z.AssertMoney("Z", planned: 40, proRata: 26.7m, budget: 100_000, cost: 50_000, usedPercent: 50.0m, perParticipant: 2_500, denominator: 20);

        // Total: 82·2/3 = 54.7; 350 000 / (8 + 20) = 12 500.
        var total = report["total"]!.AsObject();
        total.AssertCounts("total", active: (4, 4), @new: (3, 4), ended: (3, 2), ongoing: (1, 2));
        total["countOnly"].AssertCount(12, 8, "total countOnly");
        total["exitsByReason"].AssertCodes("total exits", ("PlannedCompletion", 2), ("Discontinued", 1), ("Illness", 1), ("TransferredToParty", 1));
        total["occupationAtExit"].AssertCodes("total occupation",
            ("Employed", 1), ("JobSeeking", 1), ("SickLeave", 1), ("Studies", 1), ("InterventionAtParty", 1));
        total.AssertMoney("total", planned: 82, proRata: 54.7m, budget: 940_000, cost: 350_000, usedPercent: 37.2m, perParticipant: 12_500, denominator: 28);

        // M1 (10 March) passes 26 weeks on 8 September: not yet on 31 August.
        AssertQuality(report, f.Alfa.Id, past: 0, withoutOutcome: 0, withoutStep: 1, overdue: 0);
        AssertQuality(report, f.Beta.Id, past: 0, withoutOutcome: 0, withoutStep: 0, overdue: 0);
    }

    [Fact]
    public async Task T2_2025_Period_CountsMayToAugustButCostPerParticipantIsYearToDate()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);

        var report = (await Office.ReportAsync(f.Association.Id, 2025, 2))["report"]!.AsObject();

        Assert.Equal(("2025-05-01", "2025-08-31"), (report["header"]!["periodFrom"].Str(), report["header"]!["periodTo"].Str()));

        // X: active W2 M1 M3 (W1 and M2 ended before May); new M3; ended W2; ongoing M1 M3.
        var x = report.Figures(f.X.Id);
        x.AssertCounts("X", active: (1, 2), @new: (0, 1), ended: (1, 0), ongoing: (0, 2));
        x["exitsByReason"].AssertCodes("X exits", ("Discontinued", 1));
        x["occupationAtExit"].AssertCodes("X occupation", ("JobSeeking", 1));
        // A tertial is 1/3 of the plan; the cost per participant still divides by the 5 active year to date.
        x.AssertMoney("X", planned: 30, proRata: 10.0m, budget: 600_000, cost: 210_000, usedPercent: 35.0m, perParticipant: 42_000, denominator: 5);

        // Y: active AM1 AW2; new AW2; ended AM1; ongoing AW2.
        var y = report.Figures(f.Y.Id);
        y.AssertCounts("Y", active: (1, 1), @new: (1, 0), ended: (0, 1), ongoing: (1, 0));
        y["exitsByReason"].AssertCodes("Y exits", ("TransferredToParty", 1));
        y.AssertMoney("Y", planned: 12, proRata: 4.0m, budget: 240_000, cost: 90_000, usedPercent: 37.5m, perParticipant: 30_000, denominator: 3);

        var total = report["total"]!.AsObject();
        total.AssertCounts("total", active: (2, 3), @new: (1, 1), ended: (1, 1), ongoing: (1, 2));
        total.AssertMoney("total", planned: 82, proRata: 27.3m, budget: 940_000, cost: 350_000, usedPercent: 37.2m, perParticipant: 12_500, denominator: 28);
    }

    [Fact]
    public async Task RegisteredInError_CountsNowhere()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);

        // W3 started and ended in February: without the error she would be active, new and ended in T1.
        var report = (await Office.ReportAsync(f.Association.Id, 2025, 1))["report"]!.AsObject();

        var x = report.Figures(f.X.Id);
        x["active"].AssertCount(2, 2, "X active");
        x["ended"].AssertCount(1, 1, "X ended");
        Assert.DoesNotContain(x["exitsByReason"].Objects(), c => c["code"].Str() == "RegisteredInError");
        Assert.Equal(2, x["exitsByReason"].Objects().Sum(c => (int)c["count"].Num()));
        Assert.Equal(2, x["occupationAtExit"].Objects().Sum(c => (int)c["count"].Num()));
        foreach (var indicator in x["indicators"].Objects())
        {
            Assert.True(indicator["total"]!["denominator"].Num() + indicator["total"]!["missingData"].Num() <= 2,
                $"{indicator["code"].Str()} counts more than W1 and M2: {indicator.ToJsonString()}");
        }
    }

    [Fact]
    public async Task AnotherAssociationsData_IsNotCounted()
    {
        var f = await ReportFixture.CreateAsync(Users, Data);
        // Another association: its own provider, an identified intervention with a woman (T1 2025, past 26 weeks, open),
        // a plan and count-only figures.
        var other = await Data.AssociationAsync("Grannförbundet");
        var provider = await Data.ProviderAsync(other.Id, "Gamma utförare");
        var otherOffice = Users.OfficeOf(other.Id);
        var o = await otherOffice.InterventionAsync(other.Id, provider.Id, "Arbetsträning", Mode.Identified, "Preparatory", new DateOnly(2024, 1, 1));
        await otherOffice.PlanAsync(o.Id, 2025, 10, 100_000, 99_000);
        await otherOffice.IdentifiedAsync(Data, o.Id, TestPersonnummer.Woman(5), new DateOnly(2024, 6, 3));
        await otherOffice.IdentifiedAsync(Data, o.Id, TestPersonnummer.Man(5), new DateOnly(2025, 1, 7), new DateOnly(2025, 2, 7), "Illness", "Unknown", null);
        var c = await otherOffice.InterventionAsync(other.Id, provider.Id, "Utbildning", Mode.CountOnly, "Training", new DateOnly(2025, 1, 1));
        await (await Users.CoachOf(provider.Id).PutAsync($"/api/v1/interventions/{c.Id}/counts/2025/1", new JsonObject { ["women"] = 100, ["men"] = 100 }))
            .ShouldHaveStatusAsync(System.Net.HttpStatusCode.OK);

        var report = (await Office.ReportAsync(f.Association.Id, 2025, 1))["report"]!.AsObject();

        Assert.Equal(3, report.Rows().Count());
        var total = report["total"]!.AsObject();
        total.AssertCounts("total", active: (3, 3), @new: (2, 3), ended: (2, 1), ongoing: (1, 2));
        total["countOnly"].AssertCount(12, 8, "total countOnly");
        total.AssertMoney("total", planned: 82, proRata: 27.3m, budget: 940_000, cost: 350_000, usedPercent: 37.2m, perParticipant: 13_462, denominator: 26);
        Assert.Equal(["Alfa utförare", "Beta utförare"], report["dataQuality"].Objects().Select(q => q["providerName"].Str()));
        AssertQuality(report, f.Alfa.Id, past: 0, withoutOutcome: 0, withoutStep: 1, overdue: 0);
        var i1 = total["indicators"].Objects().Single(i => i["code"].Str() == "I1");
        Assert.Equal(3m, i1["total"]!["denominator"].Num()); // W1, M2, AW1 only
    }

    [Theory]
    [InlineData(1, "Period")]
    [InlineData(1, "YearToDate")]
    [InlineData(2, "Period")]
    [InlineData(2, "YearToDate")]
    [InlineData(3, "YearToDate")]
    public async Task EverySubtotal_IsTheSumOfItsRows(int tertial, string mode)
    {
        var f = await ReportFixture.CreateAsync(Users, Data);
        // A second row in Training so that category has two rows to add up.
        var w = await Office.InterventionAsync(f.Association.Id, f.Alfa.Id, "Dialogdagar", Mode.CountOnly, "Training", new DateOnly(2025, 1, 1));
        await Office.PlanAsync(w.Id, 2025, 7, 35_000, 12_345);
        await (await Coach.PutAsync($"/api/v1/interventions/{w.Id}/counts/2025/1", new JsonObject { ["women"] = 3, ["men"] = 4 }))
            .ShouldHaveStatusAsync(System.Net.HttpStatusCode.OK);

        var report = (await Office.ReportAsync(f.Association.Id, 2025, tertial, mode))["report"]!.AsObject();
        var share = mode == "Period" ? 1m / 3 : tertial / 3m;

        var sectionSubtotals = new List<JsonObject>();
        foreach (var section in report["sections"].Objects())
        {
            var categorySubtotals = new List<JsonObject>();
            foreach (var category in section["categories"].Objects())
            {
                var name = $"{section["orientation"].Str()}/{category["category"].Str()}";
                var rows = category["interventions"].Objects().Select(r => r["figures"]!.AsObject()).ToList();
                foreach (var row in rows)
                {
                    AssertDerived(row, share, $"row in {name}");
                }

                AssertSumOf(category["subtotal"]!.AsObject(), rows, share, name);
                categorySubtotals.Add(category["subtotal"]!.AsObject());
            }

            AssertSumOf(section["subtotal"]!.AsObject(), categorySubtotals, share, section["orientation"].Str());
            sectionSubtotals.Add(section["subtotal"]!.AsObject());
        }

        AssertSumOf(report["total"]!.AsObject(), sectionSubtotals, share, "total");
        // And the total is the sum of every row directly.
        AssertSumOf(report["total"]!.AsObject(), [.. report.Rows().Select(r => r["figures"]!.AsObject())], share, "total over rows");
        Assert.Equal(4, report.Rows().Count()); // X, Y, Z, W
    }

    private static void AssertQuality(JsonObject report, long providerId, int past, int withoutOutcome, int withoutStep, int overdue)
    {
        var row = report["dataQuality"].Objects().Single(q => q["providerId"]!.GetValue<long>() == providerId);
        var actual = ((int)row["pastExpectedLengthWithoutExit"].Num(), (int)row["exitsWithoutOutcome"].Num(),
            (int)row["exitsWithoutStep"].Num(), (int)row["overdueFollowUps"].Num());
        Assert.True((past, withoutOutcome, withoutStep, overdue) == actual,
            $"data quality of {row["providerName"].Str()}: expected {(past, withoutOutcome, withoutStep, overdue)} but got {actual}");
    }

    // Values that are not sums: rates, ratios, labels and indicator metadata.
    private static readonly HashSet<string> NotAdditive =
    [
        "plannedParticipantsProRata", "budgetUsedPercent", "costPerParticipantSek", "costPerParticipantBasis",
        "label", "definitionVersion", "exitsFrom", "exitsTo", "status", "rate", "rateOfReached", "responseRate",
        "targetPercent", "met", "tooFew",
    ];

    /// <summary>Every additive figure (counts, plan, money, code lists, indicator numerators…) by a readable path.</summary>
    private static Dictionary<string, decimal> Additive(JsonNode? node, string path = "", Dictionary<string, decimal>? into = null)
    {
        into ??= [];
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.Where(p => !NotAdditive.Contains(p.Key) && p.Key != "code"))
                {
                    Additive(value, path.Length == 0 ? key : $"{path}.{key}", into);
                }

                break;
            case JsonArray a:
                foreach (var item in a.Objects())
                {
                    Additive(item, $"{path}[{item["code"].Str()}]", into);
                }

                break;
            case JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number:
                into[path] = v.Num();
                break;
        }

        return into;
    }

    private static void AssertSumOf(JsonObject subtotal, List<JsonObject> parts, decimal share, string what)
    {
        var actual = Additive(subtotal);
        var expected = actual.Keys.ToDictionary(k => k, _ => 0m);
        foreach (var part in parts)
        {
            foreach (var (path, value) in Additive(part))
            {
                expected[path] = expected.GetValueOrDefault(path) + value;
            }
        }

        var wrong = expected.Where(kv => actual.GetValueOrDefault(kv.Key, decimal.MinValue) != kv.Value)
            .Select(kv => $"{kv.Key}: sum of {parts.Count} parts {kv.Value}, subtotal {(actual.TryGetValue(kv.Key, out var a) ? a : "missing")}")
            .ToList();
        Assert.True(wrong.Count == 0, $"{what} subtotal is not the sum of its parts:\n{string.Join('\n', wrong)}");
        // The same code lists and indicators, in the same order, on every level.
        Assert.Equal(parts.Select(p => Additive(p).Count).DefaultIfEmpty(actual.Count).Max(), actual.Count);
        AssertDerived(subtotal, share, what);
    }

    /// <summary>Rates are recomputed from the summed figures, never summed themselves.</summary>
    private static void AssertDerived(JsonObject f, decimal share, string what)
    {
        var planned = f["plannedParticipantsYear"].Num();
        var budget = f["budgetSek"].Num();
        var cost = f["actualCostSek"].Num();
        var denominator = f["costPerParticipantDenominator"].Num();
        Assert.True(f["plannedParticipantsProRata"].Num() == Math.Round(planned * share, 1, MidpointRounding.AwayFromZero),
            $"{what}: pro rata {f["plannedParticipantsProRata"]} for {planned} planned");
        Assert.True(f["budgetUsedPercent"].NumOrNull() == (budget > 0 ? Math.Round(100 * cost / budget, 1, MidpointRounding.AwayFromZero) : null),
            $"{what}: budget used {f["budgetUsedPercent"]} for {cost}/{budget}");
        Assert.True(f["costPerParticipantSek"].NumOrNull() == (denominator > 0 ? Math.Round(cost / denominator, MidpointRounding.AwayFromZero) : null),
            $"{what}: cost per participant {f["costPerParticipantSek"]} for {cost}/{denominator}");
        Assert.True(denominator >= f["countOnly"]!["total"].Num() + f["active"]!["total"].Num(),
            $"{what}: denominator {denominator} below active + count-only");
    }
}
