namespace Samordning.FollowUp.Api.Demo;

/// <summary>Deterministic draws for demo data: one <see cref="Random"/> with a fixed seed, used in a fixed order.</summary>
internal sealed class Dice(int seed)
{
    // Not security-relevant: demo data must be reproducible, which a seeded generator gives.
    private readonly Random _random = new(seed);

    public double Unit() => _random.NextDouble();

    public bool Chance(double probability) => _random.NextDouble() < probability;

    /// <summary>Uniform in [min, max] inclusive.</summary>
    public int Between(int min, int max) => _random.Next(min, max + 1);

    public double Between(double min, double max) => min + (max - min) * _random.NextDouble();

    /// <summary>Standard normal (Box–Muller).</summary>
    public double Normal()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public T OneOf<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>One of the values, with probability proportional to its weight.</summary>
    public T Pick<T>(params ReadOnlySpan<(T Value, double Weight)> options)
    {
        var total = 0.0;
        foreach (var option in options)
        {
            total += option.Weight;
        }

        var x = Unit() * total;
        foreach (var option in options)
        {
            x -= option.Weight;
            if (x < 0)
            {
                return option.Value;
            }
        }

        return options[^1].Value;
    }
}
