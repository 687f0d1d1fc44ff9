namespace Samordning.FollowUp.Features.Reports.Disclosure;

/// <summary>
/// The counts of a report and the sums that tie them together: every relation says that its
/// total is the sum of its parts (women + men = all; the interventions of a category = the
/// category's subtotal; the exit reasons = the exits …). Whoever reads the report knows these
/// relations, so a masked count must not be recoverable through any of them, alone or combined.
/// </summary>
public sealed class AdditiveTable
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<string> _keys = [];
    private readonly List<long> _values = [];
    private readonly List<Relation> _relations = [];
    private List<int>[]? _relationsOf;

    public IReadOnlyList<string> Keys => _keys;

    public IReadOnlyList<long> Values => _values;

    public IReadOnlyList<Relation> Relations => _relations;

    public int Count => _keys.Count;

    /// <summary>The indexes (in <see cref="Relations"/>) of the relations <paramref name="cell"/> is a member of.</summary>
    public IReadOnlyList<int> RelationsOf(int cell)
    {
        if (_relationsOf is null || _relationsOf.Length != _keys.Count)
        {
            var index = new List<int>[_keys.Count];
            for (var r = 0; r < _relations.Count; r++)
            {
                foreach (var member in _relations[r].Members)
                {
                    (index[member] ??= []).Add(r);
                }
            }

            _relationsOf = index;
        }

        return _relationsOf[cell] ?? [];
    }

    /// <summary>Adds a cell (once per key; a second add with the same key must carry the same value).</summary>
    public int Cell(string key, long value)
    {
        if (_index.TryGetValue(key, out var existing))
        {
            if (_values[existing] != value)
            {
                throw new InvalidOperationException($"Cell {key} added twice with different values ({_values[existing]}, {value}).");
            }

            return existing;
        }

        if (value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Cell {key}: counts are never negative.");
        }

        _index[key] = _keys.Count;
        _keys.Add(key);
        _values.Add(value);
        return _keys.Count - 1;
    }

    public int IndexOf(string key) => _index[key];

    public bool TryGetIndex(string key, out int index) => _index.TryGetValue(key, out index);

    public bool Contains(string key) => _index.ContainsKey(key);

    /// <summary>Declares total = Σ parts. The report's own figures must satisfy it.</summary>
    public void Sum(string total, IEnumerable<string> parts)
    {
        var partIndexes = parts.Select(IndexOf).ToArray();
        if (partIndexes.Length > 0)
        {
            Sum(IndexOf(total), partIndexes);
        }
    }

    /// <summary>Declares total = Σ parts, by the cells' indexes.</summary>
    public void Sum(int totalIndex, IEnumerable<int> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var partIndexes = parts.Distinct().ToArray();
        if (partIndexes.Length == 0)
        {
            return;
        }

        var total = _keys[totalIndex];
        var sum = partIndexes.Sum(i => _values[i]);
        if (sum != _values[totalIndex])
        {
            throw new InvalidOperationException($"{total} is {_values[totalIndex]} but its parts sum to {sum}.");
        }

        _relations.Add(new Relation(totalIndex, partIndexes));
        _relationsOf = null;
    }

    /// <summary>
    /// Adds every cell and relation of <paramref name="other"/> with its key prefixed, e.g.
    /// "2026-T1|total/ended/all": several reports side by side in one table. Returns where each of
    /// <paramref name="other"/>'s cells went: its cell i is this table's cell map[i].
    /// </summary>
    /// <param name="prefixedKeys">Its keys with the prefix already in front (<see cref="PrefixedKeys"/>), when the caller keeps them.</param>
    public int[] Import(AdditiveTable other, string prefix, IReadOnlyList<string>? prefixedKeys = null)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (prefixedKeys is not null && prefixedKeys.Count != other.Count)
        {
            throw new ArgumentException("One prefixed key per cell.", nameof(prefixedKeys));
        }

        _index.EnsureCapacity(_keys.Count + other.Count);
        _keys.Capacity = Math.Max(_keys.Capacity, _keys.Count + other.Count);
        _values.Capacity = Math.Max(_values.Capacity, _values.Count + other.Count);
        var map = new int[other.Count];
        for (var i = 0; i < other.Count; i++)
        {
            map[i] = Cell(prefixedKeys?[i] ?? prefix + other.Keys[i], other.Values[i]);
        }

        _relations.Capacity = Math.Max(_relations.Capacity, _relations.Count + other.Relations.Count);
        foreach (var relation in other.Relations)
        {
            var parts = new int[relation.Parts.Count];
            for (var p = 0; p < parts.Length; p++)
            {
                parts[p] = map[relation.Parts[p]];
            }

            _relations.Add(new Relation(map[relation.Total], parts));
        }

        _relationsOf = null;
        return map;
    }

    /// <summary>The keys of <paramref name="table"/> with <paramref name="prefix"/> in front, in its cells' order.</summary>
    public static string[] PrefixedKeys(AdditiveTable table, string prefix)
    {
        ArgumentNullException.ThrowIfNull(table);
        var keys = new string[table.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = prefix + table.Keys[i];
        }

        return keys;
    }

    /// <param name="Total">Index of the total cell.</param>
    /// <param name="Parts">Indexes of the parts.</param>
    public sealed record Relation(int Total, IReadOnlyList<int> Parts)
    {
        public IReadOnlyList<int> Members { get; } = [Total, .. Parts];
    }
}
