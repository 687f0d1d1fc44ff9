using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Indicators;

namespace Samordning.FollowUp.Features.Progression;

/// <summary>
/// The progression indicators, as <see cref="ComputeIndicatorsCommand"/> computes I1–I3: first the
/// step scale's measurements are brought in line with the steps, then for every instrument and
/// every period (each tertial alone and year to date, and each year) the version in force at its
/// end gives the figure, for the association and each intervention, by gender, with the change
/// per factor beside it. The association's figures are replaced in one transaction.
/// </summary>
[Access] // system only: sent by a job
public sealed record ComputeProgressionCommand(long? AssociationId = null) : ICommand<ComputeProgressionResult>;

public sealed record ComputeProgressionResult(int Associations, int Figures, int FactorFigures);

internal sealed class ComputeProgressionHandler(
    FollowUpDbContext db, TimeProvider clock, ProgressionCalculator calculator, IOptions<DatabaseOptions> database)
    : ICommandHandler<ComputeProgressionCommand, ComputeProgressionResult>
{
    public async ValueTask<ComputeProgressionResult> Handle(ComputeProgressionCommand command, CancellationToken cancellationToken)
    {
        db.Database.ForJob(database.Value);
        await StepInstrument.SyncAsync(db, cancellationToken);
        var associations = await db.Associations.AsNoTracking()
            .Where(a => command.AssociationId == null || a.Id == command.AssociationId)
            .Select(a => new { a.Id, a.SmallNumberThreshold })
            .ToListAsync(cancellationToken);
        int figures = 0, factorFigures = 0;
        foreach (var association in associations)
        {
            var (f, ff) = await ComputeAsync(association.Id, association.SmallNumberThreshold, cancellationToken);
            figures += f;
            factorFigures += ff;
        }

        return new ComputeProgressionResult(associations.Count, figures, factorFigures);
    }

    private async Task<(int, int)> ComputeAsync(long associationId, int threshold, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.Today();
        var versions = await Instruments.Full(db).Where(i => i.AssociationId == associationId).ToListAsync(cancellationToken);
        var firstExit = await db.Participations
            .Where(p => p.Intervention!.AssociationId == associationId && p.EndDate != null)
            .MinAsync(p => p.EndDate, cancellationToken);
        var firstYear = Math.Min(firstExit?.Year ?? today.Year, today.Year);
        var exitsFrom = new DateOnly(firstYear, 1, 1);

        var buckets = new Dictionary<long, ProgressionBuckets>();
        var results = new List<ProgressionResult>();
        var changes = new List<ProgressionFactorChange>();
        foreach (var period in IndicatorPeriods.Between(firstYear, today))
        {
            foreach (var code in versions.Select(v => v.Code).Distinct())
            {
                var instrument = Instruments.InForce(versions, code, period.To);
                if (instrument is null)
                {
                    continue;
                }

                if (!buckets.TryGetValue(instrument.Id, out var versionBuckets))
                {
                    versionBuckets = await calculator.BucketsAsync(instrument, associationId, exitsFrom, today, cancellationToken);
                    buckets[instrument.Id] = versionBuckets;
                }

                var outcome = versionBuckets.Outcome.Where(b => IndicatorMath.InRange(b, period.From, period.To)).ToList();
                var factors = versionBuckets.Factors.Where(b => InRange(b, period.From, period.To)).ToList();
                foreach (var interventionId in outcome.Select(b => (long?)b.InterventionId).Distinct().Prepend(null))
                {
                    var scoped = outcome.Where(b => interventionId == null || b.InterventionId == interventionId).ToList();
                    results.AddRange(Enum.GetValues<IndicatorGender>().Select(gender =>
                    {
                        var figure = IndicatorMath.Figure(
                            scoped.Where(b => gender == IndicatorGender.Total || (int)b.Gender == (int)gender),
                            MeasurementPoint.AtExit, instrument.TargetPercent, threshold);
                        return new ProgressionResult
                        {
                            AssociationId = associationId, InstrumentId = instrument.Id, Code = instrument.Code, InstrumentVersion = instrument.Version,
                            Year = period.Year, Tertial = period.Tertial, Mode = period.Mode, InterventionId = interventionId, Gender = gender,
                            Numerator = figure.Numerator, Denominator = figure.Denominator, MissingData = figure.MissingData, Rate = figure.Rate,
                            TargetPercent = figure.TargetPercent, Met = figure.Met, TooFew = figure.TooFew, ComputedAtUtc = now,
                        };
                    }));
                    changes.AddRange(instrument.Factors.OrderBy(f => f.Position).Select(f =>
                    {
                        var of = factors.Where(b => b.FactorCode == f.Code && (interventionId == null || b.InterventionId == interventionId)).ToList();
                        return new ProgressionFactorChange
                        {
                            AssociationId = associationId, InstrumentId = instrument.Id, Code = instrument.Code,
                            Year = period.Year, Tertial = period.Tertial, Mode = period.Mode, InterventionId = interventionId, FactorCode = f.Code,
                            Improved = of.Sum(b => b.Improved), Unchanged = of.Sum(b => b.Unchanged), Worsened = of.Sum(b => b.Worsened),
                            ComputedAtUtc = now,
                        };
                    }));
                }
            }
        }

        await using var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken);
        await db.ProgressionResults.Where(r => r.AssociationId == associationId).ExecuteDeleteAsync(cancellationToken);
        await db.ProgressionFactorChanges.Where(r => r.AssociationId == associationId).ExecuteDeleteAsync(cancellationToken);
        await db.InsertRowsAsync(results, cancellationToken);
        await db.InsertRowsAsync(changes, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (results.Count, changes.Count);
    }

    private static bool InRange(FactorBucket b, DateOnly from, DateOnly to)
    {
        var month = (b.Year * 12) + b.Month;
        return month >= (from.Year * 12) + from.Month && month <= (to.Year * 12) + to.Month;
    }
}
