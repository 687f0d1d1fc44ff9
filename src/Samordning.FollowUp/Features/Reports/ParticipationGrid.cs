using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Reports.Trends;

namespace Samordning.FollowUp.Features.Reports;

/// <summary>
/// The association's participations counted per intervention, gender, the tertial they started in
/// and the tertial they ended in, over a run of tertials: one GROUP BY whose two keys are CASE
/// chains over the tertials' first days. Every count the report and its trend show (active, new,
/// ended, ongoing at the end, active year to date; domain §7) compares a start or end date with
/// the first or last day of a tertial, so each is an exact sum of these cells for any tertial or
/// year to date inside the run — the year's six reports the board's masks read and the trend's
/// eight periods come from one pass over the participations instead of one each (issue 17).
/// Registered in error counts nowhere.
/// </summary>
internal sealed class ParticipationGrid
{
    /// <summary>The end "tertial" of a participation that has not ended.</summary>
    private const int NotEnded = int.MaxValue;

    private readonly int _first;
    private readonly int _last;
    private readonly List<Cell> _cells;

    public ParticipationGrid(int first, int last, List<Cell> cells) => (_first, _last, _cells) = (first, last, cells);

    /// <summary>A tertial as one number: year · 3 + tertial − 1, so consecutive tertials are consecutive numbers.</summary>
    public static int Ordinal(int year, int tertial) => (year * 3) + tertial - 1;

    private static DateOnly StartOf(int ordinal) => Tertials.Start(ordinal / 3, (ordinal % 3) + 1);

    /// <summary>
    /// The cells of everyone who could count in some period from tertial <paramref name="first"/>
    /// (its 1 January is where a year to date starts, so <paramref name="first"/> is the first
    /// tertial of a year) to tertial <paramref name="last"/>: started by the last one's end, not
    /// ended before the first one. Of the interventions in <paramref name="interventionIds"/>, or all
    /// of the association's when null.
    /// </summary>
    public static async Task<List<Cell>> CellsAsync(
        FollowUpDbContext db, long associationId, int first, int last, IReadOnlyCollection<long>? interventionIds, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, last);
        // Who counts is the report's rule (ReportCounting), written once.
        var rows = ReportCounting.Active(db, associationId, StartOf(first), StartOf(last + 1).AddDays(-1));
        if (interventionIds is not null)
        {
            rows = rows.Where(r => EF.Constant(interventionIds).Contains(r.InterventionId));
        }

        return await rows
            .GroupBy(Key(first, last))
            .Select(g => new Cell(g.Key.InterventionId, g.Key.Gender, g.Key.Started, g.Key.Ended, g.Count()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The grid of every intervention of the association (<see cref="CellsAsync"/>).</summary>
    public static async Task<ParticipationGrid> ReadAsync(
        FollowUpDbContext db, long associationId, int first, int last, CancellationToken cancellationToken) =>
        new(first, last, await CellsAsync(db, associationId, first, last, null, cancellationToken));

    /// <summary>
    /// r => (intervention, gender, the tertial started in — first − 1 for before the run —, the
    /// tertial ended in — last + 1 for after it, <see cref="NotEnded"/> for not ended). The days
    /// are constants in the SQL: the same few per year, and a CASE the database compares as dates.
    /// </summary>
    private static Expression<Func<CountedParticipation, GridKey>> Key(int first, int last)
    {
        var row = Expression.Parameter(typeof(CountedParticipation), "r");
        var start = Expression.Property(row, nameof(CountedParticipation.StartDate));
        var end = Expression.Property(row, nameof(CountedParticipation.EndDate));

        // Started: before the run, then in which tertial (the WHERE leaves none after it).
        Expression started = Expression.Constant(last);
        for (var t = last; t >= first; t--)
        {
            started = Expression.Condition(Expression.LessThan(start, Expression.Constant(StartOf(t))), Expression.Constant(t - 1), started);
        }

        // Ended: not at all, then in which tertial (the WHERE leaves none before the run), or after it.
        var endDate = Expression.Property(end, nameof(Nullable<>.Value));
        Expression ended = Expression.Constant(last + 1);
        for (var t = last; t >= first; t--)
        {
            ended = Expression.Condition(Expression.LessThan(endDate, Expression.Constant(StartOf(t + 1))), Expression.Constant(t), ended);
        }

        ended = Expression.Condition(Expression.Equal(end, Expression.Constant(null, typeof(DateOnly?))), Expression.Constant(NotEnded), ended);
        var key = Expression.MemberInit(Expression.New(typeof(GridKey)),
            Expression.Bind(typeof(GridKey).GetProperty(nameof(GridKey.InterventionId))!, Expression.Property(row, nameof(CountedParticipation.InterventionId))),
            Expression.Bind(typeof(GridKey).GetProperty(nameof(GridKey.Gender))!, Expression.Property(row, nameof(CountedParticipation.Gender))),
            Expression.Bind(typeof(GridKey).GetProperty(nameof(GridKey.Started))!, started),
            Expression.Bind(typeof(GridKey).GetProperty(nameof(GridKey.Ended))!, ended));
        return Expression.Lambda<Func<CountedParticipation, GridKey>>(key, row);
    }

    /// <summary>The report's counts of <paramref name="period"/> per intervention, by gender (domain §7).</summary>
    public Dictionary<long, PeriodCounts> Counts(TrendPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var (yearStart, from, to) = (Ordinal(period.Year, 1), Ordinal(period.Year, period.YearToDate ? 1 : period.Tertial), Ordinal(period.Year, period.Tertial));
        if (yearStart < _first || to > _last)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, $"Outside the tertials counted ({_first}–{_last}).");
        }

        var result = new Dictionary<long, PeriodCounts>();
        foreach (var cell in _cells)
        {
            // The report's rows: active some time from 1 January to the period's end.
            if (cell.Started > to || cell.Ended < yearStart)
            {
                continue;
            }

            var counts = result.TryGetValue(cell.InterventionId, out var c) ? c : result[cell.InterventionId] = new PeriodCounts();
            var n = cell.Count;
            var women = cell.Gender == Gender.Woman;
            counts.Add(PeriodMeasure.ActiveYearToDate, women, n);
            if (cell.Ended >= from)
            {
                counts.Add(PeriodMeasure.Active, women, n);
            }

            if (cell.Started >= from)
            {
                counts.Add(PeriodMeasure.New, women, n);
            }

            if (cell.Ended >= from && cell.Ended <= to)
            {
                counts.Add(PeriodMeasure.Ended, women, n);
            }

            if (cell.Ended > to)
            {
                counts.Add(PeriodMeasure.Ongoing, women, n);
            }
        }

        return result;
    }

    /// <summary>Participations of one intervention and gender that started in one tertial and ended in another.</summary>
    public sealed record Cell(long InterventionId, Gender Gender, int Started, int Ended, int Count);

    private sealed class GridKey
    {
        public long InterventionId { get; init; }
        public Gender Gender { get; init; }
        public int Started { get; init; }
        public int Ended { get; init; }
    }
}

internal enum PeriodMeasure
{
    Active,
    New,
    Ended,
    Ongoing,

    /// <summary>Active some time from 1 January to the period's end (the cost per participant's denominator).</summary>
    ActiveYearToDate,
}

/// <summary>One intervention's counts of a period, women and men apart.</summary>
internal sealed class PeriodCounts
{
    private readonly int[] _women = new int[5];
    private readonly int[] _men = new int[5];

    public GenderCount this[PeriodMeasure measure] => GenderCount.Of(_women[(int)measure], _men[(int)measure]);

    public void Add(PeriodMeasure measure, bool woman, int count) => (woman ? _women : _men)[(int)measure] += count;
}
