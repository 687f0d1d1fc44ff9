using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Features.Reports;

namespace Samordning.FollowUp.Features.Interventions;

/// <summary>
/// A year's plan beside what happened, as the tertial report counts the whole year (T3, year to
/// date): individual participants active some time in the year, count-only participants of its
/// tertials, % of plan, budget, actual cost and cost per participant.
/// </summary>
public sealed record InterventionYearFigures(
    int Year,
    bool HasPlan,
    int PlannedParticipants,
    int IndividualParticipants,
    int CountOnlyParticipants,
    long BudgetSek,
    long ActualCostSek)
{
    /// <summary>Individual and count-only: the cost per participant's denominator.</summary>
    public int Participants => IndividualParticipants + CountOnlyParticipants;

    public double? PercentOfPlan => ReportCounting.PercentOfPlan(Participants, PlannedParticipants);

    public long? CostPerParticipantSek => ReportCounting.CostPerParticipant(ActualCostSek, Participants);

    /// <summary>A subtotal or total: the sum of the rows' counts and money (percent and cost per participant from the sums).</summary>
    public static InterventionYearFigures Sum(int year, IEnumerable<InterventionYearFigures> rows)
    {
        var list = rows.ToList();
        return new InterventionYearFigures(year, list.Any(r => r.HasPlan), list.Sum(r => r.PlannedParticipants),
            list.Sum(r => r.IndividualParticipants), list.Sum(r => r.CountOnlyParticipants),
            list.Sum(r => r.BudgetSek), list.Sum(r => r.ActualCostSek));
    }
}

/// <summary>Reads <see cref="InterventionYearFigures"/> with three grouped queries a year, on the report's own counting rules.</summary>
internal sealed class InterventionFigures(FollowUpDbContext db)
{
    public async Task<Dictionary<long, InterventionYearFigures>> ForYearAsync(
        long associationId, int year, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var plans = await db.InterventionYearPlans.AsNoTracking()
            .Where(p => p.Year == year && ids.Contains(p.InterventionId))
            .ToDictionaryAsync(p => p.InterventionId, cancellationToken);
        var individual = await ReportCounting.Active(db, associationId, first, last)
            .Where(p => ids.Contains(p.InterventionId))
            .GroupBy(p => p.InterventionId)
            .Select(g => new { InterventionId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(c => c.InterventionId, c => c.Count, cancellationToken);
        var countOnly = await ReportCounting.CountOnlyYearToDate(db, year, 3).AsNoTracking()
            .Where(c => ids.Contains(c.InterventionId))
            .GroupBy(c => c.InterventionId)
            .Select(g => new { InterventionId = g.Key, Total = g.Sum(c => c.Women + c.Men) })
            .ToDictionaryAsync(c => c.InterventionId, c => c.Total, cancellationToken);

        return ids.ToDictionary(id => id, id =>
        {
            var plan = plans.GetValueOrDefault(id);
            return new InterventionYearFigures(year, plan is not null, plan?.PlannedParticipants ?? 0,
                individual.GetValueOrDefault(id), countOnly.GetValueOrDefault(id), plan?.BudgetSek ?? 0, plan?.ActualCostSek ?? 0);
        });
    }
}
