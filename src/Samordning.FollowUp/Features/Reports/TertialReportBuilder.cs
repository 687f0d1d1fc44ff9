using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Indicators;

namespace Samordning.FollowUp.Features.Reports;

/// <summary>
/// Builds the tertial report from a few grouped queries: the database counts per intervention
/// and gender (or reason, or occupation); only those small aggregates come into memory, where
/// rows are summed into category, orientation and association subtotals.
/// </summary>
internal sealed class TertialReportBuilder(
    FollowUpDbContext db, TimeProvider clock, ProgressionReportBuilder progression,
    BuiltReports built, ReportYearParts parts, ReportScopes scopes, ReportReadVersion reads)
{
    public const string CostBasis = "Utfall hittills i år delat med antal deltagare aktiva hittills i år (individregistrerade och antal).";

    public Task<TertialReport> BuildAsync(long associationId, int year, int tertial, ReportMode mode, CancellationToken cancellationToken) =>
        BuildAsync(associationId, year, tertial, mode, figuresOnly: false, cancellationToken);

    /// <summary>
    /// The report's counts without the providers' notes, the data-quality rows, progression and the
    /// self-reported share of the 12-month indicators: what the board's
    /// masking reads of the year's other reports (<see cref="Disclosure.BoardDisclosure"/>), which are
    /// built only to decide the masks of the one shown — a dozen fewer queries for each.
    /// </summary>
    public Task<TertialReport> BuildFiguresAsync(long associationId, int year, int tertial, ReportMode mode, CancellationToken cancellationToken) =>
        BuildAsync(associationId, year, tertial, mode, figuresOnly: true, cancellationToken);

    /// <summary>Built once while nothing a report reads changes (<see cref="BuiltReports"/>).</summary>
    private Task<TertialReport> BuildAsync(long associationId, int year, int tertial, ReportMode mode, bool figuresOnly, CancellationToken cancellationToken) =>
        built.GetOrBuildAsync(reads, (nameof(TertialReport), associationId, year, tertial, mode, figuresOnly),
            () => BuildFreshAsync(associationId, year, tertial, mode, figuresOnly, cancellationToken), cancellationToken);

    private async Task<TertialReport> BuildFreshAsync(long associationId, int year, int tertial, ReportMode mode, bool figuresOnly, CancellationToken cancellationToken)
    {
        var association = await parts.AssociationAsync(associationId, cancellationToken);
        var basics = await parts.BasicsAsync(associationId, year, cancellationToken);

        var yearStart = new DateOnly(year, 1, 1);
        var to = Tertials.End(year, tertial);
        var from = mode == ReportMode.Period ? Tertials.Start(year, tertial) : yearStart;
        var today = clock.Today();
        // The data-quality rows read nothing the other figures read: counted beside them, in a scope of
        // their own — unless this context holds changes it has not committed, which only it can see.
        var qualityBuild = figuresOnly || BuiltReports.HoldsUncommittedChanges(db) ? null : scopes.BuildAsync(services =>
            services.GetRequiredService<TertialReportBuilder>().DataQualityAsync(associationId, year, from, to, today, cancellationToken));

        // The interventions running some time from 1 January to the period's end, in the report's order.
        var interventions = basics.Interventions.Where(i => i.StartDate <= to).ToList();
        var ids = interventions.Select(i => i.Id).ToList();
        var inReport = ids.ToHashSet();

        var plans = basics.Plans;
        // Count-only figures are kept per tertial; the report shows the year so far (T1 up to this
        // tertial) in both modes, as its columns read "i år" and compare with the year's plan.
        var countOnly = basics.CountOnly
            .Where(c => c.Tertial <= tertial && inReport.Contains(c.InterventionId))
            .GroupBy(c => c.InterventionId)
            .ToDictionary(g => g.Key, g => GenderCount.Of(g.Sum(c => c.Women), g.Sum(c => c.Men)));
        var notes = figuresOnly ? [] : await db.TertialNotes.AsNoTracking()
            .Where(n => n.Year == year && n.Tertial == tertial && ids.Contains(n.InterventionId))
            .ToDictionaryAsync(n => n.InterventionId, n => new TertialNoteResponse(
                n.InterventionId, n.Year, n.Tertial, n.ReferralFlowAndQueue, n.WhatWorked, n.DeviationsAndRisks, n.UpdatedAtUtc) { SoftValues = n.SoftValues }, cancellationToken);

        var participation = await ParticipationCountsAsync(associationId, year, tertial, mode, cancellationToken);
        // The period's exits (registered in error excluded), counted per intervention, reason and
        // occupation at exit: the exits by reason and by occupation are sums of these groups.
        var fromTertial = mode == ReportMode.Period ? tertial : 1;
        var exits = (await parts.ExitsAsync(associationId, year, cancellationToken))
            .Where(e => e.Tertial >= fromTertial && e.Tertial <= tertial)
            .ToList();
        var reasons = exits.ToLookup(e => e.InterventionId, e => (e.ExitReason!.Value.ToString(), e.Count));
        var occupations = exits.ToLookup(e => e.InterventionId, e => ((e.OccupationAtExit ?? Occupation.Unknown).ToString(), e.Count));
        var indicators = await IndicatorBucketsAsync(associationId, year, from, to, cancellationToken);
        var referrals = (await parts.ReferralsAsync(associationId, year, cancellationToken)).For(from, to);
        // The board's masking does not read the self-reported share (it is shown against its own threshold).
        var selfReported = figuresOnly ? [] : await SelfReportedAsync(associationId, indicators, cancellationToken);

        var context = new FigureContext(year, tertial, mode, association.SmallNumberThreshold, plans, countOnly, participation,
            reasons, occupations, indicators, referrals) { SelfReported = selfReported };

        var sections = Enum.GetValues<Orientation>().Select(orientation =>
        {
            var categories = Enum.GetValues<InterventionCategory>()
                .Where(c => c.BelongsTo(orientation))
                .Select(category =>
                {
                    var rows = interventions.Where(i => i.Category == category)
                        .Select(i => new ReportRow(i.Id, i.Name, i.ProviderId, i.ProviderName, i.Mode, context.Figures([i.Id]), notes.GetValueOrDefault(i.Id)))
                        .ToList();
                    return new ReportCategory(category, SwedishFormat.Label(category), rows, context.Figures(rows.Select(r => r.InterventionId)));
                })
                .ToList();
            var inOrientation = interventions.Where(i => i.Orientation == orientation).Select(i => i.Id);
            return new ReportSection(orientation, SwedishFormat.Label(orientation), categories, context.Figures(inOrientation));
        }).ToList();

        var header = new ReportHeader(associationId, association.Name, year, tertial, mode, from, to, clock.GetUtcNow().UtcDateTime,
            [.. indicators.Select(d => new ReportIndicatorDefinition(d.Definition.Code, d.Definition.Name, d.Definition.Version,
                d.Definition.MeasurementPoint, d.Definition.TargetPercent))],
            AdoptedAtUtc: null, AdoptedBy: null);
        var quality = figuresOnly ? [] : await (qualityBuild ?? DataQualityAsync(associationId, year, from, to, today, cancellationToken));
        return new TertialReport(header, sections, context.Figures(ids), quality)
        {
            Progression = figuresOnly ? null : await progression.BuildAsync(associationId, year, tertial, mode, cancellationToken),
        };
    }

    /// <summary>
    /// Everyone active at some point from 1 January to the period's end; the period's figures are
    /// sums of the year's participation grid (domain §7), which the year's other reports and the
    /// trend read too. Registered in error counts nowhere.
    /// </summary>
    private async Task<Dictionary<long, ParticipationCounts>> ParticipationCountsAsync(
        long associationId, int year, int tertial, ReportMode mode, CancellationToken cancellationToken)
    {
        var grid = await parts.ParticipationsAsync(associationId, year, cancellationToken);
        return grid.Counts(new Trends.TrendPeriod(year, tertial, mode == ReportMode.YearToDate)).ToDictionary(c => c.Key, c => new ParticipationCounts(
            c.Value[PeriodMeasure.Active], c.Value[PeriodMeasure.New], c.Value[PeriodMeasure.Ended], c.Value[PeriodMeasure.Ongoing],
            c.Value[PeriodMeasure.ActiveYearToDate].Total));
    }

    /// <summary>For each indicator in force at the period's end, in the codes' order: its buckets over the exits it looks at.</summary>
    private async Task<List<IndicatorBuckets>> IndicatorBucketsAsync(
        long associationId, int year, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        [.. (await parts.InForceAsync(associationId, year, from, to, cancellationToken))
            .OrderBy(i => i.Definition.Code, Files.CodeOrder.Instance)];

    /// <summary>
    /// Per 12-month indicator, per intervention: the follow-up results of its exits that the person
    /// gave through the answer link (issue 22) — the report shows the share self-reported.
    /// </summary>
    private async Task<Dictionary<string, Dictionary<long, int>>> SelfReportedAsync(
        long associationId, List<IndicatorBuckets> indicators, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, Dictionary<long, int>>(StringComparer.Ordinal);
        foreach (var indicator in indicators.Where(i => i.Definition.MeasurementPoint == MeasurementPoint.TwelveMonthsAfterExit))
        {
            var (exitsFrom, exitsTo) = (indicator.ExitsFrom, indicator.ExitsTo);
            result[indicator.Definition.Code] = await (from r in db.FollowUpResults
                                                       join f in db.TwelveMonthFollowUps on r.FollowUpId equals f.Id
                                                       join p in db.Participations on f.ParticipationId equals p.Id
                                                       join i in db.Interventions on p.InterventionId equals i.Id
                                                       where i.AssociationId == associationId && r.Source == FollowUpResultSource.SelfReported
                                                             && p.EndDate >= exitsFrom && p.EndDate <= exitsTo
                                                       group r by p.InterventionId into g
                                                       select new { InterventionId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(x => x.InterventionId, x => x.Count, cancellationToken);
        }

        return result;
    }

    /// <summary>
    /// The report's data-quality rows for the tertial alone (Period mode), without the rest of the
    /// report: the tertial cycle's checklist is exactly these, so the two cannot disagree.
    /// </summary>
    public Task<List<DataQualityRow>> DataQualityAsync(long associationId, int year, int tertial, CancellationToken cancellationToken) =>
        DataQualityAsync(associationId, year, Tertials.Start(year, tertial), Tertials.End(year, tertial), clock.Today(), cancellationToken);

    /// <summary>One row per provider of the association: each check's count (<see cref="DataQualityChecks"/>) and the contact attempts.</summary>
    internal async Task<List<DataQualityRow>> DataQualityAsync(
        long associationId, int year, DateOnly from, DateOnly to, DateOnly today, CancellationToken cancellationToken)
    {
        var providers = await db.Providers.AsNoTracking()
            .Where(p => p.AssociationId == associationId)
            .OrderBy(p => p.Name)
            .Select(p => new { p.Id, p.Name })
            .ToListAsync(cancellationToken);

        // A year-to-date report's data quality reads its whole range, as before; the checklist reads the tertial.
        // Counted per intervention (and kept so: ReportYearParts), summed per provider here.
        var period = new DataQualityPeriod(year, Tertials.Of(to), from, to, to < today ? to : today);
        var perIntervention = await parts.DataQualityAsync(associationId, period, cancellationToken);
        var attemptsPerIntervention = await parts.ContactAttemptsAsync(associationId, from, to, cancellationToken);
        var providerOf = await db.Interventions
            .Where(i => i.AssociationId == associationId)
            .Select(i => new { i.Id, i.ProviderId })
            .ToDictionaryAsync(i => i.Id, i => i.ProviderId, cancellationToken);
        var counts = perIntervention
            .Where(c => providerOf.ContainsKey(c.InterventionId))
            .GroupBy(c => (c.Check, Provider: providerOf[c.InterventionId]))
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
        // Contact attempts made in the period: shown, never an open item, so not a check.
        var attempts = attemptsPerIntervention
            .Where(c => providerOf.ContainsKey(c.InterventionId))
            .GroupBy(c => providerOf[c.InterventionId])
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Count));

        int Count(DataQualityCheck check, long providerId) => counts.GetValueOrDefault((check, providerId));
        return [.. providers.Select(p => new DataQualityRow(
            p.Id,
            p.Name,
            Count(DataQualityCheck.PastExpectedLengthWithoutExit, p.Id),
            Count(DataQualityCheck.ExitsWithoutOutcome, p.Id),
            Count(DataQualityCheck.ExitsWithoutStep, p.Id),
            Count(DataQualityCheck.OverdueFollowUps, p.Id),
            Count(DataQualityCheck.CountOnlyWithoutFigures, p.Id),
            UnreachableWithTooFewAttempts: Count(DataQualityCheck.UnreachableWithTooFewAttempts, p.Id),
            ContactAttempts: attempts.GetValueOrDefault(p.Id),
            UndecidedReferrals: Count(DataQualityCheck.UndecidedReferrals, p.Id),
            ExitsWithoutMeasurement: Count(DataQualityCheck.ExitsWithoutMeasurement, p.Id)))];
    }

    private sealed record ParticipationCounts(GenderCount Active, GenderCount New, GenderCount Ended, GenderCount Ongoing, int ActiveYearToDate);


    /// <summary>
    /// Everything fetched for the report; sums any set of interventions into one ReportFigures.
    /// Each row, category, orientation and the total is such a set (about 45 per report), so the
    /// exits by code and the indicator buckets are first summed once per intervention (and gender):
    /// every figure is a sum, and a set's figure is then the sum of its interventions' totals.
    /// </summary>
    private sealed record FigureContext(
        int Year,
        int Tertial,
        ReportMode Mode,
        int Threshold,
        Dictionary<long, InterventionYearPlan> Plans,
        Dictionary<long, GenderCount> CountOnly,
        Dictionary<long, ParticipationCounts> Participation,
        ILookup<long, (string Code, int Count)> Reasons,
        ILookup<long, (string Code, int Count)> Occupations,
        List<IndicatorBuckets> Indicators,
        ReferralCounts Referrals)
    {
        private readonly Dictionary<long, Dictionary<string, int>> reasonTotals = PerIntervention(Reasons);
        private readonly Dictionary<long, Dictionary<string, int>> occupationTotals = PerIntervention(Occupations);
        private readonly List<ILookup<long, MonthBucket>> indicatorTotals = [.. Indicators.Select(i => PerInterventionAndGender(i.Buckets))];

        /// <summary>Self-reported follow-up results per 12-month indicator and intervention.</summary>
        public Dictionary<string, Dictionary<long, int>> SelfReported { get; init; } = [];

        public ReportFigures Figures(IEnumerable<long> interventionIds)
        {
            var ids = interventionIds.ToHashSet();
            var planned = ids.Sum(id => Plans.TryGetValue(id, out var p) ? p.PlannedParticipants : 0);
            var budget = ids.Sum(id => Plans.TryGetValue(id, out var p) ? p.BudgetSek : 0L);
            var cost = ids.Sum(id => Plans.TryGetValue(id, out var p) ? p.ActualCostSek : 0L);
            var counts = ids.Select(id => Participation.GetValueOrDefault(id)).OfType<ParticipationCounts>().ToList();
            var countOnly = ids.Select(id => CountOnly.GetValueOrDefault(id, GenderCount.Zero)).Aggregate(GenderCount.Zero, (a, b) => a + b);
            var activeYearToDate = counts.Sum(c => c.ActiveYearToDate) + countOnly.Total;

            // Planned participants are per year: a tertial is 4/12 of it, year to date t·4/12.
            var share = Mode == ReportMode.Period ? 1.0 / 3 : Tertial / 3.0;
            return new ReportFigures(
                planned,
                Math.Round(planned * share, 1, MidpointRounding.AwayFromZero),
                Sum(counts, c => c.Active),
                Sum(counts, c => c.New),
                Sum(counts, c => c.Ended),
                Sum(counts, c => c.Ongoing),
                countOnly,
                Codes(ids, reasonTotals, ExitCodes),
                Codes(ids, occupationTotals, OccupationCodes),
                [.. Indicators.Select((indicator, n) => Indicator(indicator, indicatorTotals[n], ids))],
                budget,
                cost,
                budget > 0 ? Math.Round(100.0 * cost / budget, 1, MidpointRounding.AwayFromZero) : null,
                ReportCounting.CostPerParticipant(cost, activeYearToDate),
                activeYearToDate,
                CostBasis)
            {
                Referrals = Referrals.Figures(ids),
            };
        }

        private static GenderCount Sum(IEnumerable<ParticipationCounts> counts, Func<ParticipationCounts, GenderCount> pick) =>
            counts.Select(pick).Aggregate(GenderCount.Zero, (a, b) => a + b);

        /// <summary>Every exit reason but registered in error, in the list's order, with its Swedish label.</summary>
        private static readonly (string Code, string Label)[] ExitCodes = [.. Enum.GetValues<ExitReason>()
            .Where(v => v != ExitReason.RegisteredInError)
            .Select(v => (v.ToString(), SwedishFormat.Label(v)))];

        private static readonly (string Code, string Label)[] OccupationCodes = [.. Enum.GetValues<Occupation>()
            .Select(v => (v.ToString(), SwedishFormat.Label(v)))];

        private static Dictionary<long, Dictionary<string, int>> PerIntervention(ILookup<long, (string Code, int Count)> counts) =>
            counts.ToDictionary(g => g.Key, g => g.GroupBy(c => c.Code, StringComparer.Ordinal)
                .ToDictionary(c => c.Key, c => c.Sum(x => x.Count), StringComparer.Ordinal));

        /// <summary>An indicator's buckets summed per intervention and gender (the months are already the indicator's range).</summary>
        private static ILookup<long, MonthBucket> PerInterventionAndGender(List<MonthBucket> buckets) =>
            buckets.GroupBy(b => (b.InterventionId, b.Gender))
                .Select(g => new MonthBucket(g.Key.InterventionId, g.Key.Gender, 0, 0,
                    g.Sum(b => b.Counted), g.Sum(b => b.Success), g.Sum(b => b.Missing), g.Sum(b => b.Reached)))
                .ToLookup(b => b.InterventionId);

        /// <summary>Every code of the list, in its order, with the Swedish label; zeros included so rows line up.</summary>
        private static List<CodeCount> Codes(HashSet<long> ids, Dictionary<long, Dictionary<string, int>> totals, (string Code, string Label)[] codes)
        {
            var present = ids.Select(id => totals.GetValueOrDefault(id)).OfType<Dictionary<string, int>>().ToList();
            return [.. codes.Select(c => new CodeCount(c.Code, c.Label, present.Sum(t => t.GetValueOrDefault(c.Code))))];
        }

        private ReportIndicator Indicator(IndicatorBuckets indicator, ILookup<long, MonthBucket> totals, HashSet<long> ids)
        {
            var d = indicator.Definition;
            var buckets = ids.SelectMany(id => totals[id]).ToList();
            IndicatorFigure Figure(Gender? gender) =>
                IndicatorMath.Figure(buckets.Where(b => gender == null || b.Gender == gender), d.MeasurementPoint, d.TargetPercent, Threshold);
            var total = Figure(null);
            var status = IndicatorJudgement.Of(total);
            return new ReportIndicator(d.Code, d.Version, indicator.ExitsFrom, indicator.ExitsTo,
                Figure(Gender.Woman), Figure(Gender.Man), total, status)
            {
                SelfReported = SelfReported.TryGetValue(d.Code, out var answers) ? ids.Sum(id => answers.GetValueOrDefault(id)) : null,
            };
        }
    }
}
