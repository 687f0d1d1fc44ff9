namespace Samordning.FollowUp.Domain;

/// <summary>
/// Whole-number shares that add up to their total exactly: the largest-remainder method. Each
/// part gets the whole part of total × weight ÷ sum of weights; the units left over go one each
/// to the parts with the largest remainders, a tie to the earlier part. No floating point: the
/// products are 128-bit integers.
/// </summary>
public static class Apportionment
{
    public static long[] LargestRemainder(long total, IReadOnlyList<long> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var parts = new long[weights.Count];
        Int128 sum = 0;
        foreach (var weight in weights)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(weight, nameof(weights));
            sum += weight;
        }

        if (sum == 0 || weights.Count == 0)
        {
            return parts;
        }

        var remainders = new Int128[weights.Count];
        long given = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var product = (Int128)total * weights[i];
            parts[i] = (long)(product / sum);
            remainders[i] = product % sum;
            given += parts[i];
        }

        // Stable: equal remainders keep their order, so the earlier part gets the unit.
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => remainders[i]).Take((int)(total - given)))
        {
            parts[i]++;
        }

        return parts;
    }

    /// <summary>Shares in basis points (1/100 of a percent) that add up to 10 000, by the same method.</summary>
    public static int[] BasisPoints(IReadOnlyList<long> amounts) =>
        [.. LargestRemainder(10_000, amounts).Select(p => (int)p)];

    /// <summary>A whole-SEK amount times a fraction, rounded half up (amounts are never negative here).</summary>
    public static long Fraction(long amount, long numerator, long denominator)
    {
        var product = (Int128)amount * numerator;
        var quotient = product / denominator;
        var remainder = product % denominator;
        if (remainder < 0)
        {
            remainder = -remainder;
        }

        return (long)(remainder * 2 >= denominator ? quotient + (product < 0 ? -1 : 1) : quotient);
    }
}
