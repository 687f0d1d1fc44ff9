using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.Jobs;

namespace Samordning.FollowUp.IntegrationTests.Reports;

/// <summary>
/// The year's report parts are kept per intervention under a fingerprint of the marks its changes
/// leave (<see cref="ReportDataMarks"/>, <see cref="InterventionSlices"/>): after a coach's change
/// only that intervention is counted again, and the report served is, figure for figure, the one
/// built from scratch — after an intake, an exit, a corrected exit, a follow-up result, a contact
/// attempt, a count of a count-only intervention and a job's set-based write.
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class InterventionSliceTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly DateOnly March = new(2026, 3, 2);

    [Fact]
    public async Task AfterAnIntake_OnlyItsInterventionIsCountedAgain_AndTheReportIsTheOneBuiltFromScratch()
    {
        var (associationId, first, second) = await SetUpAsync();
        await Office.ReportAsync(associationId, 2026, 1);

        await Coach.AnonymousAsync(Data, first, "Man", March);
        var (served, grids) = await ReadCountingGridsAsync(associationId);

        // One grid query, for the intervention the intake named only.
        var grid = Assert.Single(grids);
        Assert.Contains($"\"InterventionId\" = {first}", grid, StringComparison.Ordinal);
        Assert.DoesNotContain($"= {second}", grid, StringComparison.Ordinal);
        Assert.Equal(3, Active(served, first));
        Assert.Equal(1, Active(served, second));
        await AssertAsFromScratchAsync(associationId, 2026, 1, served);
    }

    [Fact]
    public async Task AnIntakeAndAnExit_MarkTheirInterventionOnly_AndAJobsSetBasedWrite_MarksEveryone()
    {
        var (associationId, first, _) = await SetUpAsync();
        var before = await MarksAsync();

        var intake = await Coach.AnonymousAsync(Data, first, "Man", March);
        await Data.ExitAsync(intake.Id, TestData.Exit(new DateOnly(2026, 4, 10)));
        var byCoach = (await MarksAsync()).Skip(before.Count).ToList();
        Assert.Equal(2, byCoach.Count);
        Assert.All(byCoach, mark => Assert.Equal(first, mark.InterventionId));
        Assert.All(byCoach, mark => Assert.InRange(mark.Stamp, 1, (1L << 40) - 1));

        // A set-based write of participations: nobody can tell whose figures it moved.
        var updated = await Factory.WithDbAsync(db => db.Participations.Where(p => p.Id == intake.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.StartDate, p => p.StartDate), Ct));
        Assert.Equal(1, updated);
        var bySetBasedWrite = (await MarksAsync()).Skip(before.Count + byCoach.Count).ToList();
        Assert.Null(Assert.Single(bySetBasedWrite).InterventionId);

        // The indicator job deletes and inserts its stored results with set-based statements, but no
        // intervention's kept parts read them: the data version moves, no intervention is marked, and
        // the page after it is built again without counting any intervention's participations again.
        var served = await Office.ReportAsync(associationId, 2026, 1);
        var version = await Factory.WithDbAsync(db => ReportDataVersion.ReadAsync(db, Ct));
        var computed = await Factory.SendAsync(new ComputeIndicatorsCommand(), Ct);
        Assert.True(computed.Figures > 0, "the exit gives the job figures to store");
        Assert.Equal(before.Count + byCoach.Count + 1, (await MarksAsync()).Count);
        Assert.NotEqual(version, await Factory.WithDbAsync(db => ReportDataVersion.ReadAsync(db, Ct)));
        var (afterJob, grids) = await ReadCountingGridsAsync(associationId);
        Assert.Empty(grids);
        Assert.Equal(1, Ended(afterJob, first));
        Assert.Equal(Figures(served), Figures(afterJob));
        await AssertAsFromScratchAsync(associationId, 2026, 1, afterJob);
    }

    [Fact]
    public async Task AfterEachKindOfChange_TheReportServedIsTheOneBuiltFromScratch()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        var identified = await Data.InterventionAsync(association.Id, provider.Id, Mode.Identified, start: new DateOnly(2025, 1, 1));
        var anonymous = await Data.InterventionAsync(association.Id, provider.Id, Mode.AnonymousIndividual, start: new DateOnly(2025, 1, 1));
        var counted = await Data.InterventionAsync(association.Id, provider.Id, Mode.CountOnly, start: new DateOnly(2025, 1, 1));
        var exited = await Data.IdentifiedExitAsync(identified.Id, TestPersonnummer.Woman(0), new DateOnly(2025, 3, 3), new DateOnly(2025, 10, 1));
        await Data.IdentifiedExitAsync(identified.Id, TestPersonnummer.Man(0), new DateOnly(2025, 3, 3), new DateOnly(2025, 10, 2));
        var open = await Coach.AnonymousAsync(Data, anonymous.Id, "Woman", March);
        await Coach.AnonymousAsync(Data, anonymous.Id, "Man", March);

        // Every part of 2026 counted and kept; then one change at a time, each read at once.
        await Office.ReportAsync(association.Id, 2026, 3);
        async Task ChangedAsync() => await AssertAsFromScratchAsync(association.Id, 2026, 3, await Office.ReportAsync(association.Id, 2026, 3));

        await Data.ExitAsync(open.Id, TestData.Exit(new DateOnly(2026, 9, 15), occupation: "Studies"));
        await ChangedAsync();
        await Data.CorrectExitAsync(open.Id, TestData.Exit(new DateOnly(2026, 9, 16), "Discontinued", occupation: "Unknown"));
        await ChangedAsync();
        var followUp = (await Data.FollowUpOfAsync(exited.Id))!;
        await Data.ContactAttemptAsync(followUp.Id, new DateOnly(2026, 10, 5), "NoAnswer");
        await ChangedAsync();
        await Data.RecordFollowUpAsync(followUp.Id, TestData.FollowUpResult("Reached", new DateOnly(2026, 10, 6), "Employed"));
        await ChangedAsync();
        await Data.CountAsync(counted.Id, 2026, women: 4, men: 2, tertial: 3);
        await ChangedAsync();
        await Coach.AnonymousAsync(Data, anonymous.Id, "Woman", new DateOnly(2026, 9, 20));
        await ChangedAsync();
        await Factory.SendAsync(new ComputeIndicatorsCommand(), Ct);
        await ChangedAsync();
    }

    /// <summary>
    /// The nightly job folds the marks (<see cref="ReportDataMarks.FoldAsync"/>): one mark per intervention
    /// is left (and one naming none), every fingerprint and the data version are what they were, so the
    /// report is built again without counting any intervention's participations (no grid query); the
    /// next change still moves its own intervention's fingerprint only.
    /// </summary>
    [Fact]
    public async Task TheNightlyJob_FoldsTheMarks_AndNoFingerprintMoves()
    {
        var (associationId, first, second) = await SetUpAsync();
        var intake = await Coach.AnonymousAsync(Data, first, "Man", March);
        await Data.ExitAsync(intake.Id, TestData.Exit(new DateOnly(2026, 4, 10)));
        await Factory.SendAsync(new ComputeIndicatorsCommand(), Ct);

        // Marks of the intakes, the exit and the job's set-based writes, many per intervention.
        Assert.True((await MarksAsync()).Count(m => m.InterventionId == first) >= 4);

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CallerContext>().RunAsSystem();
            await ActivatorUtilities.CreateInstance<IndicatorComputationJob>(scope.ServiceProvider).RunAsync(Ct);
        }

        // The job's own writes came before the fold: folded with the rest.
        var folded = await MarksAsync();
        Assert.Equal(folded.Count, folded.Select(m => m.InterventionId).Distinct().Count());
        Assert.Contains(folded, m => m.InterventionId == first);
        Assert.Equal(folded.Where(m => m.InterventionId == first || m.InterventionId is null).Sum(m => m.Stamp),
            (await Factory.WithDbAsync(db => ReportDataMarks.FingerprintsAsync(db, associationId, Ct)))[first]);

        // Another intake, and the report read: every part counted and kept under today's fingerprints.
        await Coach.AnonymousAsync(Data, first, "Woman", March);
        var served = await Office.ReportAsync(associationId, 2026, 1);
        var fingerprints = await Factory.WithDbAsync(db => ReportDataMarks.FingerprintsAsync(db, associationId, Ct));
        var version = await Factory.WithDbAsync(db => ReportDataVersion.ReadAsync(db, Ct));
        Assert.Equal(folded.Count + 1, (await MarksAsync()).Count);

        // A fold moves nothing: not a fingerprint, not the data version.
        var (before, after) = await Factory.WithDbAsync(db => ReportDataMarks.FoldAsync(db, Ct));
        Assert.Equal((folded.Count + 1, folded.Count), (before, after));
        Assert.Equal(fingerprints, await Factory.WithDbAsync(db => ReportDataMarks.FingerprintsAsync(db, associationId, Ct)));
        Assert.Equal(version, await Factory.WithDbAsync(db => ReportDataVersion.ReadAsync(db, Ct)));

        // Read after the fold, with the built reports forgotten but the slices kept: no intervention's
        // participations are counted again (no grid query), since no fingerprint moved.
        Factory.Services.GetRequiredService<BuiltReports>().Clear();
        var (again, grids) = await ReadCountingGridsAsync(associationId);
        Assert.Empty(grids);
        Assert.Equal(Figures(served), Figures(again));
        Assert.Equal(4, Active(again, first));

        // The next change moves its own intervention's fingerprint, and only that one.
        await Coach.AnonymousAsync(Data, second, "Woman", March);
        var later = await Factory.WithDbAsync(db => ReportDataMarks.FingerprintsAsync(db, associationId, Ct));
        Assert.True(later[second] > fingerprints[second]);
        Assert.Equal(fingerprints[first], later[first]);
        await AssertAsFromScratchAsync(associationId, 2026, 1, await Office.ReportAsync(associationId, 2026, 1));
    }

    /// <summary>
    /// The report <paramref name="served"/> (built from kept parts where nothing changed) is the one
    /// built with nothing kept at all, every figure of every row, indicator and data-quality line.
    /// </summary>
    private async Task AssertAsFromScratchAsync(long associationId, int year, int tertial, JsonObject served)
    {
        Factory.Services.GetRequiredService<BuiltReports>().Clear();
        Factory.Services.GetRequiredService<InterventionSlices>().Clear();
        var scratch = await Office.ReportAsync(associationId, year, tertial);
        Assert.Equal(Figures(scratch), Figures(served));
    }

    private static string Figures(JsonObject view)
    {
        var report = view["report"]!.DeepClone().AsObject();
        report.Remove("header");
        return report.ToJsonString();
    }

    /// <summary>Two anonymous-individual interventions of the home association: two active in the first, one in the second.</summary>
    private async Task<(long AssociationId, long First, long Second)> SetUpAsync()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        var first = await Data.InterventionAsync(association.Id, provider.Id, Mode.AnonymousIndividual);
        var second = await Data.InterventionAsync(association.Id, provider.Id, Mode.AnonymousIndividual);
        await Coach.AnonymousAsync(Data, first.Id, "Woman", March);
        await Coach.AnonymousAsync(Data, first.Id, "Man", March);
        await Coach.AnonymousAsync(Data, second.Id, "Woman", March);
        return (association.Id, first.Id, second.Id);
    }

    /// <summary>The office's report of T1 2026, and the participation grid queries its read ran.</summary>
    private async Task<(JsonObject Report, List<string> Grids)> ReadCountingGridsAsync(long associationId)
    {
        var grids = new ConcurrentBag<string>();
        Factory.Commands.AfterExecute = command =>
        {
            if (command.CommandText.Contains("\"Started\"", StringComparison.Ordinal))
            {
                grids.Add(command.CommandText);
            }
        };
        try
        {
            return (await Office.ReportAsync(associationId, 2026, 1), [.. grids]);
        }
        finally
        {
            Factory.Commands.Reset();
        }
    }

    private Task<List<ReportDataChange>> MarksAsync() =>
        Factory.WithDbAsync(db => db.ReportDataChanges.AsNoTracking().OrderBy(c => c.Id).ToListAsync(Ct));

    private static int Active(JsonObject view, long interventionId) => Figure(view, interventionId, "active");

    private static int Ended(JsonObject view, long interventionId) => Figure(view, interventionId, "ended");

    private static int Figure(JsonObject view, long interventionId, string figure)
    {
        var row = view["report"]!["sections"]!.AsArray()
            .SelectMany(s => s!["categories"]!.AsArray())
            .SelectMany(c => c!["interventions"]!.AsArray())
            .Single(r => r!["interventionId"]!.GetValue<long>() == interventionId)!;
        var count = row["figures"]![figure]!;
        return count["women"]!.GetValue<int>() + count["men"]!.GetValue<int>();
    }
}
