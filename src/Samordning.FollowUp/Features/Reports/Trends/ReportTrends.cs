using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Indicators;

namespace Samordning.FollowUp.Features.Reports.Trends;

/// <summary>
/// Builds <see cref="ReportTrend"/> set-based rather than by building the report eight times:
/// every period's volumes are sums of the year's participation grid, and one bucket query per
/// indicator definition version covers every period that version is in force for — both shared
/// with the year's reports (<see cref="ReportYearParts"/>); the periods are sliced from those
/// small aggregates in memory. The rules are the report's
/// (<see cref="TertialReportBuilder"/>), so a point equals that report's association total. A
/// closed tertial's point is read from its adopted report and not computed at all.
/// </summary>
internal sealed class ReportTrends(FollowUpDbContext db, BuiltReports built, ReportYearParts parts, ReportReadVersion reads, AdoptedSnapshots snapshots)
{
    private const int TertialsShown = 6;

    /// <summary>Built once while nothing a report reads changes (<see cref="BuiltReports"/>).</summary>
    public Task<ReportTrend> BuildAsync(long associationId, int year, int tertial, CancellationToken cancellationToken) =>
        built.GetOrBuildAsync(reads, (nameof(ReportTrend), associationId, year, tertial),
            () => BuildFreshAsync(associationId, year, tertial, cancellationToken), cancellationToken);

    private async Task<ReportTrend> BuildFreshAsync(long associationId, int year, int tertial, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tertial, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tertial, 3);
        var threshold = (await parts.AssociationAsync(associationId, cancellationToken)).SmallNumberThreshold;

        var last = (year * 3) + tertial - 1;
        var tertials = Enumerable.Range(last - TertialsShown + 1, TertialsShown)
            .Select(n => TrendPeriod.TertialAlone(n / 3, (n % 3) + 1))
            .ToList();
        var yearToDate = TrendPeriod.YearToDateOf(year, tertial);
        var yearToDateLastYear = TrendPeriod.YearToDateOf(year - 1, tertial);
        List<TrendPeriod> periods = [.. tertials, yearToDate, yearToDateLastYear];

        var adopted = await AdoptedAsync(associationId, tertials, yearToDate, yearToDateLastYear, cancellationToken);
        var computed = periods.Where(p => !adopted.ContainsKey(p)).ToList();
        var points = computed.Count == 0
            ? []
            : await ComputeAsync(associationId, year, threshold, computed, cancellationToken);
        foreach (var (period, report) in adopted)
        {
            points[period] = FromAdoptedReport(period, report);
        }

        var sameTertialLastYear = TrendPeriod.TertialAlone(year - 1, tertial);
        return new ReportTrend(
            [.. tertials.Select(p => points[p] with { IsSameTertialLastYear = p == sameTertialLastYear })],
            points[yearToDate],
            points[yearToDateLastYear]);
    }

    /// <summary>The adopted reports among the periods: the tertial's own, or its year-to-date report.</summary>
    private async Task<Dictionary<TrendPeriod, TertialReport>> AdoptedAsync(
        long associationId, List<TrendPeriod> tertials, TrendPeriod yearToDate, TrendPeriod yearToDateLastYear, CancellationToken cancellationToken)
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

        var result = new Dictionary<TrendPeriod, TertialReport>();
        foreach (var adoption in adoptions)
        {
            result[TrendPeriod.TertialAlone(adoption.Year, adoption.Tertial)] = snapshots.Report(adoption.PeriodReport);
            if (adoption.YearToDateReport is { } ytd)
            {
                result[TrendPeriod.YearToDateOf(adoption.Year, adoption.Tertial)] = snapshots.Report(ytd);
            }
        }

        return result;
    }

    /// <summary>The periods not adopted, from the parts of <paramref name="year"/> its reports read too (<see cref="ReportYearParts"/>).</summary>
    private async Task<Dictionary<TrendPeriod, TrendPoint>> ComputeAsync(
        long associationId, int year, int threshold, List<TrendPeriod> periods, CancellationToken cancellationToken)
    {
        var years = periods.Select(p => p.Year).Distinct().ToList();
        // What the report's intervention list holds (running some time from 1 January to the
        // period's end) decides which interventions a period's total sums, as in the report.
        var interventions = await db.Interventions.AsNoTracking()
            .Where(i => i.AssociationId == associationId)
            .Select(i => new InterventionInfo(i.Id, i.StartDate, i.EndDate, i.RegistrationMode,
                i.Plans.Where(p => years.Contains(p.Year)).Select(p => new PlanInfo(p.Year, p.PlannedParticipants)).ToList()))
            .ToListAsync(cancellationToken);
        var volumes = VolumeCounts.Of(await parts.ParticipationsAsync(associationId, year, cancellationToken), periods);
        var indicators = await IndicatorsAsync(associationId, year, threshold, periods, interventions, cancellationToken);
        var referrals = await ReferralsAsync(associationId, periods, cancellationToken);

        return periods.Select((period, index) =>
        {
            var planned = interventions
                .Where(i => i.Mode != RegistrationMode.CountOnly && i.InReport(period))
                .Sum(i => i.Plans.Where(p => p.Year == period.Year).Sum(p => p.PlannedParticipants));
            var inReport = interventions.Where(i => i.InReport(period)).Select(i => i.Id).ToHashSet();
            return (Period: period, Point: new TrendPoint(period.Year, period.Tertial, period.From, period.To, Adopted: false,
                IsSameTertialLastYear: false, volumes.Count(index, PeriodMeasure.Active, inReport), volumes.Count(index, PeriodMeasure.New, inReport),
                volumes.Count(index, PeriodMeasure.Ended, inReport), period.ProRata(planned), indicators[period])
            {
                Referrals = referrals.Of(index, inReport),
            });
        }).ToDictionary(x => x.Period, x => x.Point);
    }

    /// <summary>
    /// Every period's referrals in one grouped query: per intervention, received, started and declined
    /// in each period and waiting at its end, by the report's own rules (<see cref="ReportReferrals"/>).
    /// </summary>
    private async Task<ReferralSums> ReferralsAsync(long associationId, List<TrendPeriod> periods, CancellationToken cancellationToken)
    {
        var sums = await ReportReferrals.Rows(db, associationId, periods.Max(p => p.To))
            .GroupBy(r => r.InterventionId)
            .Select(ReferralSelectors.GetOrAdd(string.Join(';', periods.Select(p => $"{p.Year}-{p.Tertial}-{p.YearToDate}")),
                _ => ConditionalSums.Of<ReferralRow, long, InterventionSums>(
                    [.. periods.SelectMany(p => new[]
                    {
                        ReportReferrals.Received(p.From, p.To), ReportReferrals.Started(p.From, p.To),
                        ReportReferrals.Declined(p.From, p.To), ReportReferrals.WaitingAt(p.To),
                    })],
                    (key, counts) => new InterventionSums(key, counts))))
            .ToListAsync(cancellationToken);
        return new ReferralSums(sums);
    }

    /// <summary>
    /// The periods' sums, built once for the same periods (by year, tertial and reach): the same expression
    /// on every page, so it is not put together again (its dates are the periods', held in the expression).
    /// </summary>
    private static readonly ConcurrentDictionary<string, Expression<Func<IGrouping<long, ReferralRow>, InterventionSums>>> ReferralSelectors = new(StringComparer.Ordinal);

    private sealed record InterventionSums(long InterventionId, int[] Counts);

    /// <summary>The referral sums of every period (by its index in the list counted), summed over the interventions in its report.</summary>
    private sealed class ReferralSums(List<InterventionSums> sums)
    {
        public TrendReferrals Of(int period, HashSet<long> interventions)
        {
            int Sum(int measure) => sums.Where(s => interventions.Contains(s.InterventionId)).Sum(s => s.Counts[(period * 4) + measure]);
            return new TrendReferrals(Sum(0), Sum(1), Sum(2), Sum(3));
        }
    }

    /// <summary>
    /// Per period, each indicator in force at its end, as the report computes it. The buckets of
    /// a definition version are fetched once, over the exits of every period of the year's reach
    /// (<see cref="ReportYearParts"/>), which the year's reports read too.
    /// </summary>
    private async Task<Dictionary<TrendPeriod, List<TrendIndicator>>> IndicatorsAsync(
        long associationId, int year, int threshold, List<TrendPeriod> periods, List<InterventionInfo> interventions, CancellationToken cancellationToken)
    {
        var definitions = await parts.DefinitionsAsync(associationId, cancellationToken);
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

        var buckets = await parts.BucketsAsync([.. uses.Select(u => u.Definition)], associationId, year, cancellationToken);

        return periods.ToDictionary(period => period, period =>
        {
            var inReport = interventions.Where(i => i.InReport(period)).Select(i => i.Id).ToHashSet();
            return uses.Where(u => u.Period == period).Select(u =>
            {
                var d = u.Definition;
                var total = IndicatorMath.Figure(
                    buckets[d.Id].Where(b => inReport.Contains(b.InterventionId) && IndicatorMath.InRange(b, u.ExitsFrom, u.ExitsTo)),
                    d.MeasurementPoint, d.TargetPercent, threshold);
                return new TrendIndicator(d.Code, d.Name, d.Version, d.TargetPercent, total, IndicatorJudgement.Of(total));
            }).ToList();
        });
    }

    /// <summary>The point as the board adopted it: the adopted report's total, and its individual interventions' plans.</summary>
    private static TrendPoint FromAdoptedReport(TrendPeriod period, TertialReport report)
    {
        var total = report.Total;
        var planned = report.Sections.SelectMany(s => s.Categories).SelectMany(c => c.Interventions)
            .Where(r => r.RegistrationMode != RegistrationMode.CountOnly)
            .Sum(r => r.Figures.PlannedParticipantsYear);
        var names = report.Header.IndicatorDefinitions.ToDictionary(d => d.Code, d => d.Name);
        return new TrendPoint(period.Year, period.Tertial, period.From, period.To, Adopted: true, IsSameTertialLastYear: false,
            total.Active, total.New, total.Ended, period.ProRata(planned),
            [.. total.Indicators.Select(i => new TrendIndicator(i.Code, names.GetValueOrDefault(i.Code, i.Code), i.DefinitionVersion,
                i.Total.TargetPercent, i.Total, i.Status))])
        {
            Referrals = TrendReferrals.Of(total.Referrals),
        };
    }

    private sealed record PlanInfo(int Year, int PlannedParticipants);

    private sealed record InterventionInfo(long Id, DateOnly StartDate, DateOnly? EndDate, RegistrationMode Mode, List<PlanInfo> Plans)
    {
        /// <summary>The report for the period lists the intervention: it runs some time from 1 January to the period's end.</summary>
        public bool InReport(TrendPeriod period) => period.ReportLists(StartDate, EndDate);
    }
}
