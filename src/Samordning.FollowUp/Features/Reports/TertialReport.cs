using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Indicators;

namespace Samordning.FollowUp.Features.Reports;

public enum ReportMode
{
    Period,
    YearToDate,
}

/// <summary>The board's tertial report in the structure SUS used (domain §7).</summary>
public sealed record TertialReport(
    ReportHeader Header,
    IReadOnlyList<ReportSection> Sections,
    ReportFigures Total,
    IReadOnlyList<DataQualityRow> DataQuality)
{
    /// <summary>The association's economy for the year to the tertial's end; null when the office has not entered the year's economy.</summary>
    public Economy.EconomyReport? Economy { get; init; }

    /// <summary>The association's own progression instruments (issue 21) for the period; null when it has none with figures.</summary>
    public ProgressionReport? Progression { get; init; }
}

public sealed record ReportHeader(
    long AssociationId,
    string AssociationName,
    int Year,
    int Tertial,
    ReportMode Mode,
    DateOnly PeriodFrom,
    DateOnly PeriodTo,
    DateTime GeneratedAtUtc,
    IReadOnlyList<ReportIndicatorDefinition> IndicatorDefinitions,
    // Set when this is the report as the board adopted it.
    DateTime? AdoptedAtUtc,
    string? AdoptedBy,
    // Set when the office adopted the tertial while a provider of the cycle was not accepted: the reason it gave.
    string? AdoptionOverrideReason = null);

public sealed record ReportIndicatorDefinition(string Code, string Name, int Version, MeasurementPoint MeasurementPoint, decimal TargetPercent);

/// <summary>One orientation (Individinriktad / Strukturövergripande) with its categories.</summary>
public sealed record ReportSection(
    Orientation Orientation,
    string Label,
    IReadOnlyList<ReportCategory> Categories,
    ReportFigures Subtotal);

public sealed record ReportCategory(
    InterventionCategory Category,
    string Label,
    IReadOnlyList<ReportRow> Interventions,
    ReportFigures Subtotal);

public sealed record ReportRow(
    long InterventionId,
    string Name,
    long ProviderId,
    string ProviderName,
    RegistrationMode RegistrationMode,
    ReportFigures Figures,
    TertialNoteResponse? Note);

/// <summary>
/// The figures of one row, one category, one orientation or the whole association. A
/// subtotal is the sum of its rows; rates are recomputed from the summed counts.
/// </summary>
public sealed record ReportFigures(
    int PlannedParticipantsYear,
    // The year's plan pro rata for the period: 4/12 for a tertial, t·4/12 year to date.
    double PlannedParticipantsProRata,
    GenderCount Active,
    GenderCount New,
    GenderCount Ended,
    GenderCount OngoingAtEnd,
    // Count-only registrations for the calendar year; never in an outcome denominator.
    GenderCount CountOnly,
    IReadOnlyList<CodeCount> ExitsByReason,
    IReadOnlyList<CodeCount> OccupationAtExit,
    IReadOnlyList<ReportIndicator> Indicators,
    long BudgetSek,
    long ActualCostSek,
    // Actual cost ÷ budget, percent; null without a budget.
    double? BudgetUsedPercent,
    // Actual cost year to date ÷ participants active year to date (individual and count-only).
    long? CostPerParticipantSek,
    int CostPerParticipantDenominator,
    string CostPerParticipantBasis)
{
    /// <summary>Referrals in the period (issue 19); null in a report adopted before referrals were reported.</summary>
    public ReferralFigures? Referrals { get; init; }
}

/// <summary>
/// The referrals of one row or subtotal for the period: received by referring party, started,
/// declined by reason and withdrawn in the period, waiting at its end, and the days from referral
/// to start of those started in it. Counts add up like the participants'; the days do not, so
/// every subtotal computes its own median and 90th percentile from the days of all its referrals.
/// </summary>
/// <param name="MedianDaysToStart">Half of the started waited at most this long (the mean of the two middle ones for an even count); null when none started.</param>
/// <param name="Percentile90DaysToStart">Nine in ten of the started waited at most this long (nearest rank); null when none started.</param>
public sealed record ReferralFigures(
    IReadOnlyList<PartyCount> ReceivedByParty,
    GenderCount Received,
    GenderCount Started,
    IReadOnlyList<CodeCount> DeclinedByReason,
    int Declined,
    int Withdrawn,
    GenderCount WaitingAtEnd,
    double? MedianDaysToStart,
    int? Percentile90DaysToStart)
{
    /// <summary>No referral at all.</summary>
    public static readonly ReferralFigures None = new([], GenderCount.Zero, GenderCount.Zero, [], 0, 0, GenderCount.Zero, null, null);
}

/// <summary>Referrals received from one referring party, women and men.</summary>
public sealed record PartyCount(string Code, string Label, GenderCount Count);

public sealed record GenderCount(int Women, int Men, int Total)
{
    public static readonly GenderCount Zero = new(0, 0, 0);

    public static GenderCount Of(int women, int men) => new(women, men, women + men);

    public static GenderCount operator +(GenderCount a, GenderCount b) => Of(a.Women + b.Women, a.Men + b.Men);
}

public sealed record CodeCount(string Code, string Label, int Count);

public sealed record ReportIndicator(
    string Code,
    int DefinitionVersion,
    DateOnly ExitsFrom,
    DateOnly ExitsTo,
    IndicatorFigure Woman,
    IndicatorFigure Man,
    IndicatorFigure Total,
    IndicatorStatus Status)
{
    /// <summary>For a 12-month indicator: of its follow-up results, those the person gave through the answer link; null otherwise.</summary>
    public int? SelfReported { get; init; }
}

public sealed record DataQualityRow(
    long ProviderId,
    string ProviderName,
    int PastExpectedLengthWithoutExit,
    int ExitsWithoutOutcome,
    int ExitsWithoutStep,
    int OverdueFollowUps,
    // Count-only interventions of the provider running in the period with no count entered for the year.
    int CountOnlyWithoutFigures = 0,
    // Follow-ups recorded as "Ej anträffbar" in the period with fewer tries than the minimum
    // (recorded before the rule, or after the minimum was raised): an open item.
    int UnreachableWithTooFewAttempts = 0,
    // Tries to reach people for their follow-ups during the period: shown, never an open item.
    int ContactAttempts = 0,
    // Referrals still without a decision longer than the configured days (issue 19): an open item.
    int UndecidedReferrals = 0,
    // Exits without the exit measurement of their intervention's progression instrument (issue 21): an open item.
    int ExitsWithoutMeasurement = 0)
{
    /// <summary>The count of one check.</summary>
    public int Of(DataQualityCheck check) => check switch
    {
        DataQualityCheck.PastExpectedLengthWithoutExit => PastExpectedLengthWithoutExit,
        DataQualityCheck.ExitsWithoutOutcome => ExitsWithoutOutcome,
        DataQualityCheck.ExitsWithoutStep => ExitsWithoutStep,
        DataQualityCheck.OverdueFollowUps => OverdueFollowUps,
        DataQualityCheck.CountOnlyWithoutFigures => CountOnlyWithoutFigures,
        DataQualityCheck.UnreachableWithTooFewAttempts => UnreachableWithTooFewAttempts,
        DataQualityCheck.UndecidedReferrals => UndecidedReferrals,
        DataQualityCheck.ExitsWithoutMeasurement => ExitsWithoutMeasurement,
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, null),
    };

    /// <summary>Open items: the sum of every check (contact attempts are not one).</summary>
    public int OpenItems() => Enum.GetValues<DataQualityCheck>().Sum(Of);
}

public sealed record TertialNoteResponse(
    long InterventionId,
    int Year,
    int Tertial,
    string? ReferralFlowAndQueue,
    string? WhatWorked,
    string? DeviationsAndRisks,
    DateTime UpdatedAtUtc)
{
    /// <summary>The "soft values" the plans ask for, in free text.</summary>
    public string? SoftValues { get; init; }
}
