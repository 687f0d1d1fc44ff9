using FluentValidation;

namespace Samordning.FollowUp.Features.Economy;

/// <summary>The checks every amount of the economy passes, with one Swedish wording each.</summary>
internal static class EconomyRules
{
    /// <summary>At most 100 000 000 000 kr: far above any förbund, and products with shares stay within 64 bits.</summary>
    public const long MaxAmount = 100_000_000_000;

    public static IRuleBuilderOptions<T, long?> Amount<T>(this IRuleBuilder<T, long?> rule, string what) =>
        rule.InclusiveBetween(0, MaxAmount).WithMessage($"{what} ska vara ett belopp i hela kronor, 0 eller mer.");

    public static IRuleBuilderOptions<T, long> Amount<T>(this IRuleBuilder<T, long> rule, string what) =>
        rule.InclusiveBetween(0, MaxAmount).WithMessage($"{what} ska vara ett belopp i hela kronor, 0 eller mer.");

    /// <summary>Equity may be negative (a deficit), within the same bound.</summary>
    public static IRuleBuilderOptions<T, long?> SignedAmount<T>(this IRuleBuilder<T, long?> rule, string what) =>
        rule.InclusiveBetween(-MaxAmount, MaxAmount).WithMessage($"{what} ska vara ett belopp i hela kronor.");
}
