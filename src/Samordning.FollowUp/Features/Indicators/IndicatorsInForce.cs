using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Indicators;

/// <summary>An indicator in force at a period's end and its buckets over the exits it looks at.</summary>
internal sealed record IndicatorBuckets(IndicatorDefinition Definition, DateOnly ExitsFrom, DateOnly ExitsTo, List<MonthBucket> Buckets);

/// <summary>
/// The indicators of one period as the tertial report and GET /indicators compute them on request:
/// one code, one computation, so the two cannot disagree.
/// </summary>
internal static class IndicatorsInForce
{
    public static Task<List<IndicatorBuckets>> BucketsAsync(
        FollowUpDbContext db, IndicatorCalculator calculator, long associationId, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        BucketsAsync(db, associationId, from, to,
            (definition, exitsFrom, exitsTo) => calculator.BucketsAsync(definition, associationId, exitsFrom, exitsTo, cancellationToken), cancellationToken);

    /// <param name="fetch">A definition's buckets over at least the exits from–to; months outside them are left out here.</param>
    public static async Task<List<IndicatorBuckets>> BucketsAsync(
        FollowUpDbContext db, long associationId, DateOnly from, DateOnly to,
        Func<IndicatorDefinition, DateOnly, DateOnly, Task<List<MonthBucket>>> fetch, CancellationToken cancellationToken)
    {
        var definitions = await db.IndicatorDefinitions.AsNoTracking()
            .Where(d => d.AssociationId == associationId)
            .ToListAsync(cancellationToken);
        return await BucketsAsync(definitions, from, to, fetch);
    }

    /// <param name="definitions">The association's definitions, every version.</param>
    /// <param name="fetch">A definition's buckets over at least the exits from–to; months outside them are left out here.</param>
    public static async Task<List<IndicatorBuckets>> BucketsAsync(
        IReadOnlyCollection<IndicatorDefinition> definitions, DateOnly from, DateOnly to, Func<IndicatorDefinition, DateOnly, DateOnly, Task<List<MonthBucket>>> fetch)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(fetch);
        var result = new List<IndicatorBuckets>();
        foreach (var code in definitions.Select(d => d.Code).Distinct())
        {
            var definition = IndicatorPeriods.InForce(definitions, code, to);
            if (definition is null)
            {
                continue;
            }

            var (exitsFrom, exitsTo) = IndicatorMath.ExitRange(definition.MeasurementPoint, from, to);
            var buckets = await fetch(definition, exitsFrom, exitsTo);
            result.Add(new IndicatorBuckets(definition, exitsFrom, exitsTo, [.. buckets.Where(b => IndicatorMath.InRange(b, exitsFrom, exitsTo))]));
        }

        return result;
    }
}
