using FluentValidation;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Common;

/// <summary>Rules that several requests share, with their Swedish messages.</summary>
internal static class ValidationRules
{
    /// <summary>
    /// A date not after today. <c>Must</c> rather than <c>LessThanOrEqualTo(_ =&gt; clock.Today())</c>:
    /// FluentValidation compiles a lambda expression each time a validator is built, which once
    /// cost the intake more than its database work; a delegate costs nothing. An empty date passes
    /// (a <c>NotNull</c> rule says so).
    /// </summary>
    public static IRuleBuilderOptions<T, DateOnly?> NotInFuture<T>(this IRuleBuilder<T, DateOnly?> rule, TimeProvider clock, string message) =>
        rule.Must(d => d is not { } date || date <= clock.Today()).WithMessage(message);
    public static IRuleBuilderOptions<T, int> ValidYear<T>(this IRuleBuilder<T, int> rule) =>
        rule.InclusiveBetween(2000, 2100).WithMessage("Året ska vara mellan 2000 och 2100.");

    public static IRuleBuilderOptions<T, int> ValidTertial<T>(this IRuleBuilder<T, int> rule) =>
        rule.InclusiveBetween(1, 3).WithMessage("Tertial ska vara 1, 2 eller 3.");

    public static IRuleBuilderOptions<T, IReadOnlyList<IncomeSource>?> NoRepeatedIncomeSource<T>(
        this IRuleBuilder<T, IReadOnlyList<IncomeSource>?> rule) =>
        rule.Must(s => s is null || s.Distinct().Count() == s.Count)
            .WithMessage("Samma försörjningskälla får bara anges en gång.");

    /// <summary>Income sources that cannot hold at once (<see cref="IncomeSourceRules"/>) are refused, naming them.</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<IncomeSource>?> NoContradictoryIncomeSources<T>(
        this IRuleBuilder<T, IReadOnlyList<IncomeSource>?> rule) =>
        rule.Must(s => !IncomeSourceRules.Contradictions(s).Any())
            .WithMessage((_, s) => ContradictionMessage(IncomeSourceRules.Contradictions(s).ToList()));

    /// <summary>"”Ingen offentlig försörjning” kan inte anges tillsammans med ”Sjukpenning”." for the pairs found.</summary>
    public static string ContradictionMessage(IReadOnlyList<(IncomeSource First, IncomeSource Second)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var messages = new List<string>();
        var withoutSupport = pairs.Where(p => p.First == IncomeSource.NoPublicSupport).Select(p => Quoted(p.Second)).ToList();
        if (withoutSupport.Count > 0)
        {
            messages.Add($"{Quoted(IncomeSource.NoPublicSupport)} kan inte anges tillsammans med {string.Join(" eller ", withoutSupport)}. Ta bort det som inte stämmer.");
        }

        if (pairs.Any(p => p.First == IncomeSource.ActivityCompensation))
        {
            messages.Add($"{Quoted(IncomeSource.ActivityCompensation)} och {Quoted(IncomeSource.SicknessCompensation)} kan inte anges samtidigt: "
                + "aktivitetsersättning ges till och med 29 års ålder och sjukersättning från 30 år.");
        }

        return string.Join(" ", messages);
    }

    private static string Quoted(IncomeSource source) => $"”{SwedishFormat.Label(source)}”";
}
