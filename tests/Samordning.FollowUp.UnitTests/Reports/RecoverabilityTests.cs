using System.Numerics;
using Samordning.FollowUp.Features.Reports.Disclosure;

namespace Samordning.FollowUp.UnitTests.Reports;

/// <summary>
/// The masked counts a reader can work out exactly are those whose unit vector lies in the span of
/// the table's relations over the masked cells: masking cell j changes nothing about the relations'
/// rank only when j is not determined. Checked here by exact integer rank computations, cell by
/// cell, on tables too large to search by brute force (three-way tables with every margin, as a
/// report's interventions × genders × tertials are) — independent of the sparse elimination
/// <see cref="Recoverability"/> uses.
/// </summary>
public sealed class RecoverabilityTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ExactlyTheCellsTheRelationsDetermineAreFound(int seed)
    {
        var random = new Random(seed);
        var table = ThreeWayTable(random, rows: random.Next(2, 6), columns: random.Next(2, 4), layers: random.Next(1, 4));
        // Large counts: a range of [1, ∞) can only be narrowed to one value by the sums themselves.
        var share = 0.4 + (random.NextDouble() * 0.5);
        var masked = Enumerable.Range(0, table.Count).Where(_ => random.NextDouble() < share).ToHashSet();

        var expected = ExactlyDetermined(table, masked).Select(i => table.Keys[i]).Order().ToList();
        var found = Recoverability.Find(table, masked).Select(i => table.Keys[i]).Order().ToList();

        Assert.Equal(expected, found);
    }

    /// <summary>Cells r,c,l with every margin (r,c,·), (r,·,l), (·,c,l), (r,·,·) … and the grand total; counts 1,000–9,999.</summary>
    private static AdditiveTable ThreeWayTable(Random random, int rows, int columns, int layers)
    {
        const string All = "*";
        var values = new Dictionary<(int, int, int), long>();
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                for (var l = 0; l < layers; l++)
                {
                    values[(r, c, l)] = random.Next(1_000, 10_000);
                }
            }
        }

        string Key(int r, int c, int l) => $"{(r < 0 ? All : r)}/{(c < 0 ? All : c)}/{(l < 0 ? All : l)}";
        long Sum(int r, int c, int l) => values.Where(v => (r < 0 || v.Key.Item1 == r) && (c < 0 || v.Key.Item2 == c) && (l < 0 || v.Key.Item3 == l)).Sum(v => v.Value);

        var table = new AdditiveTable();
        var cells = new List<(int R, int C, int L)>();
        foreach (var r in Enumerable.Range(-1, rows + 1))
        {
            foreach (var c in Enumerable.Range(-1, columns + 1))
            {
                foreach (var l in Enumerable.Range(-1, layers + 1))
                {
                    table.Cell(Key(r, c, l), Sum(r, c, l));
                    cells.Add((r, c, l));
                }
            }
        }

        // Each margin is the sum of its cells along every dimension it totals.
        foreach (var (r, c, l) in cells)
        {
            if (r < 0)
            {
                table.Sum(Key(r, c, l), Enumerable.Range(0, rows).Select(i => Key(i, c, l)));
            }

            if (c < 0)
            {
                table.Sum(Key(r, c, l), Enumerable.Range(0, columns).Select(i => Key(r, i, l)));
            }

            if (l < 0)
            {
                table.Sum(Key(r, c, l), Enumerable.Range(0, layers).Select(i => Key(r, c, i)));
            }
        }

        return table;
    }

    /// <summary>Cell j is determined when dropping its column lowers the rank of the relations over the masked cells.</summary>
    private static IEnumerable<int> ExactlyDetermined(AdditiveTable table, HashSet<int> masked)
    {
        var columns = masked.Order().ToList();
        var matrix = table.Relations.Select(relation => columns.Select(cell =>
            (BigInteger)(relation.Parts.Count(p => p == cell) - (relation.Total == cell ? 1 : 0))).ToArray()).ToList();
        var rank = Rank(matrix, Enumerable.Range(0, columns.Count).ToList());
        return columns.Where((_, j) => Rank(matrix, [.. Enumerable.Range(0, columns.Count).Where(k => k != j)]) < rank);
    }

    /// <summary>Fraction-free Gaussian elimination over the integers: exact.</summary>
    private static int Rank(List<BigInteger[]> matrix, List<int> columns)
    {
        var rows = matrix.Select(row => columns.Select(c => row[c]).ToArray()).Where(row => row.Any(v => !v.IsZero)).ToList();
        var rank = 0;
        for (var c = 0; c < columns.Count && rank < rows.Count; c++)
        {
            var pivot = rows.FindIndex(rank, row => !row[c].IsZero);
            if (pivot < 0)
            {
                continue;
            }

            (rows[rank], rows[pivot]) = (rows[pivot], rows[rank]);
            for (var i = rank + 1; i < rows.Count; i++)
            {
                if (rows[i][c].IsZero)
                {
                    continue;
                }

                var (a, b) = (rows[rank][c], rows[i][c]);
                for (var k = 0; k < columns.Count; k++)
                {
                    rows[i][k] = (rows[i][k] * a) - (rows[rank][k] * b);
                }

                var divisor = rows[i].Aggregate(BigInteger.Zero, BigInteger.GreatestCommonDivisor);
                if (!divisor.IsZero && !divisor.IsOne)
                {
                    for (var k = 0; k < columns.Count; k++)
                    {
                        rows[i][k] /= divisor;
                    }
                }
            }

            rank++;
        }

        return rank;
    }
}
