using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Indicators;

namespace Samordning.FollowUp.Features.Progression;

/// <summary>One factor of one exit: its change from the first to the last measurement, turned so that up is better.</summary>
internal sealed class FactorChangeRow
{
    public long ParticipationId { get; init; }
    public long InterventionId { get; init; }
    public Gender Gender { get; init; }
    public int Year { get; init; }
    public int Month { get; init; }
    public required string FactorCode { get; init; }
    public int Change { get; init; }
}

/// <summary>Per intervention, exit month and factor: how many exits improved, stayed and worsened.</summary>
internal sealed record FactorBucket(long InterventionId, int Year, int Month, string FactorCode, int Improved, int Unchanged, int Worsened);

internal sealed record ProgressionBuckets(List<MonthBucket> Outcome, List<FactorBucket> Factors);

/// <summary>
/// The database does the counting, as for I1–I3 (<see cref="IndicatorCalculator"/>): for the exits
/// of an instrument's interventions, the first and the last uncorrected measurement of each (any
/// version of the instrument), the change of each factor scored in both, then GROUP BYs per
/// intervention, gender and exit month. A participant with fewer than two measurements is missing
/// data: in no denominator, and counted.
/// </summary>
internal sealed class ProgressionCalculator(FollowUpDbContext db)
{
    public async Task<ProgressionBuckets> BucketsAsync(
        ProgressionInstrument instrument, long associationId, DateOnly exitsFrom, DateOnly exitsTo, CancellationToken cancellationToken)
    {
        var exits = Population(instrument, associationId, exitsFrom, exitsTo);
        var rows = Changes(instrument, associationId, exits);

        var all = await exits.GroupBy(x => new { x.InterventionId, x.Gender, x.EndDate!.Value.Year, x.EndDate!.Value.Month })
            .Select(g => new { g.Key.InterventionId, g.Key.Gender, g.Key.Year, g.Key.Month, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var ruleFactor = instrument.RuleFactorCode ?? string.Empty;
        var perParticipant = rows
            .GroupBy(r => new { r.ParticipationId, r.InterventionId, r.Gender, r.Year, r.Month })
            .Select(g => new
            {
                g.Key.InterventionId,
                g.Key.Gender,
                g.Key.Year,
                g.Key.Month,
                Improved = g.Sum(r => r.Change > 0 ? 1 : 0),
                Sum = g.Sum(r => r.Change),
                Factors = g.Count(),
                RuleFactor = g.Sum(r => r.FactorCode == ruleFactor ? r.Change : 0),
            });
        var x = instrument.MinMeanImprovement ?? 0;
        var k = instrument.MinFactorsImproved ?? 0;
        var scored = instrument.Rule switch
        {
            // The mean of the changes is at least X: sum ≥ X × factors, without a division.
            ProgressionRule.MeanImproved => perParticipant.Select(p => new { p.InterventionId, p.Gender, p.Year, p.Month, Success = p.Sum * 1.0 >= x * p.Factors ? 1 : 0 }),
            ProgressionRule.FactorsImproved => perParticipant.Select(p => new { p.InterventionId, p.Gender, p.Year, p.Month, Success = p.Improved >= k ? 1 : 0 }),
            _ => perParticipant.Select(p => new { p.InterventionId, p.Gender, p.Year, p.Month, Success = p.RuleFactor > 0 ? 1 : 0 }),
        };
        var counted = await scored.GroupBy(s => new { s.InterventionId, s.Gender, s.Year, s.Month })
            .Select(g => new { g.Key.InterventionId, g.Key.Gender, g.Key.Year, g.Key.Month, Counted = g.Count(), Success = g.Sum(s => s.Success) })
            .ToListAsync(cancellationToken);
        var byKey = counted.ToDictionary(c => (c.InterventionId, c.Gender, c.Year, c.Month));
        var outcome = all.Select(a =>
        {
            var c = byKey.GetValueOrDefault((a.InterventionId, a.Gender, a.Year, a.Month));
            var n = c?.Counted ?? 0;
            return new MonthBucket(a.InterventionId, a.Gender, a.Year, a.Month, n, c?.Success ?? 0, a.Count - n, 0);
        }).ToList();

        var factors = await rows.GroupBy(r => new { r.InterventionId, r.Year, r.Month, r.FactorCode })
            .Select(g => new FactorBucket(g.Key.InterventionId, g.Key.Year, g.Key.Month, g.Key.FactorCode,
                g.Sum(r => r.Change > 0 ? 1 : 0), g.Sum(r => r.Change == 0 ? 1 : 0), g.Sum(r => r.Change < 0 ? 1 : 0)))
            .ToListAsync(cancellationToken);
        return new ProgressionBuckets(outcome, factors);
    }

    /// <summary>
    /// The exits of the period from the interventions that use the instrument, as I1–I3 count them:
    /// not registered in error or by death, never count-only.
    /// </summary>
    private IQueryable<Participation> Population(ProgressionInstrument instrument, long associationId, DateOnly from, DateOnly to)
    {
        var withoutOutcome = ExitReasons.WithoutOutcome.ToList();
        var exits = db.Participations.AsNoTracking().Where(p =>
            p.Intervention!.AssociationId == associationId
            && p.EndDate != null && p.EndDate >= from && p.EndDate <= to
            && !EF.Constant(withoutOutcome).Contains(p.ExitReason!.Value)
            && p.Intervention.RegistrationMode != RegistrationMode.CountOnly);
        var interventions = instrument.Interventions.Select(i => i.InterventionId).ToList();
        // Grouped by the participation's copy of the person's gender: the Participants table is not read.
        return interventions.Count == 0
            ? exits.Where(p => p.Intervention!.Orientation == Orientation.IndividualFocused)
            : exits.Where(p => EF.Constant(interventions).Contains(p.InterventionId));
    }

    private IQueryable<FactorChangeRow> Changes(ProgressionInstrument instrument, long associationId, IQueryable<Participation> exits)
    {
        var code = instrument.Code;
        var current = from m in db.ProgressionMeasurements
                      join i in db.ProgressionInstruments on m.InstrumentId equals i.Id
                      where m.CorrectedAtUtc == null && i.AssociationId == associationId && i.Code == code
                      select m;
        var first = current.Where(m => !current.Any(o => o.ParticipationId == m.ParticipationId
            && (o.MeasuredOn < m.MeasuredOn || (o.MeasuredOn == m.MeasuredOn && o.Id < m.Id))));
        var last = current.Where(m => !current.Any(o => o.ParticipationId == m.ParticipationId
            && (o.MeasuredOn > m.MeasuredOn || (o.MeasuredOn == m.MeasuredOn && o.Id > m.Id))));
        var factors = instrument.Factors.Select(f => f.Code).ToList();
        var lower = instrument.Factors.Where(f => f.Direction == FactorDirection.LowerIsBetter).Select(f => f.Code).ToList();
        return from x in exits
               join f in first on x.Id equals f.ParticipationId
               join l in last on x.Id equals l.ParticipationId
               where f.Id != l.Id
               join fs in db.ProgressionScores on f.Id equals fs.MeasurementId
               join ls in db.ProgressionScores on new { Id = l.Id, fs.FactorCode } equals new { Id = ls.MeasurementId, ls.FactorCode }
               where EF.Constant(factors).Contains(fs.FactorCode)
               select new FactorChangeRow
               {
                   ParticipationId = x.Id,
                   InterventionId = x.InterventionId,
                   Gender = x.Gender,
                   Year = x.EndDate!.Value.Year,
                   Month = x.EndDate!.Value.Month,
                   FactorCode = fs.FactorCode,
                   Change = EF.Constant(lower).Contains(fs.FactorCode) ? fs.Score - ls.Score : ls.Score - fs.Score,
               };
    }
}
