using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Reports.Trends;

/// <param name="YearToDate">1 January to the tertial's end rather than the tertial alone.</param>
internal sealed record TrendPeriod(int Year, int Tertial, bool YearToDate)
{
    public DateOnly YearStart => new(Year, 1, 1);

    public DateOnly From => YearToDate ? YearStart : Tertials.Start(Year, Tertial);

    public DateOnly To => Tertials.End(Year, Tertial);

    public static TrendPeriod TertialAlone(int year, int tertial) => new(year, tertial, false);

    public static TrendPeriod YearToDateOf(int year, int tertial) => new(year, tertial, true);

    /// <summary>The year's plan pro rata, rounded as the report rounds it: 4/12 for a tertial, t·4/12 year to date.</summary>
    public double ProRata(int plannedYear) =>
        Math.Round(plannedYear * (YearToDate ? Tertial / 3.0 : 1.0 / 3), 1, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The period's report lists an intervention with these dates: it runs some time from 1 January
    /// to the period's end (<see cref="TertialReportBuilder"/>'s intervention list).
    /// </summary>
    public bool ReportLists(DateOnly interventionStart, DateOnly? interventionEnd) =>
        interventionStart <= To && (interventionEnd == null || interventionEnd >= YearStart);
}

/// <summary>
/// The tertial report's participation counts (active, new, ended by gender) of many periods at
/// once, taken from one <see cref="ParticipationGrid"/> over the tertials they span: the rule is
/// the report's, written once. Used by the office's trends page; the report's trend reads its
/// year's shared grid (<see cref="ReportYearParts"/>).
/// </summary>
internal static class TrendVolumes
{
    /// <summary>
    /// Which interventions the report lists is decided by the caller, per period, from the counts
    /// per intervention. Registered in error counts nowhere.
    /// </summary>
    public static async Task<VolumeCounts> CountAsync(
        FollowUpDbContext db, long associationId, IReadOnlyList<TrendPeriod> periods, CancellationToken cancellationToken)
    {
        var first = ParticipationGrid.Ordinal(periods.Min(p => p.Year), 1);
        var last = periods.Max(p => ParticipationGrid.Ordinal(p.Year, p.Tertial));
        return VolumeCounts.Of(await ParticipationGrid.ReadAsync(db, associationId, first, last, cancellationToken), periods);
    }
}

/// <summary>Each period's counts per intervention, in the order of the periods counted.</summary>
internal sealed class VolumeCounts(List<Dictionary<long, PeriodCounts>> periods)
{
    public static VolumeCounts Of(ParticipationGrid grid, IReadOnlyList<TrendPeriod> periods) => new([.. periods.Select(grid.Counts)]);

    /// <summary>The measure in the period (by its index in the list counted), summed over the given interventions.</summary>
    public GenderCount Count(int period, PeriodMeasure measure, IReadOnlySet<long> interventions) =>
        periods[period].Where(c => interventions.Contains(c.Key)).Aggregate(GenderCount.Zero, (sum, c) => sum + c.Value[measure]);
}
