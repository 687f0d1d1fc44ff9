namespace Samordning.FollowUp.Features.Reports.Disclosure;

/// <summary>
/// The small-number rule, applied once to the whole report: a count from 1 to threshold − 1 is
/// masked (primary suppression), and then as few other counts as this simple rule finds are
/// masked too (complementary suppression) until <see cref="Recoverability"/> finds nothing a
/// reader could work out from the totals, subtotals and siblings shown. Zeros are shown: "no one"
/// reveals no person. A complement is the smallest shown non-zero member of the relation that
/// gives a masked cell away, so large, informative figures stay visible where possible.
/// </summary>
public static class SmallNumberSuppression
{
    /// <param name="showsSmall">
    /// True when the reader sees a small count as "&lt;threshold" and a protecting one as "x"
    /// (<see cref="Recoverability.Find"/> then reasons with those ranges).
    /// </param>
    public static IReadOnlySet<int> Apply(AdditiveTable table, int threshold, bool showsSmall = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        var masked = new HashSet<int>();
        for (var i = 0; i < table.Count; i++)
        {
            if (IsSmall(table.Values[i], threshold))
            {
                masked.Add(i);
            }
        }

        // Each round masks at least one more cell, so this ends; the bound is a guard only.
        for (var round = 0; round <= table.Count; round++)
        {
            var leaks = Recoverability.Find(table, masked, showsSmall ? threshold : null);
            if (leaks.Count == 0)
            {
                return masked;
            }

            // One complement at a time: one new mask often protects several leaks at once.
            if (Complement(table, masked, leaks[0]) is not { } cell || !masked.Add(cell))
            {
                throw new InvalidOperationException("Small-number suppression found a masked count it cannot protect.");
            }
        }

        throw new InvalidOperationException("Small-number suppression did not settle.");
    }

    public static bool IsSmall(long value, int threshold) => value > 0 && value < threshold;

    /// <summary>
    /// The smallest shown non-zero cell in a relation of <paramref name="leak"/>; when those are all
    /// masked or zero, in the nearest relation reached through masked cells (the leak comes through them).
    /// </summary>
    private static int? Complement(AdditiveTable table, HashSet<int> masked, int leak)
    {
        var visited = new HashSet<int> { leak };
        var frontier = new List<int> { leak };
        while (frontier.Count > 0)
        {
            int? best = null;
            var next = new List<int>();
            foreach (var relation in table.Relations.Where(r => r.Members.Any(frontier.Contains)))
            {
                foreach (var member in relation.Members)
                {
                    if (masked.Contains(member))
                    {
                        if (visited.Add(member))
                        {
                            next.Add(member);
                        }

                        continue;
                    }

                    if (table.Values[member] == 0)
                    {
                        continue;
                    }

                    // On a tie the later cell: parts are added after their totals, and hiding a part keeps the total.
                    if (best is null || table.Values[member] < table.Values[best.Value]
                        || (table.Values[member] == table.Values[best.Value] && member > best.Value))
                    {
                        best = member;
                    }
                }
            }

            if (best is not null)
            {
                return best;
            }

            frontier = next;
        }

        return null;
    }
}
