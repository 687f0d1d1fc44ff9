using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Indicators;

/// <summary>One exit scored by a definition; summed by the database per intervention, gender and exit month.</summary>
internal sealed class ScoredExit
{
    public long InterventionId { get; init; }
    public Gender Gender { get; init; }
    public int Year { get; init; }
    public int Month { get; init; }

    /// <summary>1 when the exit belongs in the denominator.</summary>
    public int Counted { get; init; }

    public int Success { get; init; }

    /// <summary>1 when data the rule needs is missing (unknown occupation, a step, no follow-up result).</summary>
    public int Missing { get; init; }

    /// <summary>1 when the person was reached at the 12-month follow-up.</summary>
    // Every projection sets every member: EF Core can only sum members it sees assigned.
    public int Reached { get; init; }
}

internal sealed record MonthBucket(long InterventionId, Gender Gender, int Year, int Month, int Counted, int Success, int Missing, int Reached);

/// <summary>
/// The database does the counting: one GROUP BY per definition version returns, per
/// intervention, gender and exit month, how many exits count, succeed, lack data and were
/// reached. Every period (tertial, year to date, year) is then a sum of a few of those buckets.
/// </summary>
internal sealed class IndicatorCalculator(FollowUpDbContext db)
{
    /// <summary>Income sources that are public support; "no public support" means none of these.</summary>
    private static readonly List<IncomeSource> PublicSupport =
    [
        IncomeSource.SicknessBenefit, IncomeSource.ActivityCompensation, IncomeSource.SicknessCompensation,
        IncomeSource.FinancialAssistance, IncomeSource.ActivitySupport, IncomeSource.UnemploymentInsurance,
    ];

    public Task<List<MonthBucket>> BucketsAsync(
        IndicatorDefinition definition, long associationId, DateOnly exitsFrom, DateOnly exitsTo, CancellationToken cancellationToken) =>
        BucketsAsync(definition, associationId, exitsFrom, exitsTo, null, cancellationToken);

    /// <summary>The buckets of the interventions in <paramref name="interventionIds"/> only; all of the association's when null.</summary>
    public async Task<List<MonthBucket>> BucketsAsync(
        IndicatorDefinition definition, long associationId, DateOnly exitsFrom, DateOnly exitsTo, IReadOnlyCollection<long>? interventionIds,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var population = Population(definition, associationId, exitsFrom, exitsTo);
        if (interventionIds is not null)
        {
            population = population.Where(p => EF.Constant(interventionIds).Contains(p.InterventionId));
        }

        var buckets = await Sum(Score(definition, population)).ToListAsync(cancellationToken);
        if (definition.SuccessRule != SuccessRule.NoPublicSupport)
        {
            return buckets;
        }

        // Income sources are a collection: testing them needs a subquery, which no database
        // accepts inside SUM. So the successes are counted by a second GROUP BY with the test
        // in its WHERE clause.
        var successes = await Sum(Score(definition, NoPublicSupport(definition, population)))
            .ToDictionaryAsync(b => (b.InterventionId, b.Gender, b.Year, b.Month), b => b.Counted, cancellationToken);
        return [.. buckets.Select(b => b with { Success = successes.GetValueOrDefault((b.InterventionId, b.Gender, b.Year, b.Month)) })];
    }

    private static IQueryable<MonthBucket> Sum(IQueryable<ScoredExit> scored) =>
        scored
            .GroupBy(s => new { s.InterventionId, s.Gender, s.Year, s.Month })
            .Select(g => new MonthBucket(g.Key.InterventionId, g.Key.Gender, g.Key.Year, g.Key.Month,
                g.Sum(s => s.Counted), g.Sum(s => s.Success), g.Sum(s => s.Missing), g.Sum(s => s.Reached)));

    private IQueryable<Participation> NoPublicSupport(IndicatorDefinition d, IQueryable<Participation> population)
    {
        var publicSupport = PublicSupport;
        if (d.MeasurementPoint == MeasurementPoint.AtExit)
        {
            return population.Where(p => p.IncomeSourcesAtExit.Any() && !p.IncomeSourcesAtExit.Any(s => publicSupport.Contains(s)));
        }

        var reached = db.TwelveMonthFollowUps.Where(f => f.Result != null && f.Result.Outcome == FollowUpOutcome.Reached
            && f.Result.IncomeSources.Any() && !f.Result.IncomeSources.Any(s => publicSupport.Contains(s)));
        return population.Where(p => reached.Any(f => f.ParticipationId == p.Id));
    }

    // The definition's lists are inlined as constants (IN ('a', 'b')): as parameters they become
    // a JSON table scanned once per row on SQLite and SQL Server.
    private IQueryable<Participation> Population(IndicatorDefinition d, long associationId, DateOnly from, DateOnly to)
    {
        var exits = db.Participations.AsNoTracking().Where(p =>
            p.Intervention!.AssociationId == associationId
            && p.EndDate != null && p.EndDate >= from && p.EndDate <= to
            // Registered in error counts nowhere, whatever a definition says.
            && p.ExitReason != ExitReason.RegisteredInError);
        var excluded = d.ExcludedExitReasons;
        if (excluded.Count > 0)
        {
            exits = exits.Where(p => !EF.Constant(excluded).Contains(p.ExitReason!.Value));
        }

        if (d.Orientation is { } orientation)
        {
            exits = exits.Where(p => p.Intervention!.Orientation == orientation);
        }

        var categories = d.Categories;
        if (categories.Count > 0)
        {
            exits = exits.Where(p => EF.Constant(categories).Contains(p.Intervention!.Category));
        }

        var modes = d.RegistrationModes;
        if (modes.Count > 0)
        {
            exits = exits.Where(p => EF.Constant(modes).Contains(p.Intervention!.RegistrationMode));
        }

        // Count-only interventions have no individual exits; they can never enter a denominator.
        return exits.Where(p => p.Intervention!.RegistrationMode != RegistrationMode.CountOnly);
    }

    /// <summary>
    /// Scores each exit with plain column tests only (constants inlined), so the database can
    /// sum them in one pass. For rules scored elsewhere the success column is 0 here.
    /// </summary>
    private IQueryable<ScoredExit> Score(IndicatorDefinition d, IQueryable<Participation> exits)
    {
        var occupations = d.SuccessOccupations;
        var occupationRule = d.SuccessRule == SuccessRule.OccupationIn;
        // Explicit joins rather than navigations: EF Core can sum a flat projection in one GROUP BY.
        // The gender is the participation's copy of the person's: the Participants table is not read.
        if (d.MeasurementPoint == MeasurementPoint.TwelveMonthsAfterExit)
        {
            // One follow-up per exit at most, so the outer joins never duplicate an exit.
            return from p in exits
                   join f in db.TwelveMonthFollowUps on p.Id equals f.ParticipationId into followUps
                   from f in followUps.DefaultIfEmpty()
                   join r in db.FollowUpResults on f.Id equals r.FollowUpId into results
                   from r in results.DefaultIfEmpty()
                   select new ScoredExit
                   {
                       InterventionId = p.InterventionId, Gender = p.Gender, Year = p.EndDate!.Value.Year, Month = p.EndDate!.Value.Month,
                       Counted = 1,
                       Success = occupationRule && r != null && r.Outcome == FollowUpOutcome.Reached
                           && r.Occupation != null && EF.Constant(occupations).Contains(r.Occupation.Value) ? 1 : 0,
                       Missing = r == null ? 1 : 0,
                       Reached = r != null && r.Outcome == FollowUpOutcome.Reached ? 1 : 0,
                   };
        }

        return d.SuccessRule switch
        {
            SuccessRule.StepProgression => exits.Select(p => new ScoredExit
            {
                InterventionId = p.InterventionId, Gender = p.Gender, Year = p.EndDate!.Value.Year, Month = p.EndDate!.Value.Month,
                Counted = p.StepAtStart != null && p.StepAtExit != null ? 1 : 0,
                Success = p.StepAtStart != null && p.StepAtExit != null && p.StepAtExit > p.StepAtStart ? 1 : 0,
                Missing = p.StepAtStart == null || p.StepAtExit == null ? 1 : 0,
                Reached = 0,
            }),
            _ => exits.Select(p => new ScoredExit
            {
                InterventionId = p.InterventionId, Gender = p.Gender, Year = p.EndDate!.Value.Year, Month = p.EndDate!.Value.Month,
                Counted = 1,
                Success = occupationRule && p.OccupationAtExit != null && EF.Constant(occupations).Contains(p.OccupationAtExit.Value) ? 1 : 0,
                Missing = p.OccupationAtExit == null || p.OccupationAtExit == Occupation.Unknown ? 1 : 0,
                Reached = 0,
            }),
        };
    }
}

/// <summary>Sums buckets into one figure and judges it against the target.</summary>
internal static class IndicatorMath
{
    public static (DateOnly From, DateOnly To) ExitRange(MeasurementPoint point, DateOnly from, DateOnly to) =>
        point == MeasurementPoint.TwelveMonthsAfterExit ? (from.AddYears(-1), EndOfMonth(to.AddYears(-1))) : (from, to);

    private static DateOnly EndOfMonth(DateOnly d) => new(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month));

    public static bool InRange(MonthBucket b, DateOnly from, DateOnly to)
    {
        var month = (b.Year * 12) + b.Month;
        return month >= (from.Year * 12) + from.Month && month <= (to.Year * 12) + to.Month;
    }

    public static IndicatorFigure Figure(IEnumerable<MonthBucket> buckets, MeasurementPoint point, decimal target, int threshold)
    {
        int counted = 0, success = 0, missing = 0, reached = 0;
        foreach (var b in buckets)
        {
            counted += b.Counted;
            success += b.Success;
            missing += b.Missing;
            reached += b.Reached;
        }

        var twelveMonths = point == MeasurementPoint.TwelveMonthsAfterExit;
        var rate = Percent(success, counted);
        var tooFew = counted < threshold;
        return new IndicatorFigure(
            success,
            counted,
            missing,
            twelveMonths ? reached : null,
            rate,
            twelveMonths ? Percent(success, reached) : null,
            twelveMonths ? Percent(reached, counted) : null,
            target,
            // Judged on the exact fraction, not on the rounded rate.
            counted == 0 || tooFew ? null : success * 100m >= target * counted,
            tooFew);
    }

    private static double? Percent(int part, int whole) =>
        whole == 0 ? null : Math.Round(100.0 * part / whole, 1, MidpointRounding.AwayFromZero);
}

public sealed record IndicatorFigure(
    int Numerator,
    int Denominator,
    int MissingData,
    int? Reached,
    double? Rate,
    double? RateOfReached,
    double? ResponseRate,
    decimal TargetPercent,
    bool? Met,
    bool TooFew);
