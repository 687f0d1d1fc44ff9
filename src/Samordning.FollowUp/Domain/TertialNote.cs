namespace Samordning.FollowUp.Domain;

/// <summary>The provider's own words about one intervention in one tertial, shown in the board report.</summary>
public sealed class TertialNote
{
    public long InterventionId { get; set; }
    public int Year { get; set; }
    public int Tertial { get; set; }
    public string? ReferralFlowAndQueue { get; set; }
    public string? WhatWorked { get; set; }
    public string? DeviationsAndRisks { get; set; }

    /// <summary>The "soft values" the plans ask for (self-confidence, health, social ties …), in free text.</summary>
    public string? SoftValues { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>A tertial report as the board adopted it: immutable; later corrections show as restatement.</summary>
public sealed class ReportAdoption
{
    public long Id { get; set; }
    public long AssociationId { get; set; }
    public int Year { get; set; }
    public int Tertial { get; set; }
    public required string AdoptedBy { get; set; }
    public DateTime AdoptedAtUtc { get; set; }

    /// <summary>
    /// Set when the office adopted the tertial while a provider of the cycle was not accepted: its
    /// reason, printed in the report ("Fastställd utan att alla utförare godkänts: …").
    /// </summary>
    public string? OverrideReason { get; set; }

    /// <summary>The report (JSON) for the tertial alone.</summary>
    public required string PeriodReport { get; set; }

    /// <summary>The report (JSON) for the year up to the tertial's end.</summary>
    public required string YearToDateReport { get; set; }

    /// <summary>
    /// The counts the board's view of <see cref="PeriodReport"/> withheld when it was adopted (JSON):
    /// they stay withheld, however the year's later reports are masked. Null for reports adopted before these were kept.
    /// </summary>
    public string? BoardPeriodMasks { get; set; }

    /// <summary>As <see cref="BoardPeriodMasks"/>, for <see cref="YearToDateReport"/>.</summary>
    public string? BoardYearToDateMasks { get; set; }
}
