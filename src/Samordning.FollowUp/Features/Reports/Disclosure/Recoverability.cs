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
            found.UnionWith(DeterminedByEquations(table, component));
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

        // A worklist of relations: one whose member narrowed is looked at again, until none is left.
        var relations = table.Relations;
        var queued = new bool[relations.Count];
        var work = new Queue<int>();
        for (var r = 0; r < relations.Count; r++)
        {
            if (relations[r].Members.Any(masked.Contains))
            {
                queued[r] = true;
                work.Enqueue(r);
            }
        }

        while (work.TryDequeue(out var r))
        {
            queued[r] = false;
            var relation = relations[r];
            var parts = relation.Parts;
            long partsLo = 0, boundedHi = 0;
            var unboundedParts = 0;
            for (var k = 0; k < parts.Count; k++)
            {
                var p = parts[k];
                partsLo += lo[p];
                if (hi[p] == Unbounded)
                {
                    unboundedParts++;
                }
                else
                {
                    boundedHi += hi[p];
                }
            }

            Narrow(relation.Total, partsLo, unboundedParts > 0 ? Unbounded : boundedHi);
            for (var k = 0; k < parts.Count; k++)
            {
                var part = parts[k];
                var othersLo = partsLo - lo[part];
                var othersUnbounded = unboundedParts - (hi[part] == Unbounded ? 1 : 0);
                var low = othersUnbounded > 0 ? lo[part] : lo[relation.Total] - (boundedHi - (hi[part] == Unbounded ? 0 : hi[part]));
                var high = hi[relation.Total] == Unbounded ? Unbounded : hi[relation.Total] - othersLo;
                Narrow(part, low, high);
            }
        }

        return masked.Where(i => lo[i] == hi[i] && !knownAtOnce.Contains(i));

        void Narrow(int cell, long low, long high)
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

            if (changed)
            {
                foreach (var other in table.RelationsOf(cell))
                {
                    if (!queued[other])
                    {
                        queued[other] = true;
                        work.Enqueue(other);
                    }
                }
            }
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

    /// <summary>
    /// The component's relations as equations over its masked cells (Σ parts − total = shown
    /// constants), brought to reduced row echelon form by sparse Gauss–Jordan elimination: a
    /// masked cell is determined when its pivot row has nothing left in any other column. The
    /// relations are sparse (a handful of members each) and stay nearly so under elimination when
    /// the shortest row is taken as the next pivot row, so a year of reports (thousands of masked
    /// cells in one component) is solved without dense rows.
    /// </summary>
    private static IEnumerable<int> DeterminedByEquations(AdditiveTable table, List<int> component)
    {
        var column = new Dictionary<int, int>(component.Count);
        for (var i = 0; i < component.Count; i++)
        {
            column[component[i]] = i;
        }

        var rows = new List<Dictionary<int, double>>();
        var relationIndexes = new SortedSet<int>();
        foreach (var cell in component)
        {
            relationIndexes.UnionWith(table.RelationsOf(cell));
        }

        foreach (var relation in relationIndexes.Select(r => table.Relations[r]))
        {

            // Σ parts − total = 0, over the component's masked cells (the shown ones are constants).
            var row = new Dictionary<int, double>();
            foreach (var part in relation.Parts)
            {
                if (column.TryGetValue(part, out var c))
                {
                    row[c] = row.GetValueOrDefault(c) + 1;
                }
            }

            if (column.TryGetValue(relation.Total, out var t))
            {
                row[t] = row.GetValueOrDefault(t) - 1;
            }

            foreach (var zero in row.Where(e => Math.Abs(e.Value) < Epsilon).Select(e => e.Key).ToList())
            {
                row.Remove(zero);
            }

            if (row.Count > 0)
            {
                rows.Add(row);
            }
        }

        foreach (var (row, pivotColumn) in ReducedRowEchelon(rows, component.Count))
        {
            // The pivot's own column is all that is left: the cell's value follows from the shown counts.
            if (rows[row].Count == 1)
            {
                yield return component[pivotColumn];
            }
        }
    }

    private static List<(int Row, int Column)> ReducedRowEchelon(List<Dictionary<int, double>> rows, int columns)
    {
        var rowsOf = new HashSet<int>[columns];
        for (var c = 0; c < columns; c++)
        {
            rowsOf[c] = [];
        }

        for (var r = 0; r < rows.Count; r++)
        {
            foreach (var c in rows[r].Keys)
            {
                rowsOf[c].Add(r);
            }
        }

        var isPivotRow = new bool[rows.Count];
        var pivots = new List<(int Row, int Column)>();
        // The shortest row not yet a pivot row goes next (fill-in stays small); lengths change as
        // rows are reduced, so a row is queued again with its new length and stale entries skipped.
        var queue = new PriorityQueue<int, (int Length, int Row)>();
        for (var r = 0; r < rows.Count; r++)
        {
            queue.Enqueue(r, (rows[r].Count, r));
        }

        var changed = new List<int>();
        while (queue.TryDequeue(out var r, out var priority))
        {
            var pivotRow = rows[r];
            if (isPivotRow[r] || pivotRow.Count == 0 || priority.Length != pivotRow.Count)
            {
                continue;
            }

            // The largest coefficient (they are small integers or simple fractions), then the
            // column in fewest rows: the fewest rows to reduce.
            var c = -1;
            foreach (var (k, v) in pivotRow)
            {
                if (c < 0 || Math.Abs(v) > Math.Abs(pivotRow[c]) + Epsilon
                    || (Math.Abs(v) > Math.Abs(pivotRow[c]) - Epsilon && rowsOf[k].Count < rowsOf[c].Count))
                {
                    c = k;
                }
            }

            var pivot = pivotRow[c];
            foreach (var k in pivotRow.Keys.ToList())
            {
                pivotRow[k] /= pivot;
            }

            changed.Clear();
            foreach (var i in rowsOf[c])
            {
                if (i != r)
                {
                    changed.Add(i);
                }
            }

            foreach (var i in changed)
            {
                var row = rows[i];
                var factor = row[c];
                foreach (var (k, v) in pivotRow)
                {
                    var value = row.GetValueOrDefault(k) - factor * v;
                    if (k == c || Math.Abs(value) < Epsilon)
                    {
                        if (row.Remove(k))
                        {
                            rowsOf[k].Remove(i);
                        }
                    }
                    else
                    {
                        if (!row.ContainsKey(k))
                        {
                            rowsOf[k].Add(i);
                        }

                        row[k] = value;
                    }
                }

                if (!isPivotRow[i])
                {
                    queue.Enqueue(i, (row.Count, i));
                }
            }

            isPivotRow[r] = true;
            pivots.Add((r, c));
        }

        return pivots;
    }
}
