using FluentValidation;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Common;

/// <summary>Rules that several requests share, with their Swedish messages.</summary>
internal static class ValidationRules
{
    public static IRuleBuilderOptions<T, IReadOnlyList<IncomeSource>?> NoRepeatedIncomeSource<T>(
        this IRuleBuilder<T, IReadOnlyList<IncomeSource>?> rule) =>
        rule.Must(s => s is null || s.Distinct().Count() == s.Count)
            .WithMessage("Samma försörjningskälla får bara anges en gång.");
}
