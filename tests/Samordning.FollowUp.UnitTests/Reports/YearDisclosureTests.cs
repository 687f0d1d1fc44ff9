using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Disclosure;
using Samordning.FollowUp.Features.Reports.Trends;

namespace Samordning.FollowUp.UnitTests.Reports;

/// <summary>
/// The board opens every report of a year: each tertial alone and the year to date. Exits, new
/// participants, exit reasons, occupations and indicator counts add up over the year, so "hittills
/// T2" minus "T1" is "T2". Masked one report at a time, a count hidden in one report can be worked
/// out from two others; masked as one year, nothing can, and what an adopted report showed never changes.
/// </summary>
public sealed class YearDisclosureTests
{
    private const int Threshold = 5;

    public static TheoryData<int, int> SeedsAndTertials =>
        [.. Enumerable.Range(1, 12).Select(seed => (seed, 2 + (seed % 2)))];

    /// <summary>
    /// One intervention: 7 women ended in T1, 2 in T2, so 9 for the year. Each report on its own
    /// shows its 7, 9 (nothing small) and hides T2's 2 — and 9 − 7 gives the 2 away. Masked as a year, it does not.
    /// </summary>
    [Fact]
    public void HandWorked_AHiddenTertialIsNotTheYearMinusTheOtherTertial()
    {
        var year = new YearBuilder(2026)
            .Tertial(new Figures(1, Ended: GenderCount.Of(7, 8), Ongoing: GenderCount.Of(10, 10), New: GenderCount.Of(9, 9)))
            .Tertial(new Figures(1, Ended: GenderCount.Of(2, 8), Ongoing: GenderCount.Of(10, 10), New: GenderCount.Of(6, 6)))
            .Build();
        const string key = "intervention:1/ended/women";

        var alone = year.ToDictionary(r => Id(r), r => ReportDisclosure.Mask(r, Threshold, showsSmall: true, detailAtTotalOnly: true));
        Assert.True(alone["2026-T2"].Keys.Contains(key), "T2's 2 women are small");
        Assert.False(alone["2026-T1"].Keys.Contains(key));
        Assert.False(alone["2026-hittills-T2"].Keys.Contains(key), "alone, the year's 9 is shown — and 9 − 7 = 2");
        Assert.Contains(Members(year).Single(m => m.Id == "2026-T2").Id + "|" + key, Leaks(year, alone));

        var together = YearDisclosure.Mask(Members(year), Threshold);
        Assert.True(together["2026-T2"].IsMasked("intervention:1", "ended", "women"));
        Assert.True(together["2026-T1"].Keys.Contains(key) || together["2026-hittills-T2"].Keys.Contains(key), "T1's 7 or the year's 9 is hidden with it");
        Assert.Empty(Leaks(year, together));
    }

    /// <summary>
    /// After a change the year's reports are built again, as new reports. The memo (YearMaskMemo)
    /// takes the tables of those whose figures are what they were from what it kept, builds only the
    /// changed ones' — and masks exactly as a fresh solve does.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void TheMemo_TakesUnchangedReportsTablesAgain_AndMasksAsAFreshSolve(int seed)
    {
        using var memo = new YearMaskMemo();
        // T1 and T2 (alone and year to date); then the same year with T3 begun: the same first four
        // reports' figures, built again as new reports, and two new ones.
        var before = Members(RandomYear(seed, 2));
        AssertSameMasks(YearDisclosure.Mask(before, Threshold), memo.Mask(before, Threshold));
        Assert.Equal(4, memo.TablesBuilt);

        var after = Members(RandomYear(seed, 3));
        Assert.DoesNotContain(after, m => before.Any(b => ReferenceEquals(b.Report, m.Report)));
        AssertSameMasks(YearDisclosure.Mask(after, Threshold), memo.Mask(after, Threshold));
        Assert.Equal(6, memo.TablesBuilt);
    }

    /// <summary>
    /// A year without a small count (every count a multiple of 10, the threshold 5) and nothing
    /// withheld before: the rule masks nothing, and says so without building and solving the year's
    /// table — exactly what the full solve finds, with the trend beside it too.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void NoSmallCount_NothingIsMasked_AsTheFullSolveFinds(int seed)
    {
        var year = RandomYear(seed, 3, scale: 10);
        var members = Members(year);
        var (table, _) = YearDisclosure.Build(members, Threshold, [Trend(year, 2)]);
        Assert.Contains(table.Values, v => v >= Threshold);
        Assert.DoesNotContain(table.Values, v => SmallNumberSuppression.IsSmall(v, Threshold));

        var full = YearDisclosure.MaskCore(members, Threshold, Trend(year, 2), 2, null, null, shortcut: false);
        var shortcut = YearDisclosure.MaskCore(members, Threshold, Trend(year, 2), 2, null, null, shortcut: true);

        Assert.All(full.Values, m => Assert.Empty(m.Keys));
        AssertSameMasks(full, shortcut, someMasked: false);
    }

    /// <summary>
    /// The shortcut is not taken where the rule has work: a year with small counts, and a year without
    /// any whose adopted first tertial withheld a count (it stays withheld, with its complements).
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ASmallCountOrAnAdoptedMask_IsSolvedInFull(int seed)
    {
        var small = Members(RandomYear(seed, 3));
        var smallMasks = YearDisclosure.MaskCore(small, Threshold, null, 0, null, null, shortcut: true);
        Assert.Contains(smallMasks.Values, m => m.Keys.Count > 0);
        AssertSameMasks(YearDisclosure.MaskCore(small, Threshold, null, 0, null, null, shortcut: false), smallMasks);

        var large = Members(RandomYear(seed, 3, scale: 10));
        var t1 = large.Single(m => m.Id == "2026-T1");
        var withheld = ReportDisclosure.Key(ReportDisclosure.Row(t1.Report.Sections[0].Categories[0].Interventions[0]), "ended", "women");
        var settled = new MaskedCells(Threshold, new HashSet<string>(StringComparer.Ordinal) { withheld }, new HashSet<string>(StringComparer.Ordinal));
        List<YearMember> adopted = [.. large.Select(m => m.Id == "2026-T1" ? m with { Settled = settled, Published = true } : m)];
        var masks = YearDisclosure.MaskCore(adopted, Threshold, null, 0, null, null, shortcut: true);
        Assert.Contains(withheld, masks["2026-T1"].Keys);
        Assert.True(masks["2026-T1"].Keys.Count > 1, "a withheld count needs a complement");
        AssertSameMasks(YearDisclosure.MaskCore(adopted, Threshold, null, 0, null, null, shortcut: false), masks);
    }

    /// <param name="someMasked">The year has something to mask (so that agreeing says something).</param>
    private static void AssertSameMasks(IReadOnlyDictionary<string, MaskedCells> expected, IReadOnlyDictionary<string, MaskedCells> actual, bool someMasked = true)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        if (someMasked)
        {
            Assert.Contains(expected.Values, m => m.Keys.Count > 0);
        }

        foreach (var (id, masks) in expected)
        {
            Assert.Equal(masks.Keys.Order(StringComparer.Ordinal), actual[id].Keys.Order(StringComparer.Ordinal));
            Assert.Equal(masks.ShownSmall.Order(StringComparer.Ordinal), actual[id].ShownSmall.Order(StringComparer.Ordinal));
        }
    }

    /// <summary>Masked one at a time, the reports of a year do leak across reports (so the tests below can fail).</summary>
    [Fact]
    public void MaskedOneAtATime_SomeYearLeaksAcrossReports()
    {
        var leaking = Enumerable.Range(1, 20).Count(seed =>
        {
            var year = RandomYear(seed, 3);
            var alone = year.ToDictionary(r => Id(r), r => ReportDisclosure.Mask(r, Threshold, showsSmall: true, detailAtTotalOnly: true));
            return Leaks(year, alone).Count > 0;
        });
        Assert.True(leaking > 10, $"only {leaking} of 20 random years leak when masked one report at a time");
    }

    /// <summary>
    /// The exhaustive check: every report of the year as the board sees it (each masked as asked for,
    /// with the trend beside it), in one table with every sum within a report, across the year and
    /// in the trends: no masked count follows, exactly or by narrowing its range.
    /// </summary>
    [Theory]
    [MemberData(nameof(SeedsAndTertials))]
    public void MaskedAsAYear_NothingMaskedIsRecoverableFromAllTheBoardOpens(int seed, int tertials)
    {
        var year = RandomYear(seed, tertials);
        var members = Members(year);
        var trends = Enumerable.Range(1, tertials).Select(t => Trend(year, t)).ToList();
        // Each tertial's reports as the board gets them: asked for one by one, each with its own trend.
        var (table, grouped) = YearDisclosure.Build(members, Threshold, trends);
        var shown = new HashSet<int>();
        var small = new HashSet<int>();
        for (var t = 1; t <= tertials; t++)
        {
            var masks = YearDisclosure.Mask(members, Threshold, trends[t - 1], t);
            foreach (var member in members.Where(m => m.Tertial == t))
            {
                var view = masks[member.Id];
                var cells = TrendCells(table, members, trends[t - 1])
                    .Concat(Enumerable.Range(0, table.Count).Where(i => table.Keys[i].StartsWith(member.Id + "|", StringComparison.Ordinal)));
                var hidden = view.Keys.Select(k => table.IndexOf(FamilyKey(members, member, k))).ToHashSet();
                shown.UnionWith(cells.Where(i => !hidden.Contains(i)));
                small.UnionWith(view.ShownSmall.Select(k => table.IndexOf(FamilyKey(members, member, k))));
            }
        }

        // What the board sees nowhere is unknown to it; "<5" anywhere says 1–4.
        var masked = Enumerable.Range(0, table.Count).Where(i => !shown.Contains(i)).ToHashSet();
        Assert.Superset(grouped.ToHashSet(), masked);
        small.IntersectWith(masked);

        // Every small count is masked, in every report.
        Assert.All(Enumerable.Range(0, table.Count).Where(i => SmallNumberSuppression.IsSmall(table.Values[i], Threshold)),
            i => Assert.Contains(i, masked));
        Assert.Empty(Recoverability.Find(table, masked, Threshold, small).Select(i => table.Keys[i]));
    }

    /// <summary>
    /// T1 is adopted with the masks the board saw; T2 (and T3) come later. T1's reports never show
    /// what they hid, today's figures of T1 (a restatement) hide at least what T1 hid, and nothing
    /// masked follows from everything the board has seen: T1 as adopted and every report since.
    /// </summary>
    [Theory]
    [MemberData(nameof(SeedsAndTertials))]
    public void AnAdoptedReport_NeverLoosens_AndLaterReportsWorkAroundIt(int seed, int tertials)
    {
        var year = RandomYear(seed, tertials);
        var t1 = Members(year).Where(m => m.Tertial == 1).ToList();
        var atAdoption = YearDisclosure.Mask(t1, Threshold);
        var members = Members(year).Select(m => m.Tertial == 1 ? m with { Settled = atAdoption[m.Id], Published = true } : m).ToList();
        var restated = new YearMember(Restate(year[0]), atAdoption["2026-T1"], Current: true);

        var later = YearDisclosure.Mask([.. members, restated], Threshold);

        foreach (var id in new[] { "2026-T1", "2026-hittills-T1" })
        {
            Assert.Superset(atAdoption[id].Keys.ToHashSet(), later[id].Keys.ToHashSet());
        }

        var (table, grouped) = YearDisclosure.Build([.. members, restated], Threshold, []);
        Assert.All(atAdoption["2026-T1"].Keys.Where(k => table.Contains(restated.Id + "|" + k)), k => Assert.Contains(k, later[restated.Id].Keys));

        // Seen: T1 as adopted, and every report as it is shown now.
        var shown = new HashSet<int>();
        var small = new HashSet<int>();
        foreach (var (member, view) in members.Append(restated).Select(m => (m, later[m.Id]))
                     .Concat(t1.Select(m => (m, atAdoption[m.Id]))))
        {
            var hidden = view.Keys.Select(k => table.IndexOf(member.Id + "|" + k)).ToHashSet();
            shown.UnionWith(Enumerable.Range(0, table.Count)
                .Where(i => table.Keys[i].StartsWith(member.Id + "|", StringComparison.Ordinal) && !hidden.Contains(i)));
            small.UnionWith(view.ShownSmall.Select(k => table.IndexOf(member.Id + "|" + k)));
        }

        var masked = Enumerable.Range(0, table.Count).Where(i => !shown.Contains(i)).ToHashSet();
        Assert.Superset(grouped.ToHashSet(), masked);
        small.IntersectWith(masked);
        Assert.Empty(Recoverability.Find(table, masked, Threshold, small).Select(i => table.Keys[i]));
    }

    /// <summary>
    /// The board opens the report and downloads it: the same figures built again (a new build time)
    /// take the masks already worked out; one changed figure is masked afresh, as if never seen.
    /// </summary>
    [Fact]
    public void Memo_SameFiguresAgainReuseTheMasks_AChangedFigureIsMaskedAfresh()
    {
        using var memo = new YearMaskMemo();
        var year = RandomYear(seed: 7, tertials: 2);
        var first = memo.Mask(Members(year), Threshold, Trend(year, 2), 2);

        var rebuilt = year.Select(r => r with { Header = r.Header with { GeneratedAtUtc = r.Header.GeneratedAtUtc.AddMinutes(5) } }).ToList();
        Assert.Same(first, memo.Mask(Members(rebuilt), Threshold, Trend(rebuilt, 2), 2));
        Assert.NotSame(first, memo.Mask(Members(year), Threshold + 1, Trend(year, 2), 2));

        var changed = new List<TertialReport> { Restate(year[0]), year[1], year[2], year[3] };
        var afresh = memo.Mask(Members(changed), Threshold, Trend(changed, 2), 2);
        var direct = YearDisclosure.Mask(Members(changed), Threshold, Trend(changed, 2), 2);
        Assert.NotSame(first, afresh);
        Assert.Equal(direct.Keys.Order(), afresh.Keys.Order());
        Assert.All(direct, m =>
        {
            Assert.Equal(m.Value.Keys.Order(), afresh[m.Key].Keys.Order());
            Assert.Equal(m.Value.ShownSmall.Order(), afresh[m.Key].ShownSmall.Order());
        });
    }

    /// <summary>A key of a member's view in the year's table: its own counts, or a trend point (this year's are the reports' totals).</summary>
    private static string FamilyKey(List<YearMember> members, YearMember member, string key)
    {
        if (!key.StartsWith("trend:", StringComparison.Ordinal))
        {
            return member.Id + "|" + key;
        }

        var node = key[..key.IndexOf('/', StringComparison.Ordinal)];
        var name = node["trend:".Length..];
        return members.Any(m => m.Id == name) ? name + "|" + ReportDisclosure.TotalNode + key[node.Length..] : key;
    }

    /// <summary>The cells the trend shows: every point's counts, at their node in the year's table.</summary>
    private static IEnumerable<int> TrendCells(AdditiveTable table, List<YearMember> members, ReportTrend trend)
    {
        var points = trend.Tertials.Select(p => (p, false)).Append((trend.YearToDate, true)).Append((trend.YearToDateLastYear, true));
        foreach (var (point, yearToDate) in points)
        {
            var name = ReportDisclosure.PeriodName(point.Year, point.Tertial, yearToDate);
            var node = members.Any(m => m.Id == name) ? name + "|" + ReportDisclosure.TotalNode : "trend:" + name;
            string[] measures = ["active", "new", "ended", .. point.Indicators.SelectMany(i => new[] { $"indicator:{i.Code}:numerator", $"indicator:{i.Code}:denominator" })];
            foreach (var measure in measures)
            {
                var key = ReportDisclosure.Key(node, measure, "all");
                if (table.Contains(key))
                {
                    yield return table.IndexOf(key);
                }
            }
        }
    }

    private static string Id(TertialReport report) =>
        ReportDisclosure.PeriodName(report.Header.Year, report.Header.Tertial, report.Header.Mode == ReportMode.YearToDate);

    private static List<YearMember> Members(IEnumerable<TertialReport> year) => [.. year.Select(r => new YearMember(r))];

    /// <summary>The keys a reader can work out when each report shows what <paramref name="masks"/> say.</summary>
    private static List<string> Leaks(IReadOnlyList<TertialReport> year, IReadOnlyDictionary<string, MaskedCells> masks)
    {
        var members = Members(year);
        var (table, grouped) = YearDisclosure.Build(members, Threshold, []);
        var masked = new HashSet<int>(grouped);
        var small = new HashSet<int>();
        foreach (var member in members)
        {
            masked.UnionWith(masks[member.Id].Keys.Where(k => table.Contains(member.Id + "|" + k)).Select(k => table.IndexOf(member.Id + "|" + k)));
            small.UnionWith(masks[member.Id].ShownSmall.Where(k => table.Contains(member.Id + "|" + k)).Select(k => table.IndexOf(member.Id + "|" + k)));
        }

        return [.. Recoverability.Find(table, masked, Threshold, small).Select(i => table.Keys[i])];
    }

    /// <summary>The tertial's report with one more woman ended in its first intervention (a late exit).</summary>
    private static TertialReport Restate(TertialReport report)
    {
        var builder = new YearBuilder(report.Header.Year);
        var rows = report.Sections.SelectMany(s => s.Categories).SelectMany(c => c.Interventions).ToList();
        var first = true;
        builder.Tertial([.. rows.Select(r =>
        {
            var f = r.Figures;
            var extra = first && r.RegistrationMode == RegistrationMode.Identified ? 1 : 0;
            first &= extra == 0;
            return new Figures(r.InterventionId, f.Ended + GenderCount.Of(extra, 0), f.OngoingAtEnd, f.New, f.CountOnly, r.RegistrationMode == RegistrationMode.CountOnly);
        })]);
        return builder.Build()[0];
    }

    /// <summary>Three to six interventions (one or two count-only), random counts per tertial, small ones common.</summary>
    /// <param name="scale">Every count multiplied by it: with 5 or more (the threshold), no count of the year is small.</param>
    private static List<TertialReport> RandomYear(int seed, int tertials, int scale = 1)
    {
        var random = new Random(seed);
        var individual = random.Next(3, 6);
        var countOnly = random.Next(1, 3);
        var builder = new YearBuilder(2026, scale);
        for (var t = 1; t <= tertials; t++)
        {
            GenderCount Count(int max) => GenderCount.Of(random.Next(0, max), random.Next(0, max));
            builder.Tertial(
            [
                .. Enumerable.Range(1, individual).Select(i => new Figures(i, Count(9), Count(12), Count(8))),
                .. Enumerable.Range(101, countOnly).Select(i => new Figures(i, GenderCount.Zero, GenderCount.Zero, GenderCount.Zero, Count(15), CountOnly: true)),
            ], random.Next());
        }

        return builder.Build();
    }

    /// <summary>The trend beside tertial <paramref name="tertial"/>'s reports: this year's points are the year's own totals.</summary>
    private static ReportTrend Trend(IReadOnlyList<TertialReport> year, int tertial)
    {
        TrendPoint FromReport(TertialReport r) => new(r.Header.Year, r.Header.Tertial, r.Header.PeriodFrom, r.Header.PeriodTo, false, false,
            r.Total.Active, r.Total.New, r.Total.Ended, 10,
            [.. r.Total.Indicators.Select(i => new TrendIndicator(i.Code, i.Code, 1, 40, i.Total, i.Status))]);
        TrendPoint LastYear(int t, bool yearToDate) => new(2025, t, new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), true, false,
            GenderCount.Of(20, 20), yearToDate ? GenderCount.Of(Enumerable.Range(1, t).Sum(k => k + 10), 0) : GenderCount.Of(t + 10, 0),
            yearToDate ? GenderCount.Of(Enumerable.Range(1, t).Sum(k => 19 - k), 0) : GenderCount.Of(19 - t, 0), 10, []);

        var period = year.Where(r => r.Header.Mode == ReportMode.Period).ToDictionary(r => r.Header.Tertial);
        var points = new List<TrendPoint>();
        for (var back = 5; back >= 0; back--)
        {
            var index = (2026 * 3) + tertial - 1 - back;
            var (y, t) = (index / 3, (index % 3) + 1);
            points.Add(y == 2026 ? FromReport(period[t]) : LastYear(t, false));
        }

        var ytd = year.Single(r => r.Header.Mode == ReportMode.YearToDate && r.Header.Tertial == tertial);
        return new ReportTrend(points, FromReport(ytd), LastYear(tertial, true));
    }

    /// <param name="Id">The intervention.</param>
    private sealed record Figures(long Id, GenderCount Ended, GenderCount Ongoing, GenderCount New, GenderCount? Count = null, bool CountOnly = false);

    /// <summary>
    /// A year's reports from each tertial's figures per intervention: the tertials alone, and the
    /// year to date as their sums (exits, new, count-only, exit reasons, occupations, indicators)
    /// with the participants still ongoing at the last tertial's end.
    /// </summary>
    private sealed class YearBuilder(int year, int scale = 1)
    {
        private static readonly string[] Reasons = ["PlannedCompletion", "Discontinued", "Moved"];
        private static readonly string[] Occupations = ["Employed", "JobSeeking"];
        private readonly List<(List<Figures> Rows, int Seed)> _tertials = [];

        public YearBuilder Tertial(params Figures[] rows) => Tertial([.. rows], 0);

        public YearBuilder Tertial(List<Figures> rows, int seed)
        {
            _tertials.Add((rows, seed));
            return this;
        }

        /// <summary>The tertials alone (T1, T2 …), then the year to date at each (hittills T1, T2 …).</summary>
        public List<TertialReport> Build()
        {
            // The association's exits by reason and occupation, and indicator counts, per tertial.
            // Drawn from the counts as given, then scaled with them, so every sum still holds.
            var totals = _tertials.Select((t, i) => Scaled(Totals(t.Rows, new Random(t.Seed)))).ToList();
            var tertials = _tertials.Select(t => (Rows: t.Rows.Select(Scaled).ToList(), t.Seed)).ToList();
            var reports = tertials.Select((t, i) => Report(i + 1, ReportMode.Period, t.Rows, totals[i])).ToList();
            for (var k = 1; k <= tertials.Count; k++)
            {
                var upTo = tertials.Take(k).ToList();
                var rows = upTo[^1].Rows.Select(last =>
                {
                    var all = upTo.SelectMany(t => t.Rows).Where(r => r.Id == last.Id).ToList();
                    GenderCount Sum(Func<Figures, GenderCount> pick) => all.Aggregate(GenderCount.Zero, (s, r) => s + pick(r));
                    return last with { Ended = Sum(r => r.Ended), New = Sum(r => r.New), Count = Sum(r => r.Count ?? GenderCount.Zero) };
                }).ToList();
                var sum = totals.Take(k).Aggregate((a, b) => (
                    [.. a.Reasons.Zip(b.Reasons, (x, y) => x with { Count = x.Count + y.Count })],
                    [.. a.Occupations.Zip(b.Occupations, (x, y) => x with { Count = x.Count + y.Count })],
                    [.. a.Indicators.Zip(b.Indicators, Add)]));
                reports.Add(Report(k, ReportMode.YearToDate, rows, sum));
            }

            return reports;
        }

        private Figures Scaled(Figures f) => f with
        {
            Ended = GenderCount.Of(f.Ended.Women * scale, f.Ended.Men * scale),
            Ongoing = GenderCount.Of(f.Ongoing.Women * scale, f.Ongoing.Men * scale),
            New = GenderCount.Of(f.New.Women * scale, f.New.Men * scale),
            Count = f.Count is { } c ? GenderCount.Of(c.Women * scale, c.Men * scale) : null,
        };

        private (List<CodeCount> Reasons, List<CodeCount> Occupations, List<ReportIndicator> Indicators) Scaled(
            (List<CodeCount> Reasons, List<CodeCount> Occupations, List<ReportIndicator> Indicators) totals) =>
        (
            [.. totals.Reasons.Select(c => c with { Count = c.Count * scale })],
            [.. totals.Occupations.Select(c => c with { Count = c.Count * scale })],
            [.. totals.Indicators.Select(i => Indicator(i.Code, (i.Woman.Numerator * scale, i.Woman.Denominator * scale),
                (i.Man.Numerator * scale, i.Man.Denominator * scale)))]
        );

        private static (List<CodeCount> Reasons, List<CodeCount> Occupations, List<ReportIndicator> Indicators) Totals(List<Figures> rows, Random random)
        {
            var ended = rows.Aggregate(GenderCount.Zero, (s, r) => s + r.Ended);
            List<CodeCount> Split(string[] codes)
            {
                var left = ended.Total;
                var counts = new List<CodeCount>();
                foreach (var code in codes)
                {
                    var n = code == codes[^1] ? left : random.Next(0, left + 1);
                    counts.Add(new CodeCount(code, code, n));
                    left -= n;
                }

                return counts;
            }

            // I1 counts every exit (its denominator is the exits); I3 some of them.
            var women3 = random.Next(0, ended.Women + 1);
            var men3 = random.Next(0, ended.Men + 1);
            return (Split(Reasons), Split(Occupations),
            [
                Indicator("I1", (random.Next(0, ended.Women + 1), ended.Women), (random.Next(0, ended.Men + 1), ended.Men)),
                Indicator("I3", (random.Next(0, women3 + 1), women3), (random.Next(0, men3 + 1), men3)),
            ]);
        }

        private TertialReport Report(int tertial, ReportMode mode,
            List<Figures> rows, (List<CodeCount> Reasons, List<CodeCount> Occupations, List<ReportIndicator> Indicators) totals)
        {
            var individual = rows.Where(r => !r.CountOnly).Select(r => Row(r, mode)).ToList();
            var countOnly = rows.Where(r => r.CountOnly).Select(r => Row(r, mode)).ToList();
            var categories = new List<ReportCategory>
            {
                new(InterventionCategory.Mapping, "Kartläggning", individual.Take(2).ToList(), Sum(individual.Take(2))),
                new(InterventionCategory.RehabilitationToWorkOrStudies, "Rehabilitering", individual.Skip(2).ToList(), Sum(individual.Skip(2))),
            };
            var sections = new List<ReportSection> { new(Orientation.IndividualFocused, "Individinriktad", categories, Sum(categories.Select(c => c.Subtotal))) };
            if (countOnly.Count > 0)
            {
                var structural = new List<ReportCategory> { new(InterventionCategory.Training, "Utbildning", countOnly, Sum(countOnly)) };
                sections.Add(new(Orientation.Structural, "Strukturövergripande", structural, Sum(structural.Select(c => c.Subtotal))));
            }

            var total = Sum(sections.Select(s => s.Subtotal)) with
            {
                ExitsByReason = totals.Reasons,
                OccupationAtExit = totals.Occupations,
                Indicators = totals.Indicators,
            };
            var from = mode == ReportMode.Period ? Tertials.Start(year, tertial) : new DateOnly(year, 1, 1);
            var header = new ReportHeader(9, "Samordningsförbundet Året", year, tertial, mode, from, Tertials.End(year, tertial),
                new DateTime(year, 12, 1, 8, 0, 0, DateTimeKind.Utc),
                [new("I1", "Egen försörjning vid avslut", 1, MeasurementPoint.AtExit, 40), new("I3", "Stegförflyttning", 1, MeasurementPoint.AtExit, 40)],
                null, null);
            return new TertialReport(header, sections, total, []);
        }

        private static ReportFigures Sum(IEnumerable<ReportRow> rows) => Sum(rows.Select(r => r.Figures));

        private static ReportRow Row(Figures f, ReportMode mode)
        {
            var active = f.Ended + f.Ongoing;
            var count = f.Count ?? GenderCount.Zero;
            var figures = new ReportFigures(20, 6.7, active, f.New, f.Ended, f.Ongoing, count, [], [], [], 100_000, 50_000, 50, null,
                active.Total + count.Total, mode.ToString());
            return new ReportRow(f.Id, $"Insats {f.Id}", 100 + f.Id, $"Utförare {f.Id}",
                f.CountOnly ? RegistrationMode.CountOnly : RegistrationMode.Identified, figures, null);
        }

        private static ReportFigures Sum(IEnumerable<ReportFigures> parts)
        {
            var list = parts.ToList();
            GenderCount Total(Func<ReportFigures, GenderCount> pick) => list.Aggregate(GenderCount.Zero, (s, f) => s + pick(f));
            return new ReportFigures(list.Sum(f => f.PlannedParticipantsYear), list.Sum(f => f.PlannedParticipantsProRata),
                Total(f => f.Active), Total(f => f.New), Total(f => f.Ended), Total(f => f.OngoingAtEnd), Total(f => f.CountOnly), [], [], [],
                list.Sum(f => f.BudgetSek), list.Sum(f => f.ActualCostSek), 50, null, list.Sum(f => f.CostPerParticipantDenominator), "");
        }

        private static ReportIndicator Indicator(string code, (int N, int D) women, (int N, int D) men)
        {
            static IndicatorFigure Figure(int n, int d) =>
                new(n, d, 0, null, d == 0 ? null : Math.Round(100.0 * n / d, 1), null, null, 40, d < 5 ? null : n * 100m >= 40m * d, d < 5);
            var total = Figure(women.N + men.N, women.D + men.D);
            return new ReportIndicator(code, 1, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), Figure(women.N, women.D), Figure(men.N, men.D),
                total, total.TooFew ? IndicatorStatus.TooFew : total.Met == true ? IndicatorStatus.Met : IndicatorStatus.NotMet);
        }

        private static ReportIndicator Add(ReportIndicator a, ReportIndicator b) => Indicator(a.Code,
            (a.Woman.Numerator + b.Woman.Numerator, a.Woman.Denominator + b.Woman.Denominator),
            (a.Man.Numerator + b.Man.Numerator, a.Man.Denominator + b.Man.Denominator));
    }
}
