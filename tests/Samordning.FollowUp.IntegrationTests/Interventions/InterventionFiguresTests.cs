using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Interventions;

/// <summary>
/// The office's list and intervention page count a year as the tertial report's T3 year to date
/// does: written by hand below, and compared figure by figure with the report itself.
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class InterventionFiguresTests(ApiFactory factory) : ApiTest(factory)
{
    private sealed record Arranged(long AssociationId, long Individual, long CountOnly, long Ended, long Later);

    /// <summary>
    /// Individual (from 2025): a woman 2025-03-01 – 2025-12-01 (not in 2026), a man from
    /// 2025-06-01 still in, a woman 2026-02-01 – 2026-06-30, a man registered in error (counts
    /// nowhere): 2 participants in 2026. Count-only: T1 5 + 3, T2 2 + 2 = 12 in 2026, and 4 in 2025.
    /// An intervention that ended in 2025 and one that starts in 2027 are not in 2026's list.
    /// </summary>
    private async Task<Arranged> ArrangeAsync()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        var individual = await Office.InterventionAsync(association.Id, provider.Id, "Arbetsträning", Mode.AnonymousIndividual,
            "Preparatory", new DateOnly(2025, 1, 1));
        var countOnly = await Office.InterventionAsync(association.Id, provider.Id, "Kompetensutveckling", Mode.CountOnly,
            "Training", new DateOnly(2025, 1, 1));
        var ended = await Office.InterventionAsync(association.Id, provider.Id, "Förstudie", Mode.AnonymousIndividual,
            "Mapping", new DateOnly(2025, 1, 1), new DateOnly(2025, 10, 31));
        var later = await Office.InterventionAsync(association.Id, provider.Id, "Nästa steg", Mode.AnonymousIndividual,
            "Preparatory", new DateOnly(2027, 1, 1));

        await Office.AnonymousAsync(Data, individual.Id, "Woman", new DateOnly(2025, 3, 1), new DateOnly(2025, 12, 1));
        await Office.AnonymousAsync(Data, individual.Id, "Man", new DateOnly(2025, 6, 1));
        await Office.AnonymousAsync(Data, individual.Id, "Woman", new DateOnly(2026, 2, 1), new DateOnly(2026, 6, 30));
        await Office.AnonymousAsync(Data, individual.Id, "Man", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 2), reason: "RegisteredInError");
        var coach = await Data.CoachOfAsync(countOnly.Id);
        foreach (var (year, tertial, women, men) in new[] { (2025, 3, 2, 2), (2026, 1, 5, 3), (2026, 2, 2, 2) })
        {
            await (await coach.PutAsync($"/api/v1/interventions/{countOnly.Id}/counts/{year}/{tertial}", new JsonObject { ["women"] = women, ["men"] = men }))
                .ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        await Office.PlanAsync(individual.Id, 2026, 10, 500_000, 120_000);
        await Office.PlanAsync(countOnly.Id, 2026, 20, 100_000, 30_000);
        return new Arranged(association.Id, individual.Id, countOnly.Id, ended.Id, later.Id);
    }

    private Task<InterventionYearListDto> ListAsync(long associationId, int year) =>
        Users.OfficeOf(associationId).GetAsync($"/api/v1/associations/{associationId}/interventions/figures?year={year}")
            .ContinueWith(t => t.Result.ShouldBeAsync<InterventionYearListDto>(HttpStatusCode.OK), TaskScheduler.Default).Unwrap();

    [Fact]
    public async Task List_OfAYear_HasPlanBesideActualFiguresAndTheTotal()
    {
        var a = await ArrangeAsync();

        var list = await ListAsync(a.AssociationId, 2026);

        var individual = list.Interventions.Single(r => r.Id == a.Individual).Figures;
        var countOnly = list.Interventions.Single(r => r.Id == a.CountOnly).Figures;
        Assert.Equal((10, 2, 0, 20.0, 500_000L, 120_000L, 60_000L),
            (individual.PlannedParticipants, individual.IndividualParticipants, individual.CountOnlyParticipants, individual.PercentOfPlan,
                individual.BudgetSek, individual.ActualCostSek, individual.CostPerParticipantSek));
        Assert.Equal((20, 0, 12, 60.0, 2_500L), (countOnly.PlannedParticipants, countOnly.IndividualParticipants, countOnly.CountOnlyParticipants,
            countOnly.PercentOfPlan, countOnly.CostPerParticipantSek));
        Assert.Equal((30, 2, 12, 14, 600_000L, 150_000L, 10_714L), (list.Total.PlannedParticipants, list.Total.IndividualParticipants,
            list.Total.CountOnlyParticipants, list.Total.Participants, list.Total.BudgetSek, list.Total.ActualCostSek, list.Total.CostPerParticipantSek));
        Assert.Equal([a.Ended, a.Later], list.NotRunning.Select(n => n.Id).Order());
    }

    [Theory]
    [InlineData(2025)]
    [InlineData(2026)]
    public async Task List_FiguresEqualTheTertialReportsForTheWholeYear(int year)
    {
        var a = await ArrangeAsync();

        var list = await ListAsync(a.AssociationId, year);
        var report = (await Users.OfficeOf(a.AssociationId).ReportAsync(a.AssociationId, year, 3, "YearToDate"))["report"]!.AsObject();

        var reportIds = report.Rows().Select(r => r["interventionId"]!.GetValue<long>()).Order().ToList();
        Assert.Equal(reportIds, list.Interventions.Select(r => r.Id).Order().ToList());
        foreach (var row in list.Interventions)
        {
            var f = report.Figures(row.Id);
            var countOnly = (int)f["countOnly"]!["total"].Num();
            Assert.Equal(
                ((int)f["plannedParticipantsYear"].Num(), (int)f["costPerParticipantDenominator"].Num() - countOnly, countOnly,
                    (long)f["budgetSek"].Num(), (long)f["actualCostSek"].Num(), (long?)f["costPerParticipantSek"].NumOrNull()),
                (row.Figures.PlannedParticipants, row.Figures.IndividualParticipants, row.Figures.CountOnlyParticipants,
                    row.Figures.BudgetSek, row.Figures.ActualCostSek, row.Figures.CostPerParticipantSek));
        }

        var total = report["total"]!.AsObject();
        Assert.Equal((int)total["costPerParticipantDenominator"].Num(), list.Total.Participants);
        Assert.Equal((long?)total["costPerParticipantSek"].NumOrNull(), list.Total.CostPerParticipantSek);
    }

    [Fact]
    public async Task InterventionFigures_EveryYearItRuns_OldestFirst_CountedAsTheList()
    {
        var a = await ArrangeAsync();

        var years = await (await Users.OfficeOf(a.AssociationId).GetAsync($"/api/v1/interventions/{a.Individual}/figures"))
            .ShouldBeAsync<List<YearFiguresDto>>(HttpStatusCode.OK);

        // It runs to 2027-12-31: 2027 is listed, without a plan and (today being 2026-11-23) without participants yet.
        Assert.Equal([2025, 2026, 2027], years.Select(y => y.Year));
        Assert.Equal((false, 2), (years[0].HasPlan, years[0].IndividualParticipants));
        Assert.Equal((true, 2, 20.0), (years[1].HasPlan, years[1].IndividualParticipants, years[1].PercentOfPlan));
        Assert.Equal((false, 1), (years[2].HasPlan, years[2].IndividualParticipants));
        var list = await ListAsync(a.AssociationId, 2026);
        Assert.Equal(list.Interventions.Single(r => r.Id == a.Individual).Figures, years[1]);
    }
}
