using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Reports;

/// <summary>
/// Who the tertial report counts, as queries the database runs: the report builds its figures on
/// these, and the office's intervention list and page count a year with them, so the two agree
/// by construction (domain §7).
/// </summary>
internal static class ReportCounting
{
    /// <summary>
    /// The association's participations active at some point from <paramref name="first"/> to
    /// <paramref name="last"/>, with the participant's gender (the participation's copy of it, so the
    /// Participants table is not read). Registered in error counts nowhere.
    /// </summary>
    public static IQueryable<CountedParticipation> Active(FollowUpDbContext db, long associationId, DateOnly first, DateOnly last) =>
        from p in db.Participations
        where p.Intervention!.AssociationId == associationId
              && (p.ExitReason == null || p.ExitReason != ExitReason.RegisteredInError)
              && p.StartDate <= last && (p.EndDate == null || p.EndDate >= first)
        select new CountedParticipation { InterventionId = p.InterventionId, Gender = p.Gender, StartDate = p.StartDate, EndDate = p.EndDate };

    /// <summary>
    /// Count-only figures of a year from T1 up to and including <paramref name="tertial"/> (each
    /// person is counted once a year, in the tertial they first took part).
    /// </summary>
    public static IQueryable<InterventionTertialCount> CountOnlyYearToDate(FollowUpDbContext db, int year, int tertial) =>
        db.InterventionTertialCounts.Where(c => c.Year == year && c.Tertial <= tertial);

    /// <summary>Actual cost year to date ÷ participants active year to date (individual and count-only), whole kronor.</summary>
    public static long? CostPerParticipant(long costSek, int participants) =>
        participants > 0 ? (long)Math.Round((double)costSek / participants, MidpointRounding.AwayFromZero) : null;

    /// <summary>Participants as a share of the plan, percent; null without a plan.</summary>
    public static double? PercentOfPlan(long actual, double planned) => planned > 0 ? actual * 100.0 / planned : null;
}

/// <summary>One counted participation: what the report's grouped sums read.</summary>
internal sealed class CountedParticipation
{
    public long InterventionId { get; init; }
    public Gender Gender { get; init; }
    public DateOnly StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
}
