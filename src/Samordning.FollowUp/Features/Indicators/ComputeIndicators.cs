using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Indicators;

/// <summary>
/// Computes every indicator for every period (each tertial alone and year to date, and each
/// year), for the association and each intervention, by gender, and replaces the stored figures
/// of the association in one transaction: a run that is cancelled leaves the previous figures.
/// </summary>
[Access] // system only: sent by a job
public sealed record ComputeIndicatorsCommand(long? AssociationId = null) : ICommand<ComputeIndicatorsResult>;

public sealed record ComputeIndicatorsResult(int Associations, int Figures);

internal sealed class ComputeIndicatorsHandler(
    FollowUpDbContext db, TimeProvider clock, IndicatorCalculator calculator, IOptions<DatabaseOptions> database)
    : ICommandHandler<ComputeIndicatorsCommand, ComputeIndicatorsResult>
{
    public async ValueTask<ComputeIndicatorsResult> Handle(ComputeIndicatorsCommand command, CancellationToken cancellationToken)
    {
        db.Database.ForJob(database.Value);
        var associations = await db.Associations.AsNoTracking()
            .Where(a => command.AssociationId == null || a.Id == command.AssociationId)
            .Select(a => new { a.Id, a.SmallNumberThreshold })
            .ToListAsync(cancellationToken);
        var figures = 0;
        foreach (var association in associations)
        {
            figures += await ComputeAsync(association.Id, association.SmallNumberThreshold, cancellationToken);
        }

        return new ComputeIndicatorsResult(associations.Count, figures);
    }

    private async Task<int> ComputeAsync(long associationId, int threshold, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.Today();
        var definitions = await db.IndicatorDefinitions.AsNoTracking()
            .Where(d => d.AssociationId == associationId)
            .ToListAsync(cancellationToken);
        var firstExit = await db.Participations
            .Where(p => p.Intervention!.AssociationId == associationId && p.EndDate != null)
            .MinAsync(p => p.EndDate, cancellationToken);
        var firstYear = Math.Min(firstExit?.Year ?? today.Year, today.Year);
        var exitsFrom = new DateOnly(firstYear - 1, 1, 1);

        var buckets = new Dictionary<long, List<MonthBucket>>();
        var results = new List<IndicatorResult>();
        foreach (var period in IndicatorPeriods.Between(firstYear, today))
        {
            foreach (var code in definitions.Select(d => d.Code).Distinct())
            {
                var definition = IndicatorPeriods.InForce(definitions, code, period.To);
                if (definition is null)
                {
                    continue;
                }

                if (!buckets.TryGetValue(definition.Id, out var versionBuckets))
                {
                    versionBuckets = await calculator.BucketsAsync(definition, associationId, exitsFrom, today, cancellationToken);
                    buckets[definition.Id] = versionBuckets;
                }

                results.AddRange(Results(associationId, definition, period, versionBuckets, threshold, now));
            }
        }

        await using var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken);
        await db.IndicatorResults.Where(r => r.AssociationId == associationId).ExecuteDeleteAsync(cancellationToken);
        // In bulk: a few multi-row statements instead of one INSERT per figure (thousands a night).
        await db.InsertRowsAsync(results, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return results.Count;
    }

    private static IEnumerable<IndicatorResult> Results(
        long associationId, IndicatorDefinition definition, IndicatorPeriod period, List<MonthBucket> buckets, int threshold, DateTime now)
    {
        var (from, to) = IndicatorMath.ExitRange(definition.MeasurementPoint, period.From, period.To);
        var inPeriod = buckets.Where(b => IndicatorMath.InRange(b, from, to)).ToList();
        var scopes = inPeriod.Select(b => (long?)b.InterventionId).Distinct().Prepend(null);
        foreach (var interventionId in scopes)
        {
            var scoped = inPeriod.Where(b => interventionId == null || b.InterventionId == interventionId).ToList();
            foreach (var gender in Enum.GetValues<IndicatorGender>())
            {
                var figure = IndicatorMath.Figure(
                    scoped.Where(b => gender == IndicatorGender.Total || (int)b.Gender == (int)gender),
                    definition.MeasurementPoint, definition.TargetPercent, threshold);
                yield return new IndicatorResult
                {
                    AssociationId = associationId,
                    DefinitionId = definition.Id,
                    Code = definition.Code,
                    DefinitionVersion = definition.Version,
                    Year = period.Year,
                    Tertial = period.Tertial,
                    Mode = period.Mode,
                    InterventionId = interventionId,
                    Gender = gender,
                    Numerator = figure.Numerator,
                    Denominator = figure.Denominator,
                    MissingData = figure.MissingData,
                    Reached = figure.Reached,
                    Rate = figure.Rate,
                    RateOfReached = figure.RateOfReached,
                    ResponseRate = figure.ResponseRate,
                    TargetPercent = figure.TargetPercent,
                    Met = figure.Met,
                    TooFew = figure.TooFew,
                    ComputedAtUtc = now,
                };
            }
        }
    }
}

internal sealed record IndicatorPeriod(int Year, int? Tertial, IndicatorPeriodMode Mode, DateOnly From, DateOnly To);

internal static class IndicatorPeriods
{
    /// <summary>Every tertial (alone and year to date) and every year that has begun, from the first year on.</summary>
    public static IEnumerable<IndicatorPeriod> Between(int firstYear, DateOnly today)
    {
        for (var year = firstYear; year <= today.Year; year++)
        {
            for (var tertial = 1; tertial <= 3; tertial++)
            {
                if (Tertials.Start(year, tertial) > today)
                {
                    break;
                }

                foreach (var mode in new[] { IndicatorPeriodMode.Period, IndicatorPeriodMode.YearToDate })
                {
                    var (from, to) = Tertials.Range(year, tertial, mode);
                    yield return new IndicatorPeriod(year, tertial, mode, from, to);
                }
            }

            var (yearFrom, yearTo) = Tertials.Range(year, null, IndicatorPeriodMode.Year);
            yield return new IndicatorPeriod(year, null, IndicatorPeriodMode.Year, yearFrom, yearTo);
        }
    }

    /// <summary>The version in force at the end of a period: the latest one valid from on or before it.</summary>
    public static IndicatorDefinition? InForce(IEnumerable<IndicatorDefinition> definitions, string code, DateOnly periodEnd) =>
        definitions.Where(d => d.Code == code && d.ValidFrom <= periodEnd)
            .OrderByDescending(d => d.ValidFrom).ThenByDescending(d => d.Version)
            .FirstOrDefault();
}
