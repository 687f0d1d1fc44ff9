using System.Collections.Concurrent;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Reports;

/// <summary>
/// Who the tertial report counts among the referrals (issue 19), as queries the database runs. A
/// referral's state at a period's end is read from its dates, so a report of an earlier tertial
/// counts what was true then: received on or before the end, and neither started, declined nor
/// withdrawn by then, it was waiting. A referral counts as started on its participation's start
/// date; a participation registered in error starts nothing (and the referral waits no more).
/// Each rule is written once and read by the report and by its trend.
/// </summary>
internal static class ReportReferrals
{
    /// <summary>The association's referrals received on or before <paramref name="last"/>, with the person's gender and the start date.</summary>
    public static IQueryable<ReferralRow> Rows(FollowUpDbContext db, long associationId, DateOnly last) =>
        from r in db.Referrals
        join person in db.Participants on r.ParticipantId equals person.Id
        join i in db.Interventions on r.InterventionId equals i.Id
        join p in db.Participations on r.ParticipationId equals (long?)p.Id into participations
        from p in participations.DefaultIfEmpty()
        where i.AssociationId == associationId && r.ReceivedOn <= last
        select new ReferralRow
        {
            InterventionId = r.InterventionId,
            ReferredBy = r.ReferredBy,
            Gender = person.Gender,
            DeclineReason = r.DeclineReason,
            ReceivedOn = r.ReceivedOn,
            StartedOn = p == null ? null : p.StartDate,
            StartCounts = p != null && (p.ExitReason == null || p.ExitReason != ExitReason.RegisteredInError),
            DeclinedOn = r.DeclinedOn,
            WithdrawnOn = r.WithdrawnOn,
        };

    public static Expression<Func<ReferralRow, bool>> Received(DateOnly from, DateOnly to) =>
        r => r.ReceivedOn >= from && r.ReceivedOn <= to;

    public static Expression<Func<ReferralRow, bool>> Started(DateOnly from, DateOnly to) =>
        r => r.StartCounts && r.StartedOn != null && r.StartedOn >= from && r.StartedOn <= to;

    public static Expression<Func<ReferralRow, bool>> Declined(DateOnly from, DateOnly to) =>
        r => r.DeclinedOn != null && r.DeclinedOn >= from && r.DeclinedOn <= to;

    public static Expression<Func<ReferralRow, bool>> Withdrawn(DateOnly from, DateOnly to) =>
        r => r.WithdrawnOn != null && r.WithdrawnOn >= from && r.WithdrawnOn <= to;

    /// <summary>Received by the end and not yet started, declined or withdrawn then.</summary>
    public static Expression<Func<ReferralRow, bool>> WaitingAt(DateOnly end) =>
        r => r.ReceivedOn <= end
             && (r.StartedOn == null || r.StartedOn > end)
             && (r.DeclinedOn == null || r.DeclinedOn > end)
             && (r.WithdrawnOn == null || r.WithdrawnOn > end);

    /// <summary>
    /// The referrals of every report of <paramref name="year"/> — each tertial alone and each year to
    /// date (<see cref="PeriodReferrals.OfYear"/>) — counted per intervention for all of them at once:
    /// one grouped query for the flows (per period: received by party and gender, started, declined by
    /// reason, withdrawn; and the waiting at each period's end) and one for the days from referral to
    /// start, grouped by the two dates — only those small groups come into memory. A period counts
    /// the referrals received by its end.
    /// </summary>
    public static async Task<PeriodReferrals> YearAsync(FollowUpDbContext db, long associationId, int year, CancellationToken cancellationToken)
    {
        var periods = PeriodReferrals.OfYear(year);
        var ends = periods.Select(p => p.To).Distinct().ToList();
        var rows = Rows(db, associationId, ends.Max());
        var groups = await rows
            .GroupBy(r => new ReferralKey { InterventionId = r.InterventionId, ReferredBy = r.ReferredBy, Gender = r.Gender, DeclineReason = r.DeclineReason })
            .Select(YearSums.GetOrAdd(year, _ => ConditionalSums.Of<ReferralRow, ReferralKey, ReferralGroup>(
                [.. periods.SelectMany(p => new[]
                {
                    Received(p.From, p.To), ReceivedBy(p.To, Started(p.From, p.To)), ReceivedBy(p.To, Declined(p.From, p.To)),
                    ReceivedBy(p.To, Withdrawn(p.From, p.To)),
                }), .. ends.Select(WaitingAt)],
                (key, sums) => new ReferralGroup(key.InterventionId, key.ReferredBy, key.Gender, key.DeclineReason, sums))))
            .ToListAsync(cancellationToken);
        var starts = await rows.Where(Started(periods.Min(p => p.From), ends.Max()))
            .GroupBy(r => new { r.InterventionId, r.ReceivedOn, r.StartedOn })
            .Select(g => new { g.Key.InterventionId, g.Key.ReceivedOn, g.Key.StartedOn, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new PeriodReferrals(periods, ends, groups, [.. starts.Select(s => (s.InterventionId, s.ReceivedOn, s.StartedOn!.Value, s.Count))]);
    }

    /// <summary>
    /// The year's sums, built once per year: the same expression on every page, so it is not put
    /// together again (its dates are the year's, held as constants).
    /// </summary>
    private static readonly ConcurrentDictionary<int, Expression<Func<IGrouping<ReferralKey, ReferralRow>, ReferralGroup>>> YearSums = new();

    /// <summary><paramref name="predicate"/>, of a referral received by <paramref name="end"/>.</summary>
    private static Expression<Func<ReferralRow, bool>> ReceivedBy(DateOnly end, Expression<Func<ReferralRow, bool>> predicate)
    {
        var row = predicate.Parameters[0];
        return Expression.Lambda<Func<ReferralRow, bool>>(
            Expression.AndAlso(Expression.LessThanOrEqual(Expression.Property(row, nameof(ReferralRow.ReceivedOn)), Expression.Constant(end)), predicate.Body), row);
    }

    private sealed class ReferralKey
    {
        public long InterventionId { get; init; }
        public ReferredBy ReferredBy { get; init; }
        public Gender Gender { get; init; }
        public DeclineReason? DeclineReason { get; init; }
    }
}

/// <summary>One referral as the report's queries see it; every member is set so EF Core can sum over it.</summary>
internal sealed class ReferralRow
{
    public long InterventionId { get; init; }
    public ReferredBy ReferredBy { get; init; }
    public Gender Gender { get; init; }
    public DeclineReason? DeclineReason { get; init; }
    public DateOnly ReceivedOn { get; init; }
    public DateOnly? StartedOn { get; init; }
    public bool StartCounts { get; init; }
    public DateOnly? DeclinedOn { get; init; }
    public DateOnly? WithdrawnOn { get; init; }
}

/// <param name="Sums">Received, started, declined, withdrawn in the period, waiting at its end.</param>
internal sealed record ReferralGroup(long InterventionId, ReferredBy ReferredBy, Gender Gender, DeclineReason? DeclineReason, int[] Sums)
{
    public int ReceivedCount => Sums[0];

    public int StartedCount => Sums[1];

    public int DeclinedCount => Sums[2];

    public int WithdrawnCount => Sums[3];

    public int WaitingCount => Sums[4];
}

/// <summary>Referrals of one intervention started in the period after waiting this many days.</summary>
internal sealed record WaitGroup(long InterventionId, int Days, int Count);

/// <summary>
/// Referral counts for each period of a year's reports (<see cref="ReportReferrals.YearAsync"/>):
/// per group, the four counts of each period and the waiting at each period's end.
/// </summary>
internal sealed class PeriodReferrals(
    List<(DateOnly From, DateOnly To)> periods, List<DateOnly> ends, List<ReferralGroup> groups,
    List<(long InterventionId, DateOnly ReceivedOn, DateOnly StartedOn, int Count)> starts)
{
    /// <summary>The periods of a year's reports: each tertial alone, and the year to date after T2 and T3 (after T1 it is T1).</summary>
    public static List<(DateOnly From, DateOnly To)> OfYear(int year) =>
    [
        .. Enumerable.Range(1, 3).Select(t => (Tertials.Start(year, t), Tertials.End(year, t))),
        (Tertials.Start(year, 1), Tertials.End(year, 2)),
        (Tertials.Start(year, 1), Tertials.End(year, 3)),
    ];

    /// <summary>The counts of the report from <paramref name="from"/> to <paramref name="to"/>, one of the year's reports' periods.</summary>
    public ReferralCounts For(DateOnly from, DateOnly to)
    {
        var period = periods.IndexOf((from, to));
        if (period < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(from), $"{from}–{to} is no report's period of the year.");
        }

        var waiting = (periods.Count * 4) + ends.IndexOf(to);
        var own = groups
            .Select(g => g with { Sums = [g.Sums[period * 4], g.Sums[(period * 4) + 1], g.Sums[(period * 4) + 2], g.Sums[(period * 4) + 3], g.Sums[waiting]] })
            .Where(g => g.Sums.Any(s => s > 0))
            .ToList();
        var waits = starts
            .Where(s => s.StartedOn >= from && s.StartedOn <= to && s.ReceivedOn <= to)
            .Select(s => new WaitGroup(s.InterventionId, s.StartedOn.DayNumber - s.ReceivedOn.DayNumber, s.Count))
            .ToList();
        return new ReferralCounts(own, waits);
    }
}

/// <summary>The period's referral groups; sums any set of interventions into one <see cref="ReferralFigures"/>.</summary>
internal sealed class ReferralCounts(List<ReferralGroup> groups, List<WaitGroup> waits)
{
    public static readonly ReferralCounts None = new([], []);

    public ReferralFigures Figures(IReadOnlySet<long> interventions)
    {
        var mine = groups.Where(g => interventions.Contains(g.InterventionId)).ToList();
        GenderCount Count(Func<ReferralGroup, int> pick, IEnumerable<ReferralGroup> of) => GenderCount.Of(
            of.Where(g => g.Gender == Gender.Woman).Sum(pick), of.Where(g => g.Gender == Gender.Man).Sum(pick));

        var parties = Enum.GetValues<ReferredBy>()
            .Select(party => new PartyCount(party.ToString(), SwedishFormat.Label(party), Count(g => g.ReceivedCount, mine.Where(g => g.ReferredBy == party))))
            .ToList();
        var reasons = Enum.GetValues<DeclineReason>()
            .Select(reason => new CodeCount(reason.ToString(), SwedishFormat.Label(reason), mine.Where(g => g.DeclineReason == reason).Sum(g => g.DeclinedCount)))
            .ToList();
        var (median, p90) = WaitPercentiles.Of(waits.Where(w => interventions.Contains(w.InterventionId)).Select(w => (w.Days, w.Count)));
        return new ReferralFigures(
            parties,
            Count(g => g.ReceivedCount, mine),
            Count(g => g.StartedCount, mine),
            reasons,
            mine.Sum(g => g.DeclinedCount),
            mine.Sum(g => g.WithdrawnCount),
            Count(g => g.WaitingCount, mine),
            median,
            p90);
    }
}

/// <summary>The median and the 90th percentile of waiting days, from days and how many waited that long.</summary>
public static class WaitPercentiles
{
    /// <summary>
    /// The median is the middle value, or the mean of the two middle values when the count is even;
    /// the 90th percentile is the nearest rank: the smallest number of days that at least nine in
    /// ten waited at most. Both null when there is nothing.
    /// </summary>
    public static (double? Median, int? Percentile90) Of(IEnumerable<(int Days, int Count)> histogram)
    {
        var sorted = histogram.Where(h => h.Count > 0).GroupBy(h => h.Days).Select(g => (Days: g.Key, Count: g.Sum(h => h.Count)))
            .OrderBy(h => h.Days).ToList();
        var n = sorted.Sum(h => h.Count);
        if (n == 0)
        {
            return (null, null);
        }

        int At(int rank)
        {
            // The value at a 1-based rank in the sorted list.
            var seen = 0;
            foreach (var (days, count) in sorted)
            {
                seen += count;
                if (seen >= rank)
                {
                    return days;
                }
            }

            return sorted[^1].Days;
        }

        var median = n % 2 == 1 ? At((n + 1) / 2) : (At(n / 2) + At((n / 2) + 1)) / 2.0;
        var p90 = At(((9 * n) + 9) / 10); // ⌈0.9·n⌉ in integers
        return (median, p90);
    }
}
