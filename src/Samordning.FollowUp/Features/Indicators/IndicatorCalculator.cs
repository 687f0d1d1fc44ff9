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

    public async Task<List<MonthBucket>> BucketsAsync(
        IndicatorDefinition definition, long associationId, DateOnly exitsFrom, DateOnly exitsTo, CancellationToken cancellationToken)
    {
        var scored = Score(definition, Population(definition, associationId, exitsFrom, exitsTo));
        return await scored
            .GroupBy(s => new { s.InterventionId, s.Gender, s.Year, s.Month })
            .Select(g => new MonthBucket(g.Key.InterventionId, g.Key.Gender, g.Key.Year, g.Key.Month,
                g.Sum(s => s.Counted), g.Sum(s => s.Success), g.Sum(s => s.Missing), g.Sum(s => s.Reached)))
            .ToListAsync(cancellationToken);
    }

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
            exits = exits.Where(p => !excluded.Contains(p.ExitReason!.Value));
        }

        if (d.Orientation is { } orientation)
        {
            exits = exits.Where(p => p.Intervention!.Orientation == orientation);
        }

        var categories = d.Categories;
        if (categories.Count > 0)
        {
            exits = exits.Where(p => categories.Contains(p.Intervention!.Category));
        }

        var modes = d.RegistrationModes;
        if (modes.Count > 0)
        {
            exits = exits.Where(p => modes.Contains(p.Intervention!.RegistrationMode));
        }

        // Count-only interventions have no individual exits; they can never enter a denominator.
        return exits.Where(p => p.Intervention!.RegistrationMode != RegistrationMode.CountOnly);
    }

    private IQueryable<ScoredExit> Score(IndicatorDefinition d, IQueryable<Participation> exits)
    {
        var occupations = d.SuccessOccupations;
        var publicSupport = PublicSupport;
        var followUps = db.FollowUps;
        return (d.MeasurementPoint, d.SuccessRule) switch
        {
            (MeasurementPoint.AtExit, SuccessRule.OccupationIn) => exits.Select(p => new ScoredExit
            {
                InterventionId = p.InterventionId, Gender = p.Participant!.Gender, Year = p.EndDate!.Value.Year, Month = p.EndDate.Value.Month,
                Counted = 1,
                Success = p.OccupationAtExit != null && occupations.Contains(p.OccupationAtExit.Value) ? 1 : 0,
                Missing = p.OccupationAtExit == null || p.OccupationAtExit == Occupation.Unknown ? 1 : 0,
            }),
            (MeasurementPoint.AtExit, SuccessRule.NoPublicSupport) => exits.Select(p => new ScoredExit
            {
                InterventionId = p.InterventionId, Gender = p.Participant!.Gender, Year = p.EndDate!.Value.Year, Month = p.EndDate.Value.Month,
                Counted = 1,
                Success = p.IncomeSourcesAtExit.Any() && !p.IncomeSourcesAtExit.Any(s => publicSupport.Contains(s)) ? 1 : 0,
                Missing = !p.IncomeSourcesAtExit.Any() ? 1 : 0,
            }),
            (MeasurementPoint.AtExit, SuccessRule.StepProgression) => exits.Select(p => new ScoredExit
            {
                InterventionId = p.InterventionId, Gender = p.Participant!.Gender, Year = p.EndDate!.Value.Year, Month = p.EndDate.Value.Month,
                Counted = p.StepAtStart != null && p.StepAtExit != null ? 1 : 0,
                Success = p.StepAtStart != null && p.StepAtExit != null && p.StepAtExit > p.StepAtStart ? 1 : 0,
                Missing = p.StepAtStart == null || p.StepAtExit == null ? 1 : 0,
            }),
            (MeasurementPoint.TwelveMonthsAfterExit, SuccessRule.OccupationIn) => exits.Select(p => new ScoredExit
            {
                InterventionId = p.InterventionId, Gender = p.Participant!.Gender, Year = p.EndDate!.Value.Year, Month = p.EndDate.Value.Month,
                Counted = 1,
                Success = followUps.Any(f => f.ParticipationId == p.Id && f.Result != null && f.Result.Outcome == FollowUpOutcome.Reached
                    && f.Result.Occupation != null && occupations.Contains(f.Result.Occupation.Value)) ? 1 : 0,
                Missing = followUps.Any(f => f.ParticipationId == p.Id && f.Result != null) ? 0 : 1,
                Reached = followUps.Any(f => f.ParticipationId == p.Id && f.Result != null && f.Result.Outcome == FollowUpOutcome.Reached) ? 1 : 0,
            }),
            (MeasurementPoint.TwelveMonthsAfterExit, SuccessRule.NoPublicSupport) => exits.Select(p => new ScoredExit
            {
                InterventionId = p.InterventionId, Gender = p.Participant!.Gender, Year = p.EndDate!.Value.Year, Month = p.EndDate.Value.Month,
                Counted = 1,
                Success = followUps.Any(f => f.ParticipationId == p.Id && f.Result != null && f.Result.Outcome == FollowUpOutcome.Reached
                    && f.Result.IncomeSources.Any() && !f.Result.IncomeSources.Any(s => publicSupport.Contains(s))) ? 1 : 0,
                Missing = followUps.Any(f => f.ParticipationId == p.Id && f.Result != null) ? 0 : 1,
                Reached = followUps.Any(f => f.ParticipationId == p.Id && f.Result != null && f.Result.Outcome == FollowUpOutcome.Reached) ? 1 : 0,
            }),
            _ => throw new InvalidOperationException($"Indicator {d.Code}: step progression is measured at exit only."),
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
