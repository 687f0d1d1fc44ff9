using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.FollowUps;

namespace Samordning.FollowUp.Features.Reports;

/// <summary>
/// The period a tertial's data quality is read for: the tertial's days, and the day the
/// "still open" checks look at (the tertial's last day, or today while it runs), so an old
/// tertial's figure does not change when the exit comes later.
/// </summary>
public sealed record DataQualityPeriod(int Year, int Tertial, DateOnly From, DateOnly To, DateOnly AsOf)
{
    public static DataQualityPeriod Of(int year, int tertial, DateOnly today)
    {
        var (from, to) = (Tertials.Start(year, tertial), Tertials.End(year, tertial));
        return new DataQualityPeriod(year, tertial, from, to, to < today ? to : today);
    }
}

/// <summary>
/// Each data-quality check defined once, as a query the database runs: the report's counts per
/// provider, the tertial checklist, the coach's list of what lies behind a count and the reminder
/// to the provider all read these, so a count and its list cannot disagree. The queries span
/// every association; callers narrow them to an association or a provider.
/// </summary>
internal sealed class DataQualityChecks(FollowUpDbContext db, IOptions<FollowUpOptions> followUps, IOptions<ReportOptions> reports)
{
    /// <summary>The checks whose items are participations (all but the count-only interventions and the referrals).</summary>
    public static readonly IReadOnlyList<DataQualityCheck> OfParticipations =
        [.. Enum.GetValues<DataQualityCheck>().Where(c => c is not (DataQualityCheck.CountOnlyWithoutFigures or DataQualityCheck.UndecidedReferrals))];

    /// <summary>The participations behind a check in the period.</summary>
    public IQueryable<Participation> Participations(DataQualityCheck check, DataQualityPeriod period)
    {
        var (from, to) = (period.From, period.To);
        return check switch
        {
            DataQualityCheck.PastExpectedLengthWithoutExit => PastExpectedLength(period.AsOf),
            // Of the period's exits other than by death: no known occupation, or a step missing.
            DataQualityCheck.ExitsWithoutOutcome => Exits(from, to)
                .Where(p => p.OccupationAtExit == null || p.OccupationAtExit == Occupation.Unknown),
            DataQualityCheck.ExitsWithoutStep => Exits(from, to)
                .Where(p => p.StepAtStart == null || p.StepAtExit == null),
            DataQualityCheck.OverdueFollowUps => db.Participations
                .Where(p => db.TwelveMonthFollowUps.Any(f => f.ParticipationId == p.Id && f.Status == FollowUpStatus.Overdue)),
            DataQualityCheck.UnreachableWithTooFewAttempts => UnreachableWithTooFewAttempts(from, to),
            DataQualityCheck.ExitsWithoutMeasurement => ExitsWithoutMeasurement(from, to),
            _ => throw new ArgumentOutOfRangeException(nameof(check), check, "Not a check of participations."),
        };
    }

    /// <summary>
    /// Open on <paramref name="asOf"/> and past the intervention's expected length on that day: an
    /// exit may be missing. The coach's start page lists these for today.
    /// </summary>
    public IQueryable<Participation> PastExpectedLength(DateOnly asOf) =>
        db.Participations.Where(p => p.Intervention!.ExpectedLengthWeeks != null
            && (p.EndDate == null || p.EndDate > asOf)
            && p.StartDate.AddDays(p.Intervention.ExpectedLengthWeeks.Value * 7) < asOf);

    /// <summary>Count-only interventions running in the period with no count entered for the tertial.</summary>
    public IQueryable<Intervention> CountOnlyWithoutFigures(DataQualityPeriod period) =>
        db.Interventions.Where(i => i.RegistrationMode == RegistrationMode.CountOnly
            && i.StartDate <= period.To && (i.EndDate == null || i.EndDate >= period.From)
            && !db.InterventionTertialCounts.Any(c => c.InterventionId == i.Id && c.Year == period.Year && c.Tertial == period.Tertial));

    /// <summary>
    /// Referrals without a decision on the period's "as of" day, received more than
    /// <see cref="ReportOptions.UndecidedReferralDays"/> days before it: every transition is dated, so
    /// an old tertial's figure is the state on its last day, not today's.
    /// </summary>
    public IQueryable<Referral> UndecidedReferrals(DataQualityPeriod period)
    {
        var asOf = period.AsOf;
        var receivedBefore = asOf.AddDays(-reports.Value.UndecidedReferralDays);
        return db.Referrals.Where(r => r.ReceivedOn < receivedBefore
            && (r.AcceptedOn == null || r.AcceptedOn > asOf)
            && (r.DeclinedOn == null || r.DeclinedOn > asOf)
            && (r.WithdrawnOn == null || r.WithdrawnOn > asOf)
            && (r.ParticipationId == null || r.Participation!.StartDate > asOf));
    }

    /// <summary>
    /// Every check's count per intervention of the association (interventions without items are
    /// absent); of the interventions in <paramref name="interventionIds"/> only, when given. One
    /// command: each check's grouped count is a part of one <c>UNION ALL</c>, tagged with its check, so
    /// a report waits for one round trip instead of one per check (README, "Performance").
    /// </summary>
    public async Task<List<InterventionCheckCount>> CountsAsync(
        long associationId, DataQualityPeriod period, IReadOnlyCollection<long>? interventionIds, CancellationToken cancellationToken)
    {
        IQueryable<CheckCountRow>? counts = null;
        foreach (var check in OfParticipations)
        {
            var items = Participations(check, period).Where(p => p.Intervention!.AssociationId == associationId);
            if (interventionIds is not null)
            {
                items = items.Where(p => EF.Constant(interventionIds).Contains(p.InterventionId));
            }

            var code = (int)check;
            counts = Union(counts, items.GroupBy(p => p.InterventionId).Select(g => new CheckCountRow { InterventionId = g.Key, Check = code, Count = g.Count() }));
        }

        var countOnly = CountOnlyWithoutFigures(period).Where(i => i.AssociationId == associationId);
        var referrals = UndecidedReferrals(period).Where(r => r.Intervention!.AssociationId == associationId);
        if (interventionIds is not null)
        {
            countOnly = countOnly.Where(i => EF.Constant(interventionIds).Contains(i.Id));
            referrals = referrals.Where(r => EF.Constant(interventionIds).Contains(r.InterventionId));
        }

        var (countOnlyCode, referralsCode) = ((int)DataQualityCheck.CountOnlyWithoutFigures, (int)DataQualityCheck.UndecidedReferrals);
        counts = Union(counts, countOnly.Select(i => new CheckCountRow { InterventionId = i.Id, Check = countOnlyCode, Count = 1 }));
        counts = Union(counts, referrals.GroupBy(r => r.InterventionId)
            .Select(g => new CheckCountRow { InterventionId = g.Key, Check = referralsCode, Count = g.Count() }));
        return [.. (await counts.ToListAsync(cancellationToken)).Select(c => new InterventionCheckCount(c.InterventionId, (DataQualityCheck)c.Check, c.Count))];

        static IQueryable<CheckCountRow> Union(IQueryable<CheckCountRow>? all, IQueryable<CheckCountRow> part) => all is null ? part : all.Concat(part);
    }

    /// <summary>One check's count for one intervention, as the database returns it (the check as its number).</summary>
    private sealed class CheckCountRow
    {
        public long InterventionId { get; init; }

        public int Check { get; init; }

        public int Count { get; init; }
    }

    /// <summary>The period's exits that the outcome checks look at: not registered in error, not by death.</summary>
    private IQueryable<Participation> Exits(DateOnly from, DateOnly to) =>
        db.Participations.Where(p => p.EndDate != null && p.EndDate >= from && p.EndDate <= to
            && p.ExitReason != ExitReason.RegisteredInError && p.ExitReason != ExitReason.Deceased);

    /// <summary>
    /// The period's exits from an intervention that uses a progression instrument measured at exit
    /// (any version says so; the step scale's exit is "Avslut utan steg"), with no uncorrected exit
    /// measurement of that instrument.
    /// </summary>
    private IQueryable<Participation> ExitsWithoutMeasurement(DateOnly from, DateOnly to) =>
        Exits(from, to).Where(p => db.ProgressionInstruments.Any(i =>
            i.AssociationId == p.Intervention!.AssociationId && i.AtExit && i.Code != StepScaleSql.Code
            && (i.Interventions.Any(x => x.InterventionId == p.InterventionId)
                || (!i.Interventions.Any() && p.Intervention.Orientation == Orientation.IndividualFocused))
            && !db.ProgressionMeasurements.Any(m => m.ParticipationId == p.Id && m.CorrectedAtUtc == null
                && m.Point == ProgressionPoint.Exit && m.Instrument!.Code == i.Code)));

    /// <summary>
    /// "Ej anträffbar" recorded in the period with fewer tries than the minimum now in force
    /// (recorded before the rule, or after the minimum was raised).
    /// </summary>
    private IQueryable<Participation> UnreachableWithTooFewAttempts(DateOnly from, DateOnly to)
    {
        var minimum = followUps.Value.MinContactAttempts;
        return db.Participations.Where(p => db.TwelveMonthFollowUps.Any(f => f.ParticipationId == p.Id
            && db.FollowUpResults.Any(r => r.FollowUpId == f.Id && r.Outcome == FollowUpOutcome.Unreachable
                && r.ContactedOn >= from && r.ContactedOn <= to)
            && db.ContactAttempts.Count(a => a.FollowUpId == f.Id) < minimum));
    }
}

/// <summary>How many items of one check one intervention has.</summary>
internal sealed record InterventionCheckCount(long InterventionId, DataQualityCheck Check, int Count);
