namespace Samordning.FollowUp.Features.Reports.Disclosure;

/// <summary>
/// Which masked cells a reader could still work out from what is shown: exactly, by combining
/// any number of the table's relations (linear algebra over the masked cells), or by narrowing
/// each masked count's range through the relations, knowing that a masked count is at least 1
/// (zeros are shown): a total of 2 with two masked parts means both are 1.
/// </summary>
public static class Recoverability
{
    private const double Epsilon = 1e-9;

    /// <summary>No upper bound known (a masked total of masked parts).</summary>
    private const long Unbounded = long.MaxValue;

    /// <param name="shownSmall">
    /// Masked cells the reader sees as "&lt;<paramref name="threshold"/>": each is known to lie in
    /// [1, threshold − 1]. Every other masked cell (shown as "x") is only known to be ≥ 1.
    /// </param>
    /// <returns>Indexes of masked cells whose value follows from the rest; empty when the masking holds.</returns>
    public static IReadOnlyList<int> Find(AdditiveTable table, IReadOnlySet<int> masked, int threshold = 0, IReadOnlySet<int>? shownSmall = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(masked);
        var found = new SortedSet<int>(Bounds(table, masked, threshold, shownSmall));
        foreach (var component in Components(table, masked))
        {
            found.UnionWith(DeterminedByEquations(table, masked, component));
        }

        return [.. found];
    }

    /// <summary>
    /// Interval reasoning: every masked count starts as [1, ∞); each relation narrows its members
    /// from the others' ranges (a part is at most the total minus the others' least, at least the
    /// total minus the others' most), until nothing changes. A range of one value gives the count away.
    /// </summary>
    private static IEnumerable<int> Bounds(AdditiveTable table, IReadOnlySet<int> masked, int threshold, IReadOnlySet<int>? shownSmall)
    {
        var lo = new long[table.Count];
        var hi = new long[table.Count];
        for (var i = 0; i < table.Count; i++)
        {
            (lo[i], hi[i]) = !masked.Contains(i) ? (table.Values[i], table.Values[i])
                : shownSmall?.Contains(i) == true ? (1, Math.Max(1, threshold - 1))
                : (1, Unbounded);
        }

        // "<2" says 1 by itself: that is the threshold's choice, not a leak the masking can mend.
        var knownAtOnce = masked.Where(i => lo[i] == hi[i]).ToHashSet();

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var relation in table.Relations)
            {
                var partsLo = relation.Parts.Sum(p => lo[p]);
                var unboundedParts = relation.Parts.Count(p => hi[p] == Unbounded);
                var boundedHi = relation.Parts.Where(p => hi[p] != Unbounded).Sum(p => hi[p]);
                changed |= Narrow(relation.Total, partsLo, unboundedParts > 0 ? Unbounded : boundedHi);
                foreach (var part in relation.Parts)
                {
                    var othersLo = partsLo - lo[part];
                    var othersUnbounded = unboundedParts - (hi[part] == Unbounded ? 1 : 0);
                    var low = othersUnbounded > 0 ? lo[part] : lo[relation.Total] - (boundedHi - (hi[part] == Unbounded ? 0 : hi[part]));
                    var high = hi[relation.Total] == Unbounded ? Unbounded : hi[relation.Total] - othersLo;
                    changed |= Narrow(part, low, high);
                }
            }
        }

        return masked.Where(i => lo[i] == hi[i] && !knownAtOnce.Contains(i));

        bool Narrow(int cell, long low, long high)
        {
            var changed = false;
            if (low > lo[cell])
            {
                lo[cell] = low;
                changed = true;
            }

            if (high < hi[cell])
            {
                hi[cell] = high;
                changed = true;
            }

            return changed;
        }
    }

    /// <summary>Masked cells linked by relations: each group is solved on its own (small systems).</summary>
    private static IEnumerable<List<int>> Components(AdditiveTable table, IReadOnlySet<int> masked)
    {
        var parent = masked.ToDictionary(i => i, i => i);
        int Root(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }

            return i;
        }

        foreach (var relation in table.Relations)
        {
            var members = relation.Members.Where(masked.Contains).ToList();
            for (var k = 1; k < members.Count; k++)
            {
                parent[Root(members[k])] = Root(members[0]);
            }
        }

        return masked.GroupBy(Root).Select(g => g.Order().ToList());
    }

    private static IEnumerable<int> DeterminedByEquations(AdditiveTable table, IReadOnlySet<int> masked, List<int> component)
    {
        var column = component.Select((cell, i) => (cell, i)).ToDictionary(x => x.cell, x => x.i);
        var rows = new List<double[]>();
        foreach (var relation in table.Relations)
        {
            if (!relation.Members.Any(column.ContainsKey))
            {
                continue;
            }

            // Σ parts − total = 0, over the component's masked cells (the shown ones are constants).
            var row = new double[component.Count];
            foreach (var part in relation.Parts)
            {
                if (column.TryGetValue(part, out var c))
                {
                    row[c] += 1;
                }
            }

            if (column.TryGetValue(relation.Total, out var t))
            {
                row[t] -= 1;
            }

            if (row.Any(v => Math.Abs(v) > Epsilon))
            {
                rows.Add(row);
            }
        }

        var pivots = ReducedRowEchelon(rows, component.Count);
        var isPivot = new bool[component.Count];
        foreach (var (_, pivotColumn) in pivots)
        {
            isPivot[pivotColumn] = true;
        }

        foreach (var (rowIndex, pivotColumn) in pivots)
        {
            // A pivot variable is fixed when its row has nothing in any free column.
            if (!HasFreeTerm(rows[rowIndex], isPivot))
            {
                yield return component[pivotColumn];
            }
        }
    }

    private static bool HasFreeTerm(double[] row, bool[] isPivot)
    {
        for (var c = 0; c < row.Length; c++)
        {
            if (!isPivot[c] && Math.Abs(row[c]) >= Epsilon)
            {
                return true;
            }
        }

        return false;
    }

    private static List<(int Row, int Column)> ReducedRowEchelon(List<double[]> rows, int columns)
    {
        var pivots = new List<(int Row, int Column)>();
        var r = 0;
        for (var c = 0; c < columns && r < rows.Count; c++)
        {
            var best = r;
            for (var i = r + 1; i < rows.Count; i++)
            {
                if (Math.Abs(rows[i][c]) > Math.Abs(rows[best][c]))
                {
                    best = i;
                }
            }

            if (Math.Abs(rows[best][c]) < Epsilon)
            {
                continue;
            }

            (rows[r], rows[best]) = (rows[best], rows[r]);
            var pivotRow = rows[r];
            var pivot = pivotRow[c];
            // The relations are sparse: work only on the pivot row's non-zero columns.
            var nonZero = new List<int>();
            for (var k = c; k < columns; k++)
            {
                if (Math.Abs(pivotRow[k]) >= Epsilon)
                {
                    pivotRow[k] /= pivot;
                    nonZero.Add(k);
                }
                else
                {
                    pivotRow[k] = 0;
                }
            }

            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                if (i == r || Math.Abs(row[c]) < Epsilon)
                {
                    continue;
                }

                var factor = row[c];
                foreach (var k in nonZero)
                {
                    row[k] -= factor * pivotRow[k];
                }
            }

            pivots.Add((r, c));
            r++;
        }

        return pivots;
    }
}
