using System.ComponentModel.DataAnnotations;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Economy;

/// <summary>Where the year's funds come from, as the SUS cost report listed them.</summary>
public enum FundSource
{
    [Display(Name = "Staten")] State,
    [Display(Name = "Kommunerna")] Municipalities,
    [Display(Name = "Regionen")] Region,
    [Display(Name = "Förbundets egna medel (ingående eget kapital)")] OwnFunds,
    [Display(Name = "ESF")] Esf,
    [Display(Name = "Projektmedel och övriga intäkter")] Other,
}

/// <summary>A financial target judged: met, not met, or not possible to judge (no funds or costs to divide by).</summary>
public enum TargetStatus
{
    [Display(Name = "uppfyllt")] Met,
    [Display(Name = "ej uppfyllt")] NotMet,
    [Display(Name = "kan inte bedömas")] Unknown,
}

public sealed record FundsLine(FundSource Source, long AmountSek);

/// <summary>
/// One line of the cost parts (an intervention or an administration category): the year's
/// budget, the tertial's actual cost, the actual to date, the share of the budget used (basis
/// points) and the forecast for the year (the office's, or the actual to date pro rata).
/// </summary>
public sealed record CostLine(
    long? InterventionId,
    AdministrationCategory? Category,
    string Name,
    string? Group,
    long BudgetSek,
    long? TertialActualSek,
    long ActualToDateSek,
    int? UsedBasisPoints,
    long ForecastSek,
    bool ForecastEntered);

public sealed record CostPart(IReadOnlyList<CostLine> Lines, CostLine Total);

/// <summary>The summary: income, costs and result to date and for the year, and the equity it leads to.</summary>
public sealed record EquitySummary(
    long IncomeSek,
    long IncomeToDateSek,
    long BudgetedCostsSek,
    long CostsToDateSek,
    long ResultToDateSek,
    long ForecastCostsSek,
    long ForecastResultSek,
    long OpeningEquitySek,
    long ClosingEquityForecastSek);

/// <summary>A financial target as the report judges it: the target in words, the figure it was judged on, the judgement.</summary>
public sealed record TargetResult(FinancialTargetKind Kind, string Target, string Figure, TargetStatus Status);

/// <summary>
/// The association's economy for a tertial, in the SUS cost report's four parts: funds available
/// by source, intervention costs, administrative costs, and the summary with equity against the
/// board's targets. Whole SEK; shares in basis points.
/// </summary>
public sealed record EconomyReport(
    int Year,
    int Tertial,
    IReadOnlyList<FundsLine> Funds,
    long FundsTotalSek,
    CostPart Interventions,
    CostPart Administration,
    EquitySummary Summary,
    IReadOnlyList<TargetResult> Targets,
    IReadOnlyList<string> Notes);

/// <summary>An intervention's figures for the year as the cost part needs them.</summary>
public sealed record InterventionCostInput(
    long InterventionId, string Name, string Group, long BudgetSek, long YearActualSek, long? Tertial1Sek, long? Tertial2Sek, long? Tertial3Sek, long? ForecastSek);

/// <summary>An administration category's figures for the year.</summary>
public sealed record AdministrationCostInput(
    AdministrationCategory Category, long BudgetSek, long? Tertial1Sek, long? Tertial2Sek, long? Tertial3Sek, long? ForecastSek);

/// <summary>A year's closing equity and funds, for a target averaged over several years.</summary>
public sealed record EquityYear(int Year, long ClosingEquitySek, long FundsSek);

/// <summary>
/// The arithmetic of the economic part, without the database: every figure from whole SEK by
/// integer arithmetic, rounded half up where a fraction is taken (pro rata, shares).
/// </summary>
public static class EconomyCalculation
{
    /// <summary>One cost line at the end of tertial <paramref name="tertial"/>.</summary>
    /// <param name="yearActualSek">The year's actual cost as recorded on its own: the actual to date when no tertial is entered.</param>
    public static CostLine Line(long? interventionId, AdministrationCategory? category, string name, string? group, long budgetSek,
        long yearActualSek, long? t1, long? t2, long? t3, long? forecastSek, int tertial)
    {
        var toDate = TertialAmounts.ToDate(t1, t2, t3, tertial) ?? yearActualSek;
        return new CostLine(interventionId, category, name, group, budgetSek, TertialAmounts.Of(t1, t2, t3, tertial), toDate,
            UsedBasisPoints(toDate, budgetSek), forecastSek ?? Apportionment.Fraction(toDate, 3, tertial), forecastSek is not null);
    }

    public static int? UsedBasisPoints(long actual, long budget) =>
        budget > 0 ? (int)Math.Min(int.MaxValue, Apportionment.Fraction(actual, 10_000, budget)) : null;

    public static CostPart Part(IReadOnlyList<CostLine> lines, string totalName)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var budget = lines.Sum(l => l.BudgetSek);
        var toDate = lines.Sum(l => l.ActualToDateSek);
        long? tertialActual = lines.Any(l => l.TertialActualSek is not null) ? lines.Sum(l => l.TertialActualSek ?? 0) : null;
        return new CostPart(lines, new CostLine(null, null, totalName, null, budget, tertialActual, toDate, UsedBasisPoints(toDate, budget),
            lines.Sum(l => l.ForecastSek), lines.Count > 0 && lines.All(l => l.ForecastEntered)));
    }

    public static EconomyReport Compute(
        int year,
        int tertial,
        FinancingYear financing,
        long? openingEquitySek,
        long esfSek,
        long projectAndOtherSek,
        IReadOnlyList<InterventionCostInput> interventions,
        IReadOnlyList<AdministrationCostInput> administration,
        IReadOnlyList<FinancialTarget> targets,
        IReadOnlyList<EquityYear> earlierYears)
    {
        ArgumentNullException.ThrowIfNull(financing);
        ArgumentNullException.ThrowIfNull(interventions);
        ArgumentNullException.ThrowIfNull(administration);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(earlierYears);
        var opening = openingEquitySek ?? 0;
        FundsLine[] funds =
        [
            new(FundSource.State, financing.SumOf(MemberKind.State)),
            new(FundSource.Municipalities, financing.SumOf(MemberKind.Municipality)),
            new(FundSource.Region, financing.SumOf(MemberKind.Region)),
            new(FundSource.OwnFunds, opening),
            new(FundSource.Esf, esfSek),
            new(FundSource.Other, projectAndOtherSek),
        ];
        var interventionPart = Part(
            [.. interventions.Select(i => Line(i.InterventionId, null, i.Name, i.Group, i.BudgetSek, i.YearActualSek, i.Tertial1Sek, i.Tertial2Sek, i.Tertial3Sek, i.ForecastSek, tertial))],
            "Summa insatser");
        var administrationPart = Part(
            [.. administration.Select(a => Line(null, a.Category, SwedishFormat.Label(a.Category), null, a.BudgetSek, 0, a.Tertial1Sek, a.Tertial2Sek, a.Tertial3Sek, a.ForecastSek, tertial))],
            "Summa administration");

        var income = financing.RowsSumSek + esfSek + projectAndOtherSek;
        var incomeToDate = Apportionment.Fraction(income, tertial, 3);
        var costsToDate = interventionPart.Total.ActualToDateSek + administrationPart.Total.ActualToDateSek;
        var forecastCosts = interventionPart.Total.ForecastSek + administrationPart.Total.ForecastSek;
        var summary = new EquitySummary(
            income,
            incomeToDate,
            interventionPart.Total.BudgetSek + administrationPart.Total.BudgetSek,
            costsToDate,
            incomeToDate - costsToDate,
            forecastCosts,
            income - forecastCosts,
            opening,
            opening + income - forecastCosts);

        var window = earlierYears.Where(e => e.Year < year).Append(new EquityYear(year, summary.ClosingEquityForecastSek, income)).ToList();
        var notes = new List<string>();
        if (openingEquitySek is null)
        {
            notes.Add($"Ingående eget kapital för {year} är inte angivet och räknas som 0 kr.");
        }

        notes.AddRange(financing.Problems.Select(p => $"Medlemsavgifter {year}: {p}"));
        if (tertial < 3)
        {
            notes.Add($"Intäkterna hittills är årets intäkter pro rata ({tertial} av 3 tertial). Prognosen för en rad är kansliets, annars utfallet hittills pro rata.");
        }

        return new EconomyReport(year, tertial, funds, funds.Sum(f => f.AmountSek), interventionPart, administrationPart, summary,
            [.. targets.Select(t => Judge(t, summary, administrationPart.Total.ForecastSek, window))], notes);
    }

    /// <summary>
    /// A target against the year's forecast. A share of the funds is averaged over the window as
    /// the sum of the years' closing equity over the sum of their funds (the years with figures
    /// among the report's year and those before it), compared exactly by cross-multiplication.
    /// </summary>
    public static TargetResult Judge(FinancialTarget target, EquitySummary summary, long administrationForecastSek, IReadOnlyList<EquityYear> years)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(years);
        switch (target.Kind)
        {
            case FinancialTargetKind.MinimumEquity:
                var amount = target.AmountSek ?? 0;
                return new TargetResult(target.Kind, $"Eget kapital minst {SwedishFormat.Kronor(amount)}",
                    $"Utgående eget kapital, prognos: {SwedishFormat.Kronor(summary.ClosingEquityForecastSek)}",
                    summary.ClosingEquityForecastSek >= amount ? TargetStatus.Met : TargetStatus.NotMet);
            case FinancialTargetKind.AdministrationShareAtMost:
                var basis = target.BasisPoints ?? 0;
                return Share(target, $"Administrationen högst {Percent(basis)} av kostnaderna",
                    administrationForecastSek, summary.ForecastCostsSek, basis, atMost: true,
                    share => $"Administrationens andel, prognos: {share} ({SwedishFormat.Kronor(administrationForecastSek)} av {SwedishFormat.Kronor(summary.ForecastCostsSek)})");
            default:
                var window = Math.Max(1, target.WindowYears);
                var last = years.Max(y => y.Year);
                var inWindow = years.Where(y => y.Year > last - window).OrderBy(y => y.Year).ToList();
                var atMost = target.Kind == FinancialTargetKind.EquityShareAtMost;
                var bp = target.BasisPoints ?? 0;
                var over = window == 1 ? string.Empty : $" i genomsnitt över {window} år";
                var yearsText = window == 1 ? "" : $" ({inWindow.First().Year}–{last}, {inWindow.Count} av {window} år med uppgifter)";
                return Share(target, $"Eget kapital {(atMost ? "högst" : "minst")} {Percent(bp)} av årets medel{over}",
                    inWindow.Sum(y => y.ClosingEquitySek), inWindow.Sum(y => y.FundsSek), bp, atMost,
                    share => $"Eget kapital som andel av medlen, prognos: {share}{yearsText}");
        }
    }

    private static TargetResult Share(FinancialTarget target, string text, long part, long whole, int basisPoints, bool atMost, Func<string, string> figure)
    {
        if (whole <= 0)
        {
            return new TargetResult(target.Kind, text, figure(SwedishFormat.None), TargetStatus.Unknown);
        }

        // part / whole against basisPoints / 10 000, exactly.
        var left = (Int128)part * 10_000;
        var right = (Int128)basisPoints * whole;
        var met = atMost ? left <= right : left >= right;
        return new TargetResult(target.Kind, text, figure(Percent(Apportionment.Fraction(part, 10_000, whole))), met ? TargetStatus.Met : TargetStatus.NotMet);
    }

    /// <summary>Basis points as a percent with up to two decimals, "2 %", "10,5 %", "0,25 %".</summary>
    public static string Percent(long basisPoints) => $"{(basisPoints / 100m).ToString("0.##", SwedishFormat.Culture)}\u00A0%";

    /// <summary>The judgement with its symbol, as the indicators show theirs.</summary>
    public static string Judgement(TargetStatus status) => status switch
    {
        TargetStatus.Met => "✓ ",
        TargetStatus.NotMet => "✗ ",
        _ => "– ",
    } + SwedishFormat.Label(status);
}
