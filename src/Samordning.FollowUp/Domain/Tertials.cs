namespace Samordning.FollowUp.Domain;

/// <summary>T1 = 1 Jan–30 Apr, T2 = 1 May–31 Aug, T3 = 1 Sep–31 Dec (domain §2).</summary>
public static class Tertials
{
    public static DateOnly Start(int year, int tertial) => new(year, ((tertial - 1) * 4) + 1, 1);

    public static DateOnly End(int year, int tertial) => Start(year, tertial).AddMonths(4).AddDays(-1);

    public static int Of(DateOnly date) => ((date.Month - 1) / 4) + 1;

    /// <summary>The most recent tertial that has ended on <paramref name="today"/>.</summary>
    public static (int Year, int Tertial) LastEnded(DateOnly today) =>
        Of(today) == 1 ? (today.Year - 1, 3) : (today.Year, Of(today) - 1);

    /// <summary>The date range a figure covers: the tertial alone, the year up to its end, or the year.</summary>
    public static (DateOnly From, DateOnly To) Range(int year, int? tertial, IndicatorPeriodMode mode) => mode switch
    {
        IndicatorPeriodMode.Period => (Start(year, tertial!.Value), End(year, tertial.Value)),
        IndicatorPeriodMode.YearToDate => (new DateOnly(year, 1, 1), End(year, tertial!.Value)),
        _ => (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)),
    };
}
