using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Indicators;

namespace Samordning.FollowUp.Features.Reports;

/// <summary>
/// What a year's reports and the trend beside them read from the big tables, fetched once for all
/// of them (<see cref="BuiltReports.SharedAsync"/>): a board's page builds the year's six reports
/// for its masks and a trend of eight periods, and each used to count the participations and score
/// the exits again. A report of <c>year</c> reads the tertials from 1 January two years before to
/// the year's end, which holds the trend's periods (six tertials back, the year to date a year
/// before) and every report of the year; each report and trend period takes its part of them.
/// </summary>
internal sealed class ReportYearParts(
    FollowUpDbContext db, IndicatorCalculator calculator, DataQualityChecks checks, BuiltReports built, ReportScopes scopes, InterventionSlices slices,
    ReportReadVersion reads)
{
    /// <summary>How many years before the report's year its parts reach back.</summary>
    private const int YearsBack = 2;

    /// <summary>The data version the request read (read again if this scope has written since).</summary>
    private Task<string?> VersionAsync(CancellationToken cancellationToken) => reads.GetAsync(cancellationToken);

    /// <summary>
    /// Starts fetching every part of <paramref name="year"/>'s reach side by side, each in a scope of
    /// its own (<see cref="ReportScopes"/>): the participation grid and the buckets of each indicator
    /// version in force at the end of some tertial of the reach, and the year's exits. The board's page calls this first,
    /// so its report, the year's other reports and the trend find the parts being fetched instead of
    /// fetching them one after another. Completes when all are fetched.
    /// </summary>
    public async Task<bool> FetchAllAsync(long associationId, int year, CancellationToken cancellationToken)
    {
        var definitions = await DefinitionsAsync(associationId, cancellationToken);
        var codes = definitions.Select(d => d.Code).Distinct().ToList();
        var used = Enumerable.Range(ParticipationGrid.Ordinal(year - YearsBack, 1), (YearsBack + 1) * 3)
            .Select(n => Tertials.End(n / 3, (n % 3) + 1))
            .SelectMany(end => codes.Select(code => IndicatorPeriods.InForce(definitions, code, end)))
            .OfType<IndicatorDefinition>()
            .DistinctBy(d => d.Id);
        Task[] fetches =
        [
            scopes.BuildAsync(services => services.GetRequiredService<ReportYearParts>().ParticipationsAsync(associationId, year, cancellationToken)),
            scopes.BuildAsync(services => services.GetRequiredService<ReportYearParts>().ExitsAsync(associationId, year, cancellationToken)),
            .. used.Select(definition => scopes.BuildAsync(services =>
                services.GetRequiredService<ReportYearParts>().BucketsAsync(definition, associationId, year, cancellationToken))),
        ];
        await Task.WhenAll(fetches);
        return true;
    }

    /// <summary>The association's name and thresholds, read once per data version for a page's reports and trend.</summary>
    public async Task<AssociationBasics> AssociationAsync(long associationId, CancellationToken cancellationToken) =>
        await built.SharedAsync(await VersionAsync(cancellationToken), (nameof(AssociationBasics), associationId), async () =>
            await db.Associations.AsNoTracking()
                .Where(a => a.Id == associationId)
                .Select(a => new AssociationBasics(a.Name, a.SmallNumberThreshold, a.PlanBelowPercent, a.PlanAbovePercent))
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Association), cancellationToken);

    /// <summary>
    /// What each of the year's reports reads first besides the association — the interventions
    /// running some time in the year with their plans, the count-only figures per tertial — read
    /// once per data version for them all instead of once per report. Shared: nobody changes what it holds.
    /// </summary>
    public async Task<YearBasics> BasicsAsync(long associationId, int year, CancellationToken cancellationToken) =>
        await built.SharedAsync(await VersionAsync(cancellationToken), (nameof(YearBasics), associationId, year), async () =>
        {
            var (yearStart, yearEnd) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            // In the report's order (the database's, so its collation decides as before).
            var interventions = await db.Interventions.AsNoTracking()
                .Where(i => i.AssociationId == associationId && i.StartDate <= yearEnd && (i.EndDate == null || i.EndDate >= yearStart))
                .OrderBy(i => i.Name).ThenBy(i => i.Id)
                .Select(i => new YearIntervention(i.Id, i.Name, i.ProviderId, i.Provider!.Name, i.Orientation, i.Category, i.RegistrationMode, i.StartDate))
                .ToListAsync(cancellationToken);
            var ids = interventions.Select(i => i.Id).ToList();
            var plans = await db.InterventionYearPlans.AsNoTracking()
                .Where(p => p.Year == year && ids.Contains(p.InterventionId))
                .ToDictionaryAsync(p => p.InterventionId, cancellationToken);
            var countOnly = await db.InterventionTertialCounts.AsNoTracking()
                .Where(c => c.Year == year && ids.Contains(c.InterventionId))
                .GroupBy(c => new { c.InterventionId, c.Tertial })
                .Select(g => new TertialCount(g.Key.InterventionId, g.Key.Tertial, g.Sum(c => c.Women), g.Sum(c => c.Men)))
                .ToListAsync(cancellationToken);
            return new YearBasics(interventions, plans, countOnly);
        }, cancellationToken);

    /// <summary>The referrals of each of the year's reports (<see cref="ReportReferrals.YearAsync"/>), counted once per data version for them all.</summary>
    public async Task<PeriodReferrals> ReferralsAsync(long associationId, int year, CancellationToken cancellationToken) =>
        await built.SharedAsync(await VersionAsync(cancellationToken), (nameof(PeriodReferrals), associationId, year),
            () => ReportReferrals.YearAsync(db, associationId, year, cancellationToken), cancellationToken);

    /// <summary>The association's indicator definitions, every version: read once per data version for the year's reports and trend.</summary>
    public async Task<List<IndicatorDefinition>> DefinitionsAsync(long associationId, CancellationToken cancellationToken) =>
        await built.SharedAsync(await VersionAsync(cancellationToken), (nameof(IndicatorDefinition), associationId),
            () => db.IndicatorDefinitions.AsNoTracking().Where(d => d.AssociationId == associationId).ToListAsync(cancellationToken), cancellationToken);

    /// <summary>Whether the year's parts were fetched since the last change (the buckets are fetched with the grid).</summary>
    public async Task<bool> FetchedAsync(long associationId, int year, CancellationToken cancellationToken) =>
        built.HasShared<List<ParticipationGrid.Cell>>(await VersionAsync(cancellationToken), GridKey(associationId, year));

    /// <summary>The participations counted per intervention, gender and the tertials they started and ended in.</summary>
    public async Task<ParticipationGrid> ParticipationsAsync(long associationId, int year, CancellationToken cancellationToken)
    {
        var (first, last) = (ParticipationGrid.Ordinal(year - YearsBack, 1), ParticipationGrid.Ordinal(year, 3));
        return new ParticipationGrid(first, last, await PartAsync(await VersionAsync(cancellationToken), associationId, GridKey(associationId, year),
            ids => ParticipationGrid.CellsAsync(db, associationId, first, last, ids, cancellationToken), c => c.InterventionId, cancellationToken));
    }

    /// <summary>
    /// The year's exits (registered in error excluded) counted per intervention, reason, occupation
    /// at exit and the tertial they fell in: a report's exits by reason and by occupation are sums
    /// of its tertials' groups.
    /// </summary>
    public async Task<List<ExitCount>> ExitsAsync(long associationId, int year, CancellationToken cancellationToken)
    {
        return await PartAsync(await VersionAsync(cancellationToken), associationId, (nameof(ExitCount), associationId, year), async ids =>
        {
            var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            var (second, third) = (Tertials.Start(year, 2), Tertials.Start(year, 3));
            var exits = db.Participations.AsNoTracking()
                .Where(p => p.Intervention!.AssociationId == associationId
                    && p.EndDate != null && p.EndDate >= first && p.EndDate <= last
                    && p.ExitReason != ExitReason.RegisteredInError);
            if (ids is not null)
            {
                exits = exits.Where(p => EF.Constant(ids).Contains(p.InterventionId));
            }

            return await exits
                .GroupBy(p => new { p.InterventionId, p.ExitReason, p.OccupationAtExit, Tertial = p.EndDate < second ? 1 : p.EndDate < third ? 2 : 3 })
                .Select(g => new ExitCount(g.Key.InterventionId, g.Key.ExitReason, g.Key.OccupationAtExit, g.Key.Tertial, g.Count()))
                .ToListAsync(cancellationToken);
        }, e => e.InterventionId, cancellationToken);
    }

    /// <summary>Each data-quality check's items in <paramref name="period"/>, per intervention (<see cref="DataQualityChecks"/>).</summary>
    public async Task<List<InterventionCheckCount>> DataQualityAsync(long associationId, DataQualityPeriod period, CancellationToken cancellationToken)
    {
        return await PartAsync(await VersionAsync(cancellationToken), associationId, (nameof(InterventionCheckCount), associationId, period),
            ids => checks.CountsAsync(associationId, period, ids, cancellationToken), c => c.InterventionId, cancellationToken);
    }

    /// <summary>The contact attempts made from <paramref name="start"/> to <paramref name="end"/>, per intervention.</summary>
    public async Task<List<InterventionCount>> ContactAttemptsAsync(long associationId, DateOnly start, DateOnly end, CancellationToken cancellationToken)
    {
        return await PartAsync(await VersionAsync(cancellationToken), associationId, (nameof(ContactAttempt), associationId, start, end), async ids =>
        {
            var attempts = from a in db.ContactAttempts
                           join f in db.TwelveMonthFollowUps on a.FollowUpId equals f.Id
                           join p in db.Participations on f.ParticipationId equals p.Id
                           join i in db.Interventions on p.InterventionId equals i.Id
                           where i.AssociationId == associationId && a.AttemptedOn >= start && a.AttemptedOn <= end
                           select p.InterventionId;
            if (ids is not null)
            {
                attempts = attempts.Where(id => EF.Constant(ids).Contains(id));
            }

            return await attempts.GroupBy(id => id).Select(g => new InterventionCount(g.Key, g.Count())).ToListAsync(cancellationToken);
        }, c => c.InterventionId, cancellationToken);
    }

    /// <summary>
    /// A part's rows: shared under the data version by the parts that ask at once
    /// (<see cref="BuiltReports.SharedAsync"/>), and kept per intervention under its fingerprint
    /// (<see cref="InterventionSlices"/>), so only the interventions changed since are fetched.
    /// Without a data version (this context holds changes it has not committed) everything is
    /// fetched and nothing kept.
    /// </summary>
    private Task<List<T>> PartAsync<T>(
        string? version, long associationId, object part, Func<IReadOnlyCollection<long>?, Task<List<T>>> fetch, Func<T, long> interventionOf,
        CancellationToken cancellationToken) =>
        built.SharedAsync(version, part, async () =>
        {
            if (version is null)
            {
                return await fetch(null);
            }

            // Read before the rows they vouch for, once per data version for all the parts.
            var fingerprints = await built.SharedAsync(version, (nameof(ReportDataMarks), associationId),
                () => ReportDataMarks.FingerprintsAsync(db, associationId, cancellationToken), cancellationToken);
            return await slices.GetAsync(part, fingerprints, fetch, interventionOf);
        }, cancellationToken);

    private static object GridKey(long associationId, int year) => (nameof(ParticipationGrid), associationId, year);

    /// <summary>
    /// A definition version's buckets (per intervention, gender and exit month) over the exits that
    /// any period of the reach looks at; a period takes the months of its own exit range.
    /// </summary>
    public async Task<List<MonthBucket>> BucketsAsync(IndicatorDefinition definition, long associationId, int year, CancellationToken cancellationToken) =>
        await BucketsAsync(await VersionAsync(cancellationToken), definition, associationId, year, cancellationToken);

    /// <summary>The buckets of each of <paramref name="definitions"/> (by id), under one read of the data version.</summary>
    public async Task<Dictionary<long, List<MonthBucket>>> BucketsAsync(
        IReadOnlyCollection<IndicatorDefinition> definitions, long associationId, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var version = await VersionAsync(cancellationToken);
        var result = new Dictionary<long, List<MonthBucket>>();
        foreach (var definition in definitions.DistinctBy(d => d.Id))
        {
            result[definition.Id] = await BucketsAsync(version, definition, associationId, year, cancellationToken);
        }

        return result;
    }

    private async Task<List<MonthBucket>> BucketsAsync(
        string? version, IndicatorDefinition definition, long associationId, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var (exitsFrom, exitsTo) = IndicatorMath.ExitRange(definition.MeasurementPoint, new DateOnly(year - YearsBack, 1, 1), new DateOnly(year, 12, 31));
        return await PartAsync(version, associationId, (nameof(MonthBucket), definition.Id, associationId, year),
            ids => calculator.BucketsAsync(definition, associationId, exitsFrom, exitsTo, ids, cancellationToken), b => b.InterventionId, cancellationToken);
    }

    /// <summary>
    /// Each indicator in force at the end of the period <paramref name="from"/>–<paramref name="to"/>
    /// of <paramref name="year"/>, with the buckets of the exits it looks at (as
    /// <see cref="IndicatorsInForce"/>, from the year's shared buckets).
    /// </summary>
    public async Task<List<IndicatorBuckets>> InForceAsync(long associationId, int year, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var version = await VersionAsync(cancellationToken);
        return await IndicatorsInForce.BucketsAsync(await DefinitionsAsync(associationId, cancellationToken), from, to,
            (definition, _, _) => BucketsAsync(version, definition, associationId, year, cancellationToken));
    }
}

/// <summary>What each of a year's reports reads first (<see cref="ReportYearParts.BasicsAsync"/>).</summary>
internal sealed record YearBasics(
    List<YearIntervention> Interventions, Dictionary<long, InterventionYearPlan> Plans, List<TertialCount> CountOnly);

internal sealed record AssociationBasics(string Name, int SmallNumberThreshold, int PlanBelowPercent, int PlanAbovePercent);

/// <summary>An intervention running some time in the year, as a report's row names it.</summary>
internal sealed record YearIntervention(
    long Id, string Name, long ProviderId, string ProviderName, Orientation Orientation, InterventionCategory Category, RegistrationMode Mode, DateOnly StartDate);

/// <summary>A count-only intervention's women and men counted in one tertial.</summary>
internal sealed record TertialCount(long InterventionId, int Tertial, int Women, int Men);

/// <summary>Exits of one intervention with one reason and occupation at exit in one tertial of the year.</summary>
internal sealed record ExitCount(long InterventionId, ExitReason? ExitReason, Occupation? OccupationAtExit, int Tertial, int Count);

/// <summary>How many of something one intervention has.</summary>
internal sealed record InterventionCount(long InterventionId, int Count);
