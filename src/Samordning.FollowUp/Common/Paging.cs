using FluentValidation;

namespace Samordning.FollowUp.Common;

public sealed record PagedResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);

/// <summary>
/// Pages of every list: page from 1 with no upper bound, size 1–<see cref="MaxPageSize"/>. A page
/// past the end is empty and still carries the total, however large its number.
/// </summary>
public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>
    /// The rows of one page. (page − 1) × size is computed in 64 bits: in 32 bits page 2147483647
    /// overflows, wraps to a negative offset and gave the first page. An offset beyond
    /// int.MaxValue is past the end of any table (counts are ints), so it is capped there.
    /// </summary>
    public static IQueryable<T> Page<T>(this IQueryable<T> source, int page, int pageSize)
    {
        var offset = Math.Min((long)(Math.Max(page, 1) - 1) * pageSize, int.MaxValue);
        return source.Skip((int)offset).Take(pageSize);
    }

    internal static IRuleBuilderOptions<T, int> ValidPage<T>(this IRuleBuilder<T, int> rule) =>
        rule.GreaterThanOrEqualTo(1).WithMessage("Sidnumret börjar på 1.");

    internal static IRuleBuilderOptions<T, int> ValidPageSize<T>(this IRuleBuilder<T, int> rule) =>
        rule.InclusiveBetween(1, MaxPageSize).WithMessage($"Sidstorleken ska vara mellan 1 och {MaxPageSize}.");
}
