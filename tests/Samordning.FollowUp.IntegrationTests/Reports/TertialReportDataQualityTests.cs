using System.Text.Json.Nodes;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Reports;

/// <summary>The report's data-quality list, one row per provider (domain §6: missing data is never silently dropped).</summary>
[Collection(ApiTestGroup.Name)]
public sealed class TertialReportDataQualityTests(ApiFactory factory) : ApiTest(factory)
{
    private sealed record Setup(long AssociationId, long AlfaId, long BetaId, long XId, long YId);

    /// <summary>
    /// Alfa runs X (Identified, 26 weeks = 182 days), Beta runs Y (anonymous, 26 weeks). Today is 2026-11-23.
    ///   Q1 woman X 2025-03-10 → open                         past 26 weeks on 2025-09-08
    ///   Q7 man   X 2025-02-03 → open                         past on 2025-08-04
    ///   Q2 man   X 2025-11-03 → open                         past only on 2026-05-04
    ///   Q3 woman X 2025-04-07 → 2025-10-20 Employed, 2→4     follow-up due 2026-10-20: overdue today
    ///   Q4 man   X 2025-05-05 → 2025-12-01 Unknown, 2→4      no outcome; follow-up due 2026-12-01 (not overdue)
    ///   Q8 woman X 2025-09-01 → 2025-09-02 RegisteredInError, no occupation, no step: counts nowhere
    ///   A1 woman Y 2025-06-02 → 2025-09-15 Employed, no step at exit
    ///   A2 man   Y 2025-02-03 → open                         past on 2025-08-04
    ///   A3 woman Y 2025-02-03 → 2025-10-01 Unknown, 2→3      no outcome
    /// </summary>
    private async Task<Setup> ArrangeAsync()
    {
        var association = await Data.AssociationAsync();
        var alfa = await Data.ProviderAsync(association.Id, "Alfa utförare");
        var beta = await Data.ProviderAsync(association.Id, "Beta utförare");
        var x = await Office.InterventionAsync(association.Id, alfa.Id, "Arbetsträning", Mode.Identified, "Preparatory", new DateOnly(2025, 1, 1));
        var y = await Office.InterventionAsync(association.Id, beta.Id, "Kartläggning", Mode.AnonymousIndividual, "Mapping", new DateOnly(2025, 1, 1));

        await Office.IdentifiedAsync(Data, x.Id, TestPersonnummer.Woman(0), new(2025, 3, 10));
        await Office.IdentifiedAsync(Data, x.Id, TestPersonnummer.Man(2), new(2025, 2, 3));
        await Office.IdentifiedAsync(Data, x.Id, TestPersonnummer.Man(0), new(2025, 11, 3));
        await Office.IdentifiedAsync(Data, x.Id, TestPersonnummer.Woman(1), new(2025, 4, 7), new(2025, 10, 20), "PlannedCompletion", "Employed", 4);
        await Office.IdentifiedAsync(Data, x.Id, TestPersonnummer.Man(1), new(2025, 5, 5), new(2025, 12, 1), "PlannedCompletion", "Unknown", 4);
        await Office.IdentifiedAsync(Data, x.Id, TestPersonnummer.Woman(3), new(2025, 9, 1), new(2025, 9, 2), "RegisteredInError", null, null);
        await Office.AnonymousAsync(Data, y.Id, "Woman", new(2025, 6, 2), new(2025, 9, 15), "PlannedCompletion", "Employed", null);
        await Office.AnonymousAsync(Data, y.Id, "Man", new(2025, 2, 3));
        await Office.AnonymousAsync(Data, y.Id, "Woman", new(2025, 2, 3), new(2025, 10, 1), "PlannedCompletion", "Unknown", 3);

        await Factory.SendAsync(new RunFollowUpSchedulerCommand(), Ct);
        return new Setup(association.Id, alfa.Id, beta.Id, x.Id, y.Id);
    }

    [Fact]
    public async Task T3_2025_CountsEachProblemPerProvider()
    {
        var s = await ArrangeAsync();

        var report = (await Office.ReportAsync(s.AssociationId, 2025, 3))["report"]!.AsObject();

        var rows = report["dataQuality"].Objects().ToList();
        Assert.Equal(["Alfa utförare", "Beta utförare"], rows.Select(r => r["providerName"].Str()));
        // Alfa: Q1 Q7 past 26 weeks on 31 Dec (Q2 not yet); Q4 exit Unknown; every exit has steps; Q3's follow-up overdue.
        AssertQuality(rows[0], s.AlfaId, past: 2, withoutOutcome: 1, withoutStep: 0, overdue: 1);
        // Beta: A2 past; A3 exit Unknown; A1 exit without step; anonymous exits get no follow-up.
        AssertQuality(rows[1], s.BetaId, past: 1, withoutOutcome: 1, withoutStep: 1, overdue: 0);
    }

    [Fact]
    public async Task T1_2026_JudgesLengthOnThePeriodsLastDayAndCountsOnlyItsExits()
    {
        var s = await ArrangeAsync();

        var report = (await Office.ReportAsync(s.AssociationId, 2026, 1))["report"]!.AsObject();

        var rows = report["dataQuality"].Objects().ToList();
        // On 2026-04-30 Q2 (past on 2026-05-04) is still within 26 weeks; no exits in T1 2026; Q3 is overdue today.
        AssertQuality(rows[0], s.AlfaId, past: 2, withoutOutcome: 0, withoutStep: 0, overdue: 1);
        AssertQuality(rows[1], s.BetaId, past: 1, withoutOutcome: 0, withoutStep: 0, overdue: 0);
    }

    [Fact]
    public async Task ExitWithoutStep_IsAlsoMissingFromI3()
    {
        var s = await ArrangeAsync();

        var total = (await Office.ReportAsync(s.AssociationId, 2025, 3))["report"]!["total"]!.AsObject();

        // Exits Sep–Dec: Q3 2→4, Q4 2→4, A1 no step, A3 2→3 (Q8 in error). I3: 3 of 3, 1 missing — as the list says.
        var i3 = total["indicators"].Objects().Single(i => i["code"].Str() == "I3");
        Assert.Equal((3m, 3m, 1m), (i3["total"]!["numerator"].Num(), i3["total"]!["denominator"].Num(), i3["total"]!["missingData"].Num()));
        // I1: Q4 and A3 (Unknown) stay in the denominator and fail: 2 of 4 succeed, 2 lack data.
        var i1 = total["indicators"].Objects().Single(i => i["code"].Str() == "I1");
        Assert.Equal((2m, 4m, 2m), (i1["total"]!["numerator"].Num(), i1["total"]!["denominator"].Num(), i1["total"]!["missingData"].Num()));
    }

    [Fact]
    public async Task DeceasedExit_IsNoDataQualityProblem()
    {
        var association = await Data.AssociationAsync();
        var alfa = await Data.ProviderAsync(association.Id, "Alfa utförare");
        var x = await Office.InterventionAsync(association.Id, alfa.Id, "Arbetsträning", Mode.Identified, "Preparatory", new DateOnly(2025, 1, 1));
        // D: woman 2025-03-10 → 2025-09-10 Deceased, no occupation and no step at exit (neither is asked for).
        await Office.IdentifiedAsync(Data, x.Id, TestPersonnummer.Woman(0), new(2025, 3, 10), new(2025, 9, 10), "Deceased", null, null);

        var report = (await Office.ReportAsync(association.Id, 2025, 3))["report"]!.AsObject();

        AssertQuality(report["dataQuality"].Objects().Single(), alfa.Id, past: 0, withoutOutcome: 0, withoutStep: 0, overdue: 0);
        var i3 = report["total"]!["indicators"].Objects().Single(i => i["code"].Str() == "I3");
        Assert.Equal(0m, i3["total"]!["missingData"].Num());
    }

    private static void AssertQuality(JsonObject row, long providerId, int past, int withoutOutcome, int withoutStep, int overdue)
    {
        Assert.Equal(providerId, row["providerId"]!.GetValue<long>());
        var actual = ((int)row["pastExpectedLengthWithoutExit"].Num(), (int)row["exitsWithoutOutcome"].Num(),
            (int)row["exitsWithoutStep"].Num(), (int)row["overdueFollowUps"].Num());
        Assert.True((past, withoutOutcome, withoutStep, overdue) == actual,
            $"{row["providerName"].Str()}: expected (past, withoutOutcome, withoutStep, overdue) = {(past, withoutOutcome, withoutStep, overdue)} but got {actual}");
    }
}
