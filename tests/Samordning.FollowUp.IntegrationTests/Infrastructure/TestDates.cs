namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>The fixed calendar of the tests: the service's clock stands at <see cref="Now"/>.</summary>
public static class TestDates
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = new(2026, 11, 23);
    public static readonly DateOnly Tomorrow = Today.AddDays(1);

    /// <summary>Default intervention: runs 2026-01-01 – 2027-12-31.</summary>
    public static readonly DateOnly InterventionStart = new(2026, 1, 1);
    public static readonly DateOnly InterventionEnd = new(2027, 12, 31);

    public static readonly DateOnly Start = new(2026, 3, 2);
}
