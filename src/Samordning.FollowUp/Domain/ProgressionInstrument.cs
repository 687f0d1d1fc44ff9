using System.ComponentModel.DataAnnotations;

namespace Samordning.FollowUp.Domain;

/// <summary>
/// A progression instrument of one association (issue 21): factors scored on a scale at start,
/// along the way and at exit, and the rule that says when a participant developed positively.
/// Versioned like <see cref="IndicatorDefinition"/>: editing creates a new version, and a
/// measurement keeps the version it was taken with. The rule and the target are the instrument's
/// indicator; its figures name the version in force at the end of the period.
/// </summary>
public sealed class ProgressionInstrument
{
    public long Id { get; set; }
    public long AssociationId { get; set; }
    public required string Code { get; set; }
    public int Version { get; set; }
    public required string Name { get; set; }

    public int ScaleMin { get; set; }
    public int ScaleMax { get; set; }

    /// <summary>Measured at start.</summary>
    public bool AtStart { get; set; }

    /// <summary>Measured every N weeks from the start (null: not along the way).</summary>
    public int? EveryWeeks { get; set; }

    /// <summary>Measured at exit.</summary>
    public bool AtExit { get; set; }

    /// <summary>Days before and after a point's date within which a measurement counts for it.</summary>
    public int ToleranceDays { get; set; }

    // The indicator on the instrument
    public ProgressionRule Rule { get; set; }

    /// <summary><see cref="ProgressionRule.MeanImproved"/>: the least improvement of the mean, in scale points.</summary>
    public double? MinMeanImprovement { get; set; }

    /// <summary><see cref="ProgressionRule.FactorsImproved"/>: the least number of factors improved.</summary>
    public int? MinFactorsImproved { get; set; }

    /// <summary><see cref="ProgressionRule.FactorImproved"/>: the factor that must improve.</summary>
    public string? RuleFactorCode { get; set; }

    public decimal TargetPercent { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateTime CreatedAtUtc { get; set; }

    public List<ProgressionFactor> Factors { get; set; } = [];
    public List<ProgressionScaleLabel> ScaleLabels { get; set; } = [];

    /// <summary>The interventions that use it; none listed means every individual-focused one of the association.</summary>
    public List<ProgressionInstrumentIntervention> Interventions { get; set; } = [];
}

public sealed class ProgressionFactor
{
    public long Id { get; set; }
    public long InstrumentId { get; set; }
    public int Position { get; set; }
    public required string Code { get; set; }
    public required string Label { get; set; }
    public string? Description { get; set; }
    public FactorDirection Direction { get; set; }
}

public sealed class ProgressionScaleLabel
{
    public long Id { get; set; }
    public long InstrumentId { get; set; }
    public int Value { get; set; }
    public required string Label { get; set; }
}

public sealed class ProgressionInstrumentIntervention
{
    public long InstrumentId { get; set; }
    public long InterventionId { get; set; }
}

public enum FactorDirection
{
    [Display(Name = "Högre är bättre")] HigherIsBetter,
    [Display(Name = "Lägre är bättre")] LowerIsBetter,
}

public enum ProgressionRule
{
    /// <summary>The mean over the factors (each turned so that up is better) rose by at least X.</summary>
    [Display(Name = "Medelvärdet förbättrat")] MeanImproved,

    /// <summary>At least K factors improved.</summary>
    [Display(Name = "Minst K faktorer förbättrade")] FactorsImproved,

    /// <summary>A given factor improved.</summary>
    [Display(Name = "En viss faktor förbättrad")] FactorImproved,
}

public enum ProgressionPoint
{
    [Display(Name = "Vid start")] Start,
    [Display(Name = "Under insatsen")] Interim,
    [Display(Name = "Vid avslut")] Exit,
}

/// <summary>
/// One measurement of a participation: a date, a point and a score per factor, taken with one
/// instrument version. A correction writes a new measurement and marks this one corrected, so the
/// history stays; only uncorrected measurements count.
/// </summary>
public sealed class ProgressionMeasurement
{
    public long Id { get; set; }
    public long ParticipationId { get; set; }
    public long InstrumentId { get; set; }
    public ProgressionInstrument? Instrument { get; set; }
    public ProgressionPoint Point { get; set; }
    public DateOnly MeasuredOn { get; set; }
    public required string RecordedBy { get; set; }
    public DateTime RecordedAtUtc { get; set; }

    /// <summary>The measurement this one corrects.</summary>
    public long? CorrectsId { get; set; }

    /// <summary>Set when a later measurement corrected this one; it then counts nowhere.</summary>
    public DateTime? CorrectedAtUtc { get; set; }

    public List<ProgressionScore> Scores { get; set; } = [];
}

public sealed class ProgressionScore
{
    public long Id { get; set; }
    public long MeasurementId { get; set; }
    public required string FactorCode { get; set; }
    public int Score { get; set; }
}

/// <summary>One stored progression figure: instrument version × period × scope × gender (like <see cref="IndicatorResult"/>).</summary>
public sealed class ProgressionResult
{
    public long Id { get; set; }
    public long AssociationId { get; set; }
    public long InstrumentId { get; set; }
    public required string Code { get; set; }
    public int InstrumentVersion { get; set; }
    public int Year { get; set; }
    public int? Tertial { get; set; }
    public IndicatorPeriodMode Mode { get; set; }
    public long? InterventionId { get; set; }
    public IndicatorGender Gender { get; set; }
    public int Numerator { get; set; }
    public int Denominator { get; set; }

    /// <summary>Exits in the population with fewer than two measurements.</summary>
    public int MissingData { get; set; }

    public double? Rate { get; set; }
    public decimal TargetPercent { get; set; }
    public bool? Met { get; set; }
    public bool TooFew { get; set; }
    public DateTime ComputedAtUtc { get; set; }
}

/// <summary>Per factor, how many of the period's exits improved, stayed or worsened between their first and last measurement.</summary>
public sealed class ProgressionFactorChange
{
    public long Id { get; set; }
    public long AssociationId { get; set; }
    public long InstrumentId { get; set; }
    public required string Code { get; set; }
    public int Year { get; set; }
    public int? Tertial { get; set; }
    public IndicatorPeriodMode Mode { get; set; }
    public long? InterventionId { get; set; }
    public required string FactorCode { get; set; }
    public int Improved { get; set; }
    public int Unchanged { get; set; }
    public int Worsened { get; set; }
    public DateTime ComputedAtUtc { get; set; }
}
