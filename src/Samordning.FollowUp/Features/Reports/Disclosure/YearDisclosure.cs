using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Samordning.FollowUp.Features.Reports.Trends;

namespace Samordning.FollowUp.Features.Reports.Disclosure;

/// <summary>
/// One of the reports of a year that the board can open: a tertial alone or the year to date.
/// </summary>
/// <param name="Settled">
/// The masks the board was shown when this report was adopted: they never loosen (null when the
/// report is not adopted, or was adopted before masks were kept).
/// </param>
/// <param name="Published">The adopted report itself: what it shows has been seen, so its shown counts are not hidden afterwards unless nothing else protects a count.</param>
/// <param name="Current">Today's figures of an adopted tertial (the restatement view): not tied by sums to the other reports.</param>
public sealed record YearMember(TertialReport Report, MaskedCells? Settled = null, bool Published = false, bool Current = false)
{
    public int Year => Report.Header.Year;

    public int Tertial => Report.Header.Tertial;

    public ReportMode Mode => Report.Header.Mode;

    /// <summary>"2026-T1", "2026-hittills-T2", and "2026-T1-nu" for today's figures of an adopted tertial.</summary>
    public string Id => ReportDisclosure.PeriodName(Year, Tertial, Mode == ReportMode.YearToDate) + (Current ? "-nu" : "");
}

/// <summary>
/// The disclosure rule across the reports of one year, which the board can open side by side: the
/// year to date is the sum of its tertials for every count that adds up over time (new
/// participants, exits, exit reasons, occupations, indicator numerators and denominators,
/// count-only participants, referrals received, started, declined and withdrawn), so "hittills T2" minus "T1" is "T2". All of the year's reports are
/// masked together as one table with those sums, and the trend beside them joins it, so no
/// difference between two reports gives a masked count away. An adopted report's masks never
/// loosen, and the counts it showed stay shown: the board has seen them.
/// </summary>
public static class YearDisclosure
{
    private static readonly string[] AddsUpOverTime = ["new", "ended", "countOnly", "exitReason:", "occupationAtExit:", "indicator:", ReportDisclosure.ReferralPrefix];

    private const char Separator = '|';

    /// <summary>
    /// Each member's masked counts, keyed as a single report's (<see cref="ReportDisclosure.Key"/>).
    /// The year is masked first, on its own, so its masks are the same whichever report is asked
    /// for; then the trend beside the report: this year's points are the year's own totals (masked
    /// as they are there), earlier years' points keep the masks of their adopted reports.
    /// </summary>
    /// <param name="trend">The trend shown beside the reports of <paramref name="trendTertial"/>.</param>
    /// <param name="settledPoints">The board's masks of earlier years' adopted reports, by trend node ("trend:2025-T2").</param>
    /// <param name="tableOf">Each member's own table (<see cref="MemberTable"/>), when the caller keeps them; built here otherwise.</param>
    public static IReadOnlyDictionary<string, MaskedCells> Mask(IReadOnlyList<YearMember> members, int threshold, ReportTrend? trend = null,
        int trendTertial = 0, IReadOnlyDictionary<string, MaskedCells>? settledPoints = null, Func<YearMember, AdditiveTable>? tableOf = null) =>
        MaskCore(members, threshold, trend, trendTertial, settledPoints, tableOf, shortcut: true);

    /// <param name="shortcut">
    /// When no count of the year is small and nothing was withheld before, nothing is masked: said
    /// without building the year's table and solving it (<see cref="NothingToMask"/>). Off only in the
    /// test that shows both ways agree.
    /// </param>
    internal static IReadOnlyDictionary<string, MaskedCells> MaskCore(IReadOnlyList<YearMember> members, int threshold, ReportTrend? trend,
        int trendTertial, IReadOnlyDictionary<string, MaskedCells>? settledPoints, Func<YearMember, AdditiveTable>? tableOf, bool shortcut)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (shortcut && NothingToMask(members, threshold, trend, settledPoints, tableOf))
        {
            return members.ToDictionary(m => m.Id, _ => new MaskedCells(threshold, new HashSet<string>(StringComparer.Ordinal),
                new HashSet<string>(StringComparer.Ordinal)), StringComparer.Ordinal);
        }

        var family = BuildPlaced(members, threshold, [], tableOf);
        var table = family.Table;
        var settledMasked = new HashSet<int>();
        var settledSmall = new HashSet<int>();
        var published = new HashSet<int>();
        var seenSmall = new HashSet<int>();
        foreach (var member in members)
        {
            var prefix = member.Id + Separator;
            if (member.Settled is { } settled)
            {
                settledMasked.UnionWith(settled.Keys.Select(k => prefix + k).Where(table.Contains).Select(table.IndexOf));
                var small = settled.ShownSmall.Select(k => prefix + k).Where(table.Contains).Select(table.IndexOf).ToList();
                settledSmall.UnionWith(small);
                if (member.Published)
                {
                    seenSmall.UnionWith(small);
                }
            }

            if (member.Published)
            {
                published.UnionWith(family.Cells[member.Id].All());
            }
        }

        // Exit reasons and occupations grouped as "Övriga" are not shown one by one: never to be worked out either.
        settledMasked.UnionWith(family.Grouped);
        published.ExceptWith(settledMasked);
        var result = SmallNumberSuppression.ApplyShowingSmall(table, threshold, showsSmall: true, Rank,
            new SettledCells(settledMasked, settledSmall, published, seenSmall), perGroup: true);

        var (trendTable, trendResult) = trend is null ? (null, null) : MaskTrend(members, threshold, trend, table, result, settledPoints);
        var masks = new Dictionary<string, MaskedCells>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            var prefix = member.Id + Separator;
            var keys = Strip(result.Masked, prefix);
            var small = Strip(result.ShownSmall, prefix);
            if (trendTable is not null && trendResult is not null && member.Tertial == trendTertial)
            {
                // The trend beside this report, under the names the report's own view gives its points.
                foreach (var (familyNode, ownNode) in TrendNodes(members, member, trend!))
                {
                    foreach (var index in Enumerable.Range(0, trendTable.Count).Where(i => trendTable.Keys[i].StartsWith(familyNode + "/", StringComparison.Ordinal)))
                    {
                        var own = ownNode + trendTable.Keys[index][familyNode.Length..];
                        if (trendResult.Masked.Contains(index))
                        {
                            keys.Add(own);
                        }

                        if (trendResult.ShownSmall.Contains(index))
                        {
                            small.Add(own);
                        }
                    }
                }
            }

            masks[member.Id] = new MaskedCells(threshold, keys, small);
        }

        return masks;

        HashSet<string> Strip(IReadOnlySet<int> cells, string prefix) =>
            cells.Select(i => table.Keys[i]).Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
                .Select(k => k[prefix.Length..]).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether the rule has nothing to do: no count in any of the year's reports or in the trend is
    /// small (from 1 to threshold − 1), no exit reason or occupation is grouped as "Övriga", and no
    /// adopted report, this year or in the trend, withheld anything. Then no cell starts masked,
    /// so no masked cell can be worked out and no complement is needed: the rule masks nothing, as
    /// it would after building and solving the year's table. A large association's year is usually so.
    /// </summary>
    private static bool NothingToMask(IReadOnlyList<YearMember> members, int threshold, ReportTrend? trend,
        IReadOnlyDictionary<string, MaskedCells>? settledPoints, Func<YearMember, AdditiveTable>? tableOf)
    {
        if (members.Any(m => m.Settled is { } s && (s.Keys.Count > 0 || s.ShownSmall.Count > 0))
            || settledPoints?.Values.Any(s => s.Keys.Count > 0 || s.ShownSmall.Count > 0) == true)
        {
            return false;
        }

        foreach (var member in members)
        {
            var total = member.Report.Total;
            if (total.ExitsByReason.Concat(total.OccupationAtExit).Any(c => SmallNumberSuppression.IsSmall(c.Count, threshold))
                || AnySmall(tableOf?.Invoke(member) ?? MemberTable(member.Report, threshold), threshold))
            {
                return false;
            }
        }

        if (trend is null)
        {
            return true;
        }

        var points = new AdditiveTable();
        ReportDisclosure.AddTrend(points, trend, ReportDisclosure.TrendPointNode);
        return !AnySmall(points, threshold);

        static bool AnySmall(AdditiveTable table, int threshold) => table.Values.Any(v => SmallNumberSuppression.IsSmall(v, threshold));
    }

    /// <summary>
    /// The trend's counts and their sums over time, masked with this year's points as the year
    /// masked them and earlier years' as their adopted reports did: those are settled; the rest
    /// (an earlier year's point without kept masks) is masked by the rule.
    /// </summary>
    private static (AdditiveTable, Suppression) MaskTrend(IReadOnlyList<YearMember> members, int threshold, ReportTrend trend,
        AdditiveTable year, Suppression yearResult, IReadOnlyDictionary<string, MaskedCells>? settledPoints)
    {
        var table = new AdditiveTable();
        ReportDisclosure.AddTrend(table, trend, (point, yearToDate) => FamilyNode(members, point, yearToDate));
        var masked = new HashSet<int>();
        var small = new HashSet<int>();
        var seen = new HashSet<int>();
        for (var i = 0; i < table.Count; i++)
        {
            var key = table.Keys[i];
            var node = key[..key.IndexOf('/', StringComparison.Ordinal)];
            bool? hidden = null;
            var shownSmall = false;
            if (year.Contains(key))
            {
                var j = year.IndexOf(key);
                hidden = yearResult.Masked.Contains(j);
                shownSmall = yearResult.ShownSmall.Contains(j);
            }
            else if (settledPoints?.GetValueOrDefault(node) is { } kept)
            {
                var own = ReportDisclosure.TotalNode + key[node.Length..];
                hidden = kept.Keys.Contains(own);
                shownSmall = kept.ShownSmall.Contains(own);
            }

            if (hidden == true)
            {
                masked.Add(i);
            }
            else if (hidden == false)
            {
                seen.Add(i);
            }

            if (shownSmall)
            {
                small.Add(i);
            }
        }

        return (table, SmallNumberSuppression.ApplyShowingSmall(table, threshold, showsSmall: true, Rank, new SettledCells(masked, small, seen, small)));
    }

    private static string FamilyNode(IReadOnlyList<YearMember> members, TrendPoint point, bool yearToDate) =>
        members.FirstOrDefault(m => !m.Current && m.Year == point.Year && m.Tertial == point.Tertial
                                    && (m.Mode == ReportMode.YearToDate) == yearToDate) is { } member
            ? member.Id + Separator + ReportDisclosure.TotalNode
            : ReportDisclosure.TrendPointNode(point, yearToDate);

    /// <summary>The year's reports as one table: each member's own table, the sums over time and the trend.</summary>
    /// <param name="trends">The trends beside the reports (one per tertial the board opens).</param>
    /// <param name="tableOf">Each member's own table (<see cref="MemberTable"/>), when the caller keeps them; built here otherwise.</param>
    public static (AdditiveTable Table, IReadOnlySet<int> Grouped) Build(IReadOnlyList<YearMember> members, int threshold, IEnumerable<ReportTrend> trends,
        Func<YearMember, AdditiveTable>? tableOf = null)
    {
        var (table, grouped, _) = BuildPlaced(members, threshold, trends, tableOf);
        return (table, grouped);
    }

    private static (AdditiveTable Table, IReadOnlySet<int> Grouped, Dictionary<string, MemberCells> Cells) BuildPlaced(IReadOnlyList<YearMember> members,
        int threshold, IEnumerable<ReportTrend> trends, Func<YearMember, AdditiveTable>? tableOf)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(trends);
        if (members.Select(m => m.Year).Distinct().Count() > 1 || members.Select(m => m.Id).Distinct().Count() != members.Count)
        {
            throw new ArgumentException("The members are one year's reports, each once.", nameof(members));
        }

        var table = new AdditiveTable();
        var grouped = new HashSet<int>();
        var cells = new Dictionary<string, MemberCells>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            var prefix = member.Id + Separator;
            var own = tableOf?.Invoke(member) ?? MemberTable(member.Report, threshold);
            // A kept table comes with the same prefixes on every page: its prefixed keys are kept with it.
            var map = table.Import(own, prefix, tableOf is null ? null : PrefixedKeys.GetValue(own, _ => new()).GetOrAdd(prefix, p => AdditiveTable.PrefixedKeys(own, p)));
            var before = table.Count;
            grouped.UnionWith(GroupedCodes(table, member.Report, threshold, prefix));
            var added = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = before; i < table.Count; i++)
            {
                added[table.Keys[i][prefix.Length..]] = i;
            }

            cells[member.Id] = new MemberCells(own, map, added);
        }

        var periods = members.Where(m => !m.Current && m.Mode == ReportMode.Period).ToDictionary(m => m.Tertial);
        foreach (var yearToDate in members.Where(m => !m.Current && m.Mode == ReportMode.YearToDate))
        {
            var parts = Enumerable.Range(1, yearToDate.Tertial).Select(t => periods.GetValueOrDefault(t)).ToList();
            if (parts.Any(p => p is null))
            {
                continue;
            }

            var partCells = parts.Select(p => cells[p!.Id]).ToList();
            var partIndexes = new List<int>(partCells.Count);
            foreach (var (own, index) in cells[yearToDate.Id].Keyed())
            {
                if (yearToDate.Tertial > 1 && !AddsUpOverTimeIn(own))
                {
                    continue;
                }

                // The tertials' figures, a missing one read as zero; only where they do add up.
                partIndexes.Clear();
                long sum = 0;
                foreach (var part in partCells)
                {
                    if (part.TryGetIndex(own, out var partIndex))
                    {
                        partIndexes.Add(partIndex);
                        sum += table.Values[partIndex];
                    }
                }

                if (partIndexes.Count > 0 && sum == table.Values[index])
                {
                    table.Sum(index, partIndexes);
                }
            }
        }

        foreach (var trend in trends)
        {
            ReportDisclosure.AddTrend(table, trend, (point, yearToDate) => FamilyNode(members, point, yearToDate));
        }

        return (table, grouped, cells);
    }

    /// <summary>Whether the measure of <paramref name="key"/> ("node/measure/gender") adds up over a year's tertials.</summary>
    private static bool AddsUpOverTimeIn(string key)
    {
        var rest = key.AsSpan(key.IndexOf('/', StringComparison.Ordinal) + 1);
        var end = rest.IndexOf('/');
        var measure = end < 0 ? rest : rest[..end];
        foreach (var m in AddsUpOverTime)
        {
            if (m.EndsWith(':') ? measure.StartsWith(m, StringComparison.Ordinal) : measure.SequenceEqual(m))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Each kept member table's keys with a member's prefix in front (<see cref="AdditiveTable.PrefixedKeys"/>), by prefix.</summary>
    private static readonly ConditionalWeakTable<AdditiveTable, ConcurrentDictionary<string, string[]>> PrefixedKeys = new();

    /// <summary>
    /// Where a member's cells are in the year's table, by their keys without the member's prefix: its own
    /// table's cells (through the import's map) in their order, then the cells added for its codes grouped as "Övriga".
    /// </summary>
    private sealed record MemberCells(AdditiveTable Own, int[] Map, Dictionary<string, int> Added)
    {
        public bool TryGetIndex(string key, out int index)
        {
            if (Own.TryGetIndex(key, out var local))
            {
                index = Map[local];
                return true;
            }

            return Added.TryGetValue(key, out index);
        }

        /// <summary>Every cell with its key without the prefix, in the year's table's order.</summary>
        public IEnumerable<(string Key, int Index)> Keyed() =>
            Enumerable.Range(0, Own.Count).Select(i => (Own.Keys[i], Map[i])).Concat(Added.OrderBy(a => a.Value).Select(a => (a.Key, a.Value)));

        public IEnumerable<int> All() => Map.Concat(Added.Values);
    }

    /// <summary>
    /// A member's own table, as the year's table takes it in: a pure function of the report's figures
    /// and the threshold, and only read once built (<see cref="AdditiveTable.Import"/>), so one built
    /// for the same figures may be used again.
    /// </summary>
    public static AdditiveTable MemberTable(TertialReport report, int threshold) =>
        ReportDisclosure.Table(report, detailAtTotalOnly: true, groupBelow: threshold);

    /// <summary>
    /// The exit reasons and occupations a report shows as "Övriga" (<see cref="ReportDisclosure.Grouped"/>),
    /// as cells of their own that add up to "Övriga": withheld, so that no other report's figure
    /// for the same code, minus what is shown, gives one away.
    /// </summary>
    private static IEnumerable<int> GroupedCodes(AdditiveTable table, TertialReport report, int threshold, string prefix)
    {
        foreach (var (measure, counts) in new[] { ("exitReason", report.Total.ExitsByReason), ("occupationAtExit", report.Total.OccupationAtExit) })
        {
            var shown = ReportDisclosure.Grouped(counts, threshold);
            if (shown.All(c => c.Code != ReportDisclosure.OtherCode))
            {
                continue;
            }

            var shownCodes = shown.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
            var hidden = counts.Where(c => c.Count > 0 && !shownCodes.Contains(c.Code)).ToList();
            var keys = hidden.Select(c => ReportDisclosure.Key(prefix + ReportDisclosure.TotalNode, $"{measure}:{c.Code}", "all")).ToList();
            foreach (var (key, count) in keys.Zip(hidden))
            {
                yield return table.Cell(key, count.Count);
            }

            table.Sum(ReportDisclosure.Key(prefix + ReportDisclosure.TotalNode, $"{measure}:{ReportDisclosure.OtherCode}", "all"), keys);
        }
    }

    /// <summary>For the trend beside <paramref name="member"/>: each point's node in the year's table and in the member's own view.</summary>
    private static IEnumerable<(string Family, string Own)> TrendNodes(IReadOnlyList<YearMember> members, YearMember member, ReportTrend trend)
    {
        var points = trend.Tertials.Select(t => (Point: t, YearToDate: false))
            .Append((trend.YearToDate, true)).Append((trend.YearToDateLastYear, true));
        foreach (var (point, yearToDate) in points)
        {
            var own = ReportDisclosure.TrendNode(member.Report.Header, point, yearToDate);
            if (own == ReportDisclosure.TotalNode)
            {
                continue;
            }

            yield return (FamilyNode(members, point, yearToDate), own);
        }
    }

    /// <summary>Complements as in one report (interventions first, the total last), whichever report they are in.</summary>
    private static int Rank(string key) =>
        ReportDisclosure.Rank(key.IndexOf(Separator, StringComparison.Ordinal) is var at and >= 0 ? key[(at + 1)..] : key);
}
