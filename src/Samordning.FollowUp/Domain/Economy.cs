using System.ComponentModel.DataAnnotations;

namespace Samordning.FollowUp.Domain;

/// <summary>
/// Which part of the members' contributions a member pays under the law (2003:1210): the state
/// (Försäkringskassan, and Arbetsförmedlingen where it is a member) half, the region a quarter,
/// the municipalities a quarter shared by population.
/// </summary>
public enum MemberKind
{
    [Display(Name = "Staten")] State,
    [Display(Name = "Regionen")] Region,
    [Display(Name = "Kommun")] Municipality,
}

/// <summary>What the office's own costs are spent on (the SUS cost report's administrative costs).</summary>
public enum AdministrationCategory
{
    [Display(Name = "Kanslipersonal")] Staff,
    [Display(Name = "Lokaler")] Premises,
    [Display(Name = "Revision")] Audit,
    [Display(Name = "Informationsteknik")] It,
    [Display(Name = "Övrig administration")] Other,
}

/// <summary>A financial target the board has set; judged in the tertial report like an indicator.</summary>
public enum FinancialTargetKind
{
    /// <summary>"Förbundet ska ha minst 2000 tkr eget kapital": the closing equity at least an amount.</summary>
    [Display(Name = "Eget kapital minst")] MinimumEquity,

    /// <summary>Equity at least a share of the year's funds ("minst 10 %"), averaged over a window of years.</summary>
    [Display(Name = "Eget kapital som andel av medlen minst")] EquityShareAtLeast,

    /// <summary>Equity at most a share of the year's funds ("i genomsnitt högst 2 % över fem år").</summary>
    [Display(Name = "Eget kapital som andel av medlen högst")] EquityShareAtMost,

    /// <summary>Administration at most a share of the year's total costs.</summary>
    [Display(Name = "Administrationens andel av kostnaderna högst")] AdministrationShareAtMost,
}

/// <summary>A member of the association: the state's agencies, the region, each municipality.</summary>
public sealed class AssociationMember
{
    public long Id { get; set; }
    public long AssociationId { get; set; }
    public required string Name { get; set; }
    public MemberKind Kind { get; set; }

    /// <summary>A municipality's four-digit code (db/seed/kommuner.csv); null for the state and the region.</summary>
    public string? MunicipalityCode { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public List<MemberYear> Years { get; } = [];
}

/// <summary>
/// A member's year: the contribution when the office enters it (otherwise it is computed by the
/// legal split), and for a municipality the population its share is computed from, with the date
/// of the figure (SCB, usually 1 July or 31 December of the year before).
/// </summary>
public sealed class MemberYear
{
    public long MemberId { get; set; }
    public int Year { get; set; }
    public long? ContributionSek { get; set; }
    public int? Population { get; set; }
    public DateOnly? PopulationDate { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>
/// The association's money for one year apart from the members' rows: the members' total as the
/// plan prints it, the unit the computed contributions are rounded to, the equity at the start of
/// the year, and income beside the contributions.
/// </summary>
public sealed class EconomyYear
{
    public long AssociationId { get; set; }
    public int Year { get; set; }

    /// <summary>The members' contributions in total (the plan's printed total); null when only rows are entered.</summary>
    public long? TotalContributionSek { get; set; }

    /// <summary>Computed contributions are whole multiples of this (1, 100 or 1 000 kr as the plan prints them).</summary>
    public int RoundingUnitSek { get; set; } = 1;

    public long? OpeningEquitySek { get; set; }
    public long EsfIncomeSek { get; set; }
    public long ProjectIncomeSek { get; set; }
    public long OtherIncomeSek { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>
/// One category of the office's own costs for a year: budget, the actual cost per tertial as it
/// is entered or imported, and the office's forecast for the year (null: actual to date pro rata).
/// </summary>
public sealed class AdministrationCost
{
    public long AssociationId { get; set; }
    public int Year { get; set; }
    public AdministrationCategory Category { get; set; }
    public long BudgetSek { get; set; }
    public long? ForecastSek { get; set; }
    public long? Tertial1Sek { get; set; }
    public long? Tertial2Sek { get; set; }
    public long? Tertial3Sek { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>
/// An intervention's actual cost per tertial (entered or imported) and the office's forecast for
/// the year; the budget stays in <see cref="InterventionYearPlan"/>.
/// </summary>
public sealed class InterventionCost
{
    public long InterventionId { get; set; }
    public int Year { get; set; }
    public long? ForecastSek { get; set; }
    public long? Tertial1Sek { get; set; }
    public long? Tertial2Sek { get; set; }
    public long? Tertial3Sek { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>A target the board has set for the association's finances.</summary>
public sealed class FinancialTarget
{
    public long Id { get; set; }
    public long AssociationId { get; set; }
    public FinancialTargetKind Kind { get; set; }

    /// <summary>The amount of a <see cref="FinancialTargetKind.MinimumEquity"/> target, whole SEK.</summary>
    public long? AmountSek { get; set; }

    /// <summary>The share of the share targets in basis points (200 = 2 %).</summary>
    public int? BasisPoints { get; set; }

    /// <summary>Years the share is averaged over, the report's year and those before it (1 = the year alone).</summary>
    public int WindowYears { get; set; } = 1;

    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>Tertial values kept as three columns; one place reads and writes them.</summary>
public static class TertialAmounts
{
    public static long? Of(long? t1, long? t2, long? t3, int tertial) => tertial switch
    {
        1 => t1,
        2 => t2,
        3 => t3,
        _ => throw new ArgumentOutOfRangeException(nameof(tertial), tertial, null),
    };

    /// <summary>The sum of the tertials up to and including <paramref name="tertial"/>; null when none of them is entered.</summary>
    public static long? ToDate(long? t1, long? t2, long? t3, int tertial)
    {
        long? sum = null;
        for (var t = 1; t <= tertial; t++)
        {
            if (Of(t1, t2, t3, t) is { } value)
            {
                sum = (sum ?? 0) + value;
            }
        }

        return sum;
    }
}
