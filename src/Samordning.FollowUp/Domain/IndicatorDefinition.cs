using System.ComponentModel.DataAnnotations;

namespace Samordning.FollowUp.Domain;

/// <summary>
/// A versioned target indicator of one association (domain §6). Editing creates a new version;
/// computed figures name the version that produced them.
/// </summary>
public sealed class IndicatorDefinition
{
    public long Id { get; set; }
    public long AssociationId { get; set; }
    public required string Code { get; set; }
    public int Version { get; set; }
    public required string Name { get; set; }
    public MeasurementPoint MeasurementPoint { get; set; }

    // Population filter
    public Orientation? Orientation { get; set; }
    public List<InterventionCategory> Categories { get; set; } = [];
    public List<RegistrationMode> RegistrationModes { get; set; } = [];
    public List<ExitReason> ExcludedExitReasons { get; set; } = [];

    // Success rule
    public SuccessRule SuccessRule { get; set; }
    public List<Occupation> SuccessOccupations { get; set; } = [];

    public decimal TargetPercent { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}

public enum MeasurementPoint
{
    [Display(Name = "Vid avslut")] AtExit,
    [Display(Name = "12 månader efter avslut")] TwelveMonthsAfterExit,
}

public enum SuccessRule
{
    /// <summary>Occupation (at exit, or at the follow-up) is one of the definition's success occupations.</summary>
    [Display(Name = "Sysselsättning i angivna kategorier")] OccupationIn,

    /// <summary>No income source from public support.</summary>
    [Display(Name = "Ingen offentlig försörjning")] NoPublicSupport,

    /// <summary>Step at exit greater than step at start; exits lacking a step are left out and counted.</summary>
    [Display(Name = "Stegförflyttning")] StepProgression,
}

/// <summary>One stored figure: definition version × period × scope × gender.</summary>
public sealed class IndicatorResult
{
    public long Id { get; set; }
    public long AssociationId { get; set; }
    public long DefinitionId { get; set; }
    public required string Code { get; set; }
    public int DefinitionVersion { get; set; }
    public int Year { get; set; }

    /// <summary>1–3, or null for the whole year.</summary>
    public int? Tertial { get; set; }

    public IndicatorPeriodMode Mode { get; set; }

    /// <summary>Null: the whole association.</summary>
    public long? InterventionId { get; set; }

    public IndicatorGender Gender { get; set; }
    public int Numerator { get; set; }
    public int Denominator { get; set; }

    /// <summary>Exits in the population that lack data the rule needs (a step, for step progression).</summary>
    public int MissingData { get; set; }

    /// <summary>For 12-month indicators: people reached at the follow-up.</summary>
    public int? Reached { get; set; }

    public double? Rate { get; set; }

    /// <summary>For 12-month indicators: successes ÷ reached.</summary>
    public double? RateOfReached { get; set; }

    public double? ResponseRate { get; set; }
    public decimal TargetPercent { get; set; }
    public bool? Met { get; set; }
    public bool TooFew { get; set; }
    public DateTime ComputedAtUtc { get; set; }
}

public enum IndicatorPeriodMode
{
    Period,
    YearToDate,
    Year,
}

public enum IndicatorGender
{
    Woman,
    Man,
    Total,
}
