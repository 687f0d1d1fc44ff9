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
    public static IReadOnlySet<int> Apply(AdditiveTable table, int threshold) => ApplyShowingSmall(table, threshold, showsSmall: false).Masked;

    /// <summary>
    /// As <see cref="Apply"/>, for a reader who sees a small count as "&lt;threshold" (known to lie
    /// in [1, threshold − 1]) and every other masked count as "x" (known only to be ≥ 1). Where
    /// those ranges alone give a count away and nothing is left to mask (a small intervention whose
    /// every count is small), the small counts of that group are shown as "x" too.
    /// </summary>
    /// <param name="rank">
    /// Which cells to give up first as complements (lower first): the report hides an intervention's
    /// count before a subtotal's, and the association's totals last, so the first screen stays readable.
    /// </param>
    /// <param name="perGroup">In each round, a complement for every leak apart from the others' sums, not one in all: for large tables.</param>
    /// <param name="settled">
    /// What a reader has already been shown (an adopted report): its masked cells stay masked, "x"
    /// stays "x", and its shown cells are taken as complements only when nothing else protects a leak.
    /// </param>
    public static Suppression ApplyShowingSmall(AdditiveTable table, int threshold, bool showsSmall = true, Func<string, int>? rank = null,
        SettledCells? settled = null, bool perGroup = false)
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

        var shownSmall = showsSmall ? new HashSet<int>(masked) : [];
        var published = settled?.Shown ?? new HashSet<int>();
        var seenSmall = settled?.Seen ?? new HashSet<int>();
        if (settled is not null)
        {
            masked.UnionWith(settled.Masked);
            // Masked as "x" before, or no longer small: "x", never a "<N" that says more.
            shownSmall.ExceptWith(settled.Masked.Where(i => !settled.ShownSmall.Contains(i)));
        }

        var relationsOf = new List<AdditiveTable.Relation>[table.Count];
        foreach (var relation in table.Relations)
        {
            foreach (var member in relation.Members)
            {
                (relationsOf[member] ??= []).Add(relation);
            }
        }

        // Each round masks more cells or shows fewer as "<N", so this ends; the bound is a guard only.
        for (var round = 0; round <= 2 * table.Count; round++)
        {
            var leaks = Recoverability.Find(table, masked, threshold, shownSmall);
            if (leaks.Count == 0)
            {
                return new Suppression(masked, shownSmall);
            }

            // One complement at a time: one new mask often protects several leaks at once. Over a
            // large table (a year of reports), one for each leak whose sums no new mask touched yet this round.
            var handled = new HashSet<int>();
            var changed = false;
            foreach (var leak in perGroup ? leaks : leaks.Take(1))
            {
                if (!handled.Add(leak))
                {
                    continue;
                }

                handled.UnionWith(Neighbours(leak));
                // A complement higher up (a subtotal for an intervention's leak) costs the reader more
                // than showing the leak's own small counts as "x": then that comes first.
                var complement = Complement(table, relationsOf, masked, leak, rank, published);
                var higher = complement is { } c && rank is not null && rank(table.Keys[c]) > rank(table.Keys[leak]);
                if ((complement is null || higher) && changed)
                {
                    // This round's new masks may protect it already: decided on the next round's findings.
                    continue;
                }

                var group = complement is null || higher ? MaskedGroup(relationsOf, masked, leak) : [];
                group.ExceptWith(seenSmall);
                var obscurable = group.Any(shownSmall.Contains);
                changed = true;
                if (complement is { } cell && !(higher && obscurable) && masked.Add(cell))
                {
                    handled.UnionWith(Neighbours(cell));
                    continue;
                }

                if (!obscurable)
                {
                    // Last resort: a count a settled report showed (it protects only from those who did not see it).
                    if (published.Count > 0 && Complement(table, relationsOf, masked, leak, rank) is { } seenCell && masked.Add(seenCell))
                    {
                        handled.UnionWith(Neighbours(seenCell));
                        continue;
                    }

                    throw new InvalidOperationException($"Small-number suppression found a masked count it cannot protect: {table.Keys[leak]}.");
                }

                shownSmall.ExceptWith(group);
            }
        }

        throw new InvalidOperationException("Small-number suppression did not settle.");

        IEnumerable<int> Neighbours(int cell) => (relationsOf[cell] ?? []).SelectMany(r => r.Members);
    }

    public static bool IsSmall(long value, int threshold) => value > 0 && value < threshold;

    /// <summary>The masked cells linked to <paramref name="cell"/> through relations whose members are masked.</summary>
    private static HashSet<int> MaskedGroup(List<AdditiveTable.Relation>[] relationsOf, HashSet<int> masked, int cell)
    {
        var group = new HashSet<int> { cell };
        var frontier = new Queue<int>([cell]);
        while (frontier.TryDequeue(out var current))
        {
            foreach (var relation in relationsOf[current] ?? [])
            {
                foreach (var member in relation.Members.Where(m => masked.Contains(m) && group.Add(m)))
                {
                    frontier.Enqueue(member);
                }
            }
        }

        return group;
    }

    /// <summary>
    /// The smallest shown non-zero cell in a relation of <paramref name="leak"/>; when those are all
    /// masked or zero, in the nearest relation reached through masked cells (the leak comes through them).
    /// </summary>
    private static int? Complement(AdditiveTable table, List<AdditiveTable.Relation>[] relationsOf, HashSet<int> masked, int leak, Func<string, int>? rank = null,
        IReadOnlySet<int>? notCandidates = null)
    {
        var ranks = new Dictionary<int, int>();
        int Rank(int cell) => rank is null ? 0 : ranks.TryGetValue(cell, out var r) ? r : ranks[cell] = rank(table.Keys[cell]);
        // A cell in few sums drags few others along when it is masked: 199 participants this year
        // (in one sum) goes before the 118 count-only that every level of the report adds up.
        int Ties(int cell) => rank is null ? 0 : relationsOf[cell]?.Count ?? 0;
        var visited = new HashSet<int> { leak };
        var frontier = new List<int> { leak };
        while (frontier.Count > 0)
        {
            int? best = null;
            var next = new List<int>();
            foreach (var relation in frontier.SelectMany(f => relationsOf[f] ?? []).Distinct())
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

                    if (table.Values[member] == 0 || notCandidates?.Contains(member) == true)
                    {
                        continue;
                    }

                    // The lowest rank, then the fewest sums, then the smallest value; on a tie the later
                    // cell: parts are added after their totals, and hiding a part keeps the total.
                    if (best is null || Better(member, best.Value))
                    {
                        best = member;
                    }
                }
            }

            if (best is not null)
            {
                return best;
            }

            bool Better(int a, int b) =>
                (Rank(a), Ties(a), table.Values[a], -a).CompareTo((Rank(b), Ties(b), table.Values[b], -b)) < 0;

            frontier = next;
        }

        return null;
    }
}

/// <param name="Masked">Every masked cell.</param>
/// <param name="ShownSmall">The masked cells the reader sees as "&lt;N"; the others read "x".</param>
public sealed record Suppression(IReadOnlySet<int> Masked, IReadOnlySet<int> ShownSmall);

/// <summary>Cells a reader has already seen as they are (an adopted report): <paramref name="Shown"/> with their values, <paramref name="Masked"/> withheld.</summary>
/// <param name="ShownSmall">The masked ones the reader saw as "&lt;N".</param>
/// <param name="Seen">The masked ones the reader has seen as "&lt;N" in a report that does not change: they are not made "x" to protect others, which would protect nothing.</param>
public sealed record SettledCells(IReadOnlySet<int> Masked, IReadOnlySet<int> ShownSmall, IReadOnlySet<int> Shown, IReadOnlySet<int>? Seen = null);
