using System.Linq.Expressions;

namespace Samordning.FollowUp.Features.Reports;

/// <summary>
/// Many conditional counts in one pass over each group, for EF Core to translate into one
/// GROUP BY with SUM(CASE WHEN … THEN 1 ELSE 0 END) per condition: the report's referrals and
/// every trend period's volumes are counted this way.
/// </summary>
internal static class ConditionalSums
{
    /// <summary>g => result(g.Key, [g.Sum(predicate 0 ? 1 : 0), g.Sum(predicate 1 ? 1 : 0), …]).</summary>
    public static Expression<Func<IGrouping<TKey, TRow>, TResult>> Of<TRow, TKey, TResult>(
        IEnumerable<Expression<Func<TRow, bool>>> predicates, Expression<Func<TKey, int[], TResult>> result)
    {
        ArgumentNullException.ThrowIfNull(predicates);
        ArgumentNullException.ThrowIfNull(result);
        var group = Expression.Parameter(typeof(IGrouping<TKey, TRow>), "g");
        var sums = predicates.Select(predicate => Expression.Call(typeof(Enumerable), nameof(Enumerable.Sum), [typeof(TRow)], group,
            Expression.Lambda<Func<TRow, int>>(
                Expression.Condition(predicate.Body, Expression.Constant(1), Expression.Constant(0)), predicate.Parameters)));
        var key = Expression.Property(group, nameof(IGrouping<TKey, TRow>.Key));
        var body = new Substitution(result.Parameters[0], key, result.Parameters[1], Expression.NewArrayInit(typeof(int), sums)).Visit(result.Body);
        return Expression.Lambda<Func<IGrouping<TKey, TRow>, TResult>>(body, group);
    }

    private sealed class Substitution(ParameterExpression first, Expression firstValue, ParameterExpression second, Expression secondValue)
        : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            node == first ? firstValue : node == second ? secondValue : base.VisitParameter(node);
    }
}
