using Samordning.FollowUp.Features.Indicators;

namespace Samordning.FollowUp.Features.Reports.Trends;

/// <summary>
/// The report's trends (issue 13): the last six tertials up to the report's own, oldest first (the
/// same tertial a year earlier among them), and year to date against the same period last year.
/// Every point is the association total of the tertial report for that period: the adopted one
/// where the tertial is closed, otherwise as computed now.
/// </summary>
public sealed record ReportTrend(
    IReadOnlyList<TrendPoint> Tertials,
    TrendPoint YearToDate,
    TrendPoint YearToDateLastYear);

/// <summary>
/// One period's association total. <paramref name="From"/>–<paramref name="To"/> is the tertial
/// alone, or 1 January to the tertial's end for a year-to-date point.
/// </summary>
/// <param name="Adopted">The figures are the adopted report's (the tertial is closed), not computed now.</param>
/// <param name="IsSameTertialLastYear">The tertial exactly one year before the report's (a tertial point only).</param>
/// <param name="PlannedIndividualProRata">
/// The year plans of individual interventions (count-only ones left out) pro rata for the period:
/// 4/12 for a tertial, t·4/12 year to date; to compare with <paramref name="Active"/>.
/// </param>
/// <param name="Indicators">Each indicator in force at the period's end, in code order (I1, I2 … I10).</param>
public sealed record TrendPoint(
    int Year,
    int Tertial,
    DateOnly From,
    DateOnly To,
    bool Adopted,
    bool IsSameTertialLastYear,
    GenderCount Active,
    GenderCount New,
    GenderCount Ended,
    double PlannedIndividualProRata,
    IReadOnlyList<TrendIndicator> Indicators)
{
    /// <summary>The period's referrals (issue 19); null for a tertial adopted before referrals were reported.</summary>
    public TrendReferrals? Referrals { get; init; }
}

/// <summary>Referrals of one period, association total: received, started, declined in it and waiting at its end.</summary>
public sealed record TrendReferrals(int Received, int Started, int Declined, int Waiting)
{
    public static TrendReferrals? Of(Features.Reports.ReferralFigures? figures) => figures is null ? null
        : new(figures.Received.Total, figures.Started.Total, figures.Declined, figures.WaitingAtEnd.Total);
}

/// <summary>An indicator's association total for one period, with the definition version that produced it.</summary>
public sealed record TrendIndicator(
    string Code,
    string Name,
    int DefinitionVersion,
    decimal TargetPercent,
    IndicatorFigure Total,
    IndicatorStatus Status);
