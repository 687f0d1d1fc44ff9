using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
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

internal enum VolumeMeasure
{
    Active,
    New,
    Ended,
}

/// <summary>
/// The tertial report's participation counts (active, new, ended by gender) of many periods at
/// once: one GROUP BY intervention and gender over everyone who could count in any of the
/// periods, each period's counts conditional sums with the report's rules (domain §7). Used by
/// the report's trend and by the office's trends page, so the rule is written once.
/// </summary>
internal static class TrendVolumes
{
    /// <summary>
    /// Which interventions the report lists is decided by the caller, per period, from the small
    /// groups returned. Registered in error counts nowhere.
    /// </summary>
    public static async Task<VolumeCounts> CountAsync(
        FollowUpDbContext db, long associationId, IReadOnlyList<TrendPeriod> periods, CancellationToken cancellationToken)
    {
        var latestEnd = periods.Max(p => p.To);
        var earliestYearStart = periods.Min(p => p.YearStart);
        var rows = from p in db.Participations
                   join person in db.Participants on p.ParticipantId equals person.Id
                   join i in db.Interventions on p.InterventionId equals i.Id
                   where i.AssociationId == associationId
                         && (p.ExitReason == null || p.ExitReason != ExitReason.RegisteredInError)
                         && p.StartDate <= latestEnd && (p.EndDate == null || p.EndDate >= earliestYearStart)
                   select new VolumeRow
                   {
                       InterventionId = p.InterventionId,
                       Gender = person.Gender,
                       StartDate = p.StartDate,
                       EndDate = p.EndDate,
                   };
        var sums = await rows
            .GroupBy(r => new VolumeKey { InterventionId = r.InterventionId, Gender = r.Gender })
            .Select(ConditionalSums.Of<VolumeRow, VolumeKey, VolumeSums>(
                periods.SelectMany(p => new[] { Active(p), New(p), Ended(p) }),
                (key, counts) => new VolumeSums(key.InterventionId, key.Gender, counts)))
            .ToListAsync(cancellationToken);
        return new VolumeCounts(sums);
    }

    // The report's rows: started by the period's end, not ended before 1 January (the intervention
    // being in the report is tested per group in memory). Each test is the report's, written once:
    // a period starts on or after its 1 January, so an end on or after the period's start is one
    // on or after 1 January too.
    private static Expression<Func<VolumeRow, bool>> Active(TrendPeriod period)
    {
        var (from, to) = (period.From, period.To);
        return r => r.StartDate <= to && (r.EndDate == null || r.EndDate >= from);
    }

    private static Expression<Func<VolumeRow, bool>> New(TrendPeriod period)
    {
        var (from, to, yearStart) = (period.From, period.To, period.YearStart);
        return r => r.StartDate >= from && r.StartDate <= to && (r.EndDate == null || r.EndDate >= yearStart);
    }

    private static Expression<Func<VolumeRow, bool>> Ended(TrendPeriod period)
    {
        var (from, to) = (period.From, period.To);
        return r => r.StartDate <= to && r.EndDate != null && r.EndDate >= from && r.EndDate <= to;
    }

    /// <summary>One participation as the volume query sees it; every member is set so EF Core can sum over it.</summary>
    private sealed class VolumeRow
    {
        public long InterventionId { get; init; }
        public Gender Gender { get; init; }
        public DateOnly StartDate { get; init; }
        public DateOnly? EndDate { get; init; }
    }

    private sealed class VolumeKey
    {
        public long InterventionId { get; init; }
        public Gender Gender { get; init; }
    }
}

/// <summary>One gender's counts: active, new and ended for period 0, then period 1, and so on.</summary>
internal sealed record VolumeSums(long InterventionId, Gender Gender, int[] Counts);

internal sealed class VolumeCounts(List<VolumeSums> sums)
{
    /// <summary>The measure in the period (by its index in the list counted), summed over the given interventions.</summary>
    public GenderCount Count(int period, VolumeMeasure measure, IReadOnlySet<long> interventions)
    {
        var index = (period * 3) + (int)measure;
        int Of(Gender gender) => sums.Where(s => s.Gender == gender && interventions.Contains(s.InterventionId)).Sum(s => s.Counts[index]);
        return GenderCount.Of(Of(Gender.Woman), Of(Gender.Man));
    }
}
