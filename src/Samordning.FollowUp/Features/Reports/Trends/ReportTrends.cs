using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Indicators;

namespace Samordning.FollowUp.Features.Reports.Trends;

/// <summary>
/// Builds <see cref="ReportTrend"/> set-based rather than by building the report eight times:
/// one grouped query counts the volumes of every period with conditional sums, and one bucket
/// query per indicator definition version covers every period that version is in force for; the
/// periods are sliced from those small aggregates in memory. The rules are the report's
/// (<see cref="TertialReportBuilder"/>), so a point equals that report's association total. A
/// closed tertial's point is read from its adopted report and not computed at all.
/// </summary>
internal sealed class ReportTrends(FollowUpDbContext db, IndicatorCalculator calculator)
{
    private const int TertialsShown = 6;

    public async Task<ReportTrend> BuildAsync(long associationId, int year, int tertial, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tertial, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tertial, 3);
        var threshold = await db.Associations.AsNoTracking()
            .Where(a => a.Id == associationId)
            .Select(a => (int?)a.SmallNumberThreshold)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Association);

        var last = (year * 3) + tertial - 1;
        var tertials = Enumerable.Range(last - TertialsShown + 1, TertialsShown)
            .Select(n => Period.TertialAlone(n / 3, (n % 3) + 1))
            .ToList();
        var yearToDate = Period.YearToDateOf(year, tertial);
        var yearToDateLastYear = Period.YearToDateOf(year - 1, tertial);
        List<Period> periods = [.. tertials, yearToDate, yearToDateLastYear];

        var adopted = await AdoptedAsync(associationId, tertials, yearToDate, yearToDateLastYear, cancellationToken);
        var computed = periods.Where(p => !adopted.ContainsKey(p)).ToList();
        var points = computed.Count == 0
            ? []
            : await ComputeAsync(associationId, threshold, computed, cancellationToken);
        foreach (var (period, report) in adopted)
        {
            points[period] = FromAdoptedReport(period, report);
        }

        var sameTertialLastYear = Period.TertialAlone(year - 1, tertial);
        return new ReportTrend(
            [.. tertials.Select(p => points[p] with { IsSameTertialLastYear = p == sameTertialLastYear })],
            points[yearToDate],
            points[yearToDateLastYear]);
    }

    /// <summary>The adopted reports among the periods: the tertial's own, or its year-to-date report.</summary>
    private async Task<Dictionary<Period, TertialReport>> AdoptedAsync(
        long associationId, List<Period> tertials, Period yearToDate, Period yearToDateLastYear, CancellationToken cancellationToken)
    {
        var first = tertials[0];
        var (lastYear, lastTertial) = (tertials[^1].Year, tertials[^1].Tertial);
        var (ytdYear, ytdLastYear, ytdTertial) = (yearToDate.Year, yearToDateLastYear.Year, yearToDate.Tertial);
        // The six tertials run from the first one to the last; both year-to-date periods end on one of them.
        var adoptions = await db.ReportAdoptions.AsNoTracking()
            .Where(a => a.AssociationId == associationId
                && (a.Year > first.Year || (a.Year == first.Year && a.Tertial >= first.Tertial))
                && (a.Year < lastYear || (a.Year == lastYear && a.Tertial <= lastTertial)))
            .Select(a => new
            {
                a.Year,
                a.Tertial,
                a.PeriodReport,
                YearToDateReport = a.Tertial == ytdTertial && (a.Year == ytdYear || a.Year == ytdLastYear) ? a.YearToDateReport : null,
            })
            .ToListAsync(cancellationToken);

        var result = new Dictionary<Period, TertialReport>();
        foreach (var adoption in adoptions)
        {
            result[Period.TertialAlone(adoption.Year, adoption.Tertial)] = ReportSnapshots.Deserialize(adoption.PeriodReport);
            if (adoption.YearToDateReport is { } ytd)
            {
                result[Period.YearToDateOf(adoption.Year, adoption.Tertial)] = ReportSnapshots.Deserialize(ytd);
            }
        }

        return result;
    }

    private async Task<Dictionary<Period, TrendPoint>> ComputeAsync(
        long associationId, int threshold, List<Period> periods, CancellationToken cancellationToken)
    {
        var years = periods.Select(p => p.Year).Distinct().ToList();
        // What the report's intervention list holds (running some time from 1 January to the
        // period's end) decides which interventions a period's total sums, as in the report.
        var interventions = await db.Interventions.AsNoTracking()
            .Where(i => i.AssociationId == associationId)
            .Select(i => new InterventionInfo(i.Id, i.StartDate, i.EndDate, i.RegistrationMode,
                i.Plans.Where(p => years.Contains(p.Year)).Select(p => new PlanInfo(p.Year, p.PlannedParticipants)).ToList()))
            .ToListAsync(cancellationToken);
        var volumes = await VolumesAsync(associationId, periods, cancellationToken);
        var indicators = await IndicatorsAsync(associationId, threshold, periods, interventions, cancellationToken);

        return periods.Select((period, index) =>
        {
            var planned = interventions
                .Where(i => i.Mode != RegistrationMode.CountOnly && i.InReport(period))
                .Sum(i => i.Plans.Where(p => p.Year == period.Year).Sum(p => p.PlannedParticipants));
            var inReport = interventions.Where(i => i.InReport(period)).Select(i => i.Id).ToHashSet();
            return (Period: period, Point: new TrendPoint(period.Year, period.Tertial, period.From, period.To, Adopted: false,
                IsSameTertialLastYear: false, volumes.Count(index, Measure.Active, inReport), volumes.Count(index, Measure.New, inReport),
                volumes.Count(index, Measure.Ended, inReport), period.ProRata(planned), indicators[period]));
        }).ToDictionary(x => x.Period, x => x.Point);
    }

    /// <summary>
    /// One GROUP BY intervention and gender over everyone who could count in any of the periods;
    /// each period's active, new and ended are conditional sums over them with the report's rules
    /// (domain §7). Which interventions the report lists is decided in memory, per period, from
    /// those small groups. Registered in error counts nowhere.
    /// </summary>
    private async Task<Volumes> VolumesAsync(long associationId, List<Period> periods, CancellationToken cancellationToken)
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
            .Select(ConditionalSums(periods))
            .ToListAsync(cancellationToken);
        return new Volumes(sums);
    }

    /// <summary>g => new VolumeSums(g.Key.InterventionId, g.Key.Gender, [g.Sum(active in period 0 ? 1 : 0), g.Sum(new …), g.Sum(ended …), … for each period]).</summary>
    private static Expression<Func<IGrouping<VolumeKey, VolumeRow>, VolumeSums>> ConditionalSums(List<Period> periods)
    {
        var group = Expression.Parameter(typeof(IGrouping<VolumeKey, VolumeRow>), "g");
        var sums = periods
            .SelectMany(p => new[] { Active(p), New(p), Ended(p) })
            .Select(predicate => Expression.Call(typeof(Enumerable), nameof(Enumerable.Sum), [typeof(VolumeRow)], group,
                Expression.Lambda<Func<VolumeRow, int>>(
                    Expression.Condition(predicate.Body, Expression.Constant(1), Expression.Constant(0)), predicate.Parameters)));
        var key = Expression.Property(group, nameof(IGrouping<VolumeKey, VolumeRow>.Key));
        var constructor = typeof(VolumeSums).GetConstructor([typeof(long), typeof(Gender), typeof(int[])])!;
        var body = Expression.New(constructor,
            Expression.Property(key, nameof(VolumeKey.InterventionId)),
            Expression.Property(key, nameof(VolumeKey.Gender)),
            Expression.NewArrayInit(typeof(int), sums));
        return Expression.Lambda<Func<IGrouping<VolumeKey, VolumeRow>, VolumeSums>>(body, group);
    }

    // The report's rows: started by the period's end, not ended before 1 January (the intervention
    // being in the report is tested per group in memory). Each test is the report's, written once:
    // a period starts on or after its 1 January, so an end on or after the period's start is one
    // on or after 1 January too.
    private static Expression<Func<VolumeRow, bool>> Active(Period period)
    {
        var (from, to) = (period.From, period.To);
        return r => r.StartDate <= to && (r.EndDate == null || r.EndDate >= from);
    }

    private static Expression<Func<VolumeRow, bool>> New(Period period)
    {
        var (from, to, yearStart) = (period.From, period.To, period.YearStart);
        return r => r.StartDate >= from && r.StartDate <= to && (r.EndDate == null || r.EndDate >= yearStart);
    }

    private static Expression<Func<VolumeRow, bool>> Ended(Period period)
    {
        var (from, to) = (period.From, period.To);
        return r => r.StartDate <= to && r.EndDate != null && r.EndDate >= from && r.EndDate <= to;
    }

    /// <summary>
    /// Per period, each indicator in force at its end, as the report computes it. The buckets of
    /// a definition version are fetched once, over the exits of every period it is in force for.
    /// </summary>
    private async Task<Dictionary<Period, List<TrendIndicator>>> IndicatorsAsync(
        long associationId, int threshold, List<Period> periods, List<InterventionInfo> interventions, CancellationToken cancellationToken)
    {
        var definitions = await db.IndicatorDefinitions.AsNoTracking()
            .Where(d => d.AssociationId == associationId)
            .ToListAsync(cancellationToken);
        var codes = definitions.Select(d => d.Code).Distinct().Order(Files.CodeOrder.Instance).ToList();
        var uses = periods.SelectMany(period => codes
                .Select(code => IndicatorPeriods.InForce(definitions, code, period.To))
                .OfType<IndicatorDefinition>()
                .Select(definition =>
                {
                    var (exitsFrom, exitsTo) = IndicatorMath.ExitRange(definition.MeasurementPoint, period.From, period.To);
                    return (Period: period, Definition: definition, ExitsFrom: exitsFrom, ExitsTo: exitsTo);
                }))
            .ToList();

        var buckets = new Dictionary<long, List<MonthBucket>>();
        foreach (var version in uses.GroupBy(u => u.Definition.Id))
        {
            buckets[version.Key] = await calculator.BucketsAsync(
                version.First().Definition, associationId, version.Min(u => u.ExitsFrom), version.Max(u => u.ExitsTo), cancellationToken);
        }

        return periods.ToDictionary(period => period, period =>
        {
            var inReport = interventions.Where(i => i.InReport(period)).Select(i => i.Id).ToHashSet();
            return uses.Where(u => u.Period == period).Select(u =>
            {
                var d = u.Definition;
                var total = IndicatorMath.Figure(
                    buckets[d.Id].Where(b => inReport.Contains(b.InterventionId) && IndicatorMath.InRange(b, u.ExitsFrom, u.ExitsTo)),
                    d.MeasurementPoint, d.TargetPercent, threshold);
                return new TrendIndicator(d.Code, d.Name, d.Version, d.TargetPercent, total, StatusOf(total));
            }).ToList();
        });
    }

    private static IndicatorStatus StatusOf(IndicatorFigure total) =>
        total.TooFew ? IndicatorStatus.TooFew : total.Met == true ? IndicatorStatus.Met : IndicatorStatus.NotMet;

    /// <summary>The point as the board adopted it: the adopted report's total, and its individual interventions' plans.</summary>
    private static TrendPoint FromAdoptedReport(Period period, TertialReport report)
    {
        var total = report.Total;
        var planned = report.Sections.SelectMany(s => s.Categories).SelectMany(c => c.Interventions)
            .Where(r => r.RegistrationMode != RegistrationMode.CountOnly)
            .Sum(r => r.Figures.PlannedParticipantsYear);
        var names = report.Header.IndicatorDefinitions.ToDictionary(d => d.Code, d => d.Name);
        return new TrendPoint(period.Year, period.Tertial, period.From, period.To, Adopted: true, IsSameTertialLastYear: false,
            total.Active, total.New, total.Ended, period.ProRata(planned),
            [.. total.Indicators.Select(i => new TrendIndicator(i.Code, names.GetValueOrDefault(i.Code, i.Code), i.DefinitionVersion,
                i.Total.TargetPercent, i.Total, i.Status))]);
    }

    private enum Measure
    {
        Active,
        New,
        Ended,
    }

    /// <param name="YearToDate">1 January to the tertial's end rather than the tertial alone.</param>
    private sealed record Period(int Year, int Tertial, bool YearToDate)
    {
        public DateOnly YearStart => new(Year, 1, 1);

        public DateOnly From => YearToDate ? YearStart : Tertials.Start(Year, Tertial);

        public DateOnly To => Tertials.End(Year, Tertial);

        public static Period TertialAlone(int year, int tertial) => new(year, tertial, false);

        public static Period YearToDateOf(int year, int tertial) => new(year, tertial, true);

        /// <summary>The year's plan pro rata, rounded as the report rounds it: 4/12 for a tertial, t·4/12 year to date.</summary>
        public double ProRata(int plannedYear) =>
            Math.Round(plannedYear * (YearToDate ? Tertial / 3.0 : 1.0 / 3), 1, MidpointRounding.AwayFromZero);
    }

    private sealed record PlanInfo(int Year, int PlannedParticipants);

    private sealed record InterventionInfo(long Id, DateOnly StartDate, DateOnly? EndDate, RegistrationMode Mode, List<PlanInfo> Plans)
    {
        /// <summary>The report for the period lists the intervention: it runs some time from 1 January to the period's end.</summary>
        public bool InReport(Period period) => StartDate <= period.To && (EndDate == null || EndDate >= period.YearStart);
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

    /// <summary>One gender's counts: active, new and ended for period 0, then period 1, and so on.</summary>
    private sealed record VolumeSums(long InterventionId, Gender Gender, int[] Counts);

    private sealed class Volumes(List<VolumeSums> sums)
    {
        /// <summary>The measure in the period, summed over the interventions the period's report lists.</summary>
        public GenderCount Count(int period, Measure measure, HashSet<long> inReport)
        {
            var index = (period * 3) + (int)measure;
            int Of(Gender gender) => sums.Where(s => s.Gender == gender && inReport.Contains(s.InterventionId)).Sum(s => s.Counts[index]);
            return GenderCount.Of(Of(Gender.Woman), Of(Gender.Man));
        }
    }
}
