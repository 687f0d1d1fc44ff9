using System.Globalization;
using Samordning.FollowUp.Features.Reports.Trends;

namespace Samordning.FollowUp.Features.Reports.Disclosure;

/// <summary>
/// The tertial report's counts as an <see cref="AdditiveTable"/>, with every sum a reader of the
/// report knows: women + men = all; active = ended + ongoing at the end; the exit reasons and the
/// occupations at exit add up to the exits; interventions add up to their category, categories to
/// their orientation, orientations to the association; each indicator's numerator and denominator
/// add up the same ways. Plans, money and rates are not counts of people and are not cells; a
/// rate is masked when its numerator or denominator is.
/// </summary>
public static class ReportDisclosure
{
    private static readonly string[] Genders = ["women", "men", "all"];

    /// <summary>The keys of the counts to mask for a reader outside the providers (the board).</summary>
    /// <param name="showsSmall">The reader sees small counts as "&lt;N" and protecting ones as "x" (<see cref="SmallNumberSuppression.ApplyShowingSmall"/>).</param>
    /// <param name="detailAtTotalOnly">
    /// The reader sees indicators, exit reasons and occupations for the association as a whole only
    /// (the board's report); per intervention they are not cells the reader could combine.
    /// </param>
    /// <param name="trend">The trend shown beside the report: its counts join the table, so no sum across periods gives a masked one away.</param>
    public static MaskedCells Mask(TertialReport report, int threshold, bool showsSmall = false, bool detailAtTotalOnly = false, ReportTrend? trend = null)
    {
        var table = Table(report, detailAtTotalOnly, detailAtTotalOnly ? threshold : 0, trend);
        var result = SmallNumberSuppression.ApplyShowingSmall(table, threshold, showsSmall, Rank);
        return new MaskedCells(threshold, result.Masked.Select(i => table.Keys[i]).ToHashSet(StringComparer.Ordinal),
            result.ShownSmall.Select(i => table.Keys[i]).ToHashSet(StringComparer.Ordinal));
    }

    /// <param name="groupBelow">
    /// With detail at total only: exit reasons and occupations under this count are grouped as
    /// "Övriga" (<see cref="Grouped"/>), as the board's report shows them.
    /// </param>
    public static AdditiveTable Table(TertialReport report, bool detailAtTotalOnly = false, int groupBelow = 0, ReportTrend? trend = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var detail = !detailAtTotalOnly;
        // A report without any referral in the period leaves them out: nothing to show, nothing to mask.
        var referrals = HasReferrals(report.Total.Referrals);
        var table = new AdditiveTable();
        var sections = new List<string>();
        foreach (var section in report.Sections)
        {
            var sectionNode = Section(section);
            var categories = new List<string>();
            foreach (var category in section.Categories)
            {
                var categoryNode = Category(category);
                var rows = category.Interventions.Select(Row).ToList();
                foreach (var row in category.Interventions)
                {
                    AddFigures(table, Row(row), row.Figures, detail, referrals: referrals);
                }

                AddFigures(table, categoryNode, category.Subtotal, detail, referrals: referrals);
                SumOver(table, categoryNode, rows, category.Subtotal, detail);
                categories.Add(categoryNode);
            }

            AddFigures(table, sectionNode, section.Subtotal, detail, referrals: referrals);
            SumOver(table, sectionNode, categories, section.Subtotal, detail);
            sections.Add(sectionNode);
        }

        AddFigures(table, TotalNode, report.Total, detail: true, groupBelow, referrals);
        SumOver(table, TotalNode, sections, report.Total, detail);
        Tie(table, report, [.. AllNodes(report)]);
        if (trend is not null)
        {
            AddTrend(table, trend, (point, yearToDate) => TrendNode(report.Header, point, yearToDate));
        }

        return table;
    }

    public const string TotalNode = "total";

    /// <summary>
    /// The node of a trend point: the report's own total when the point is this report's period
    /// (the same figures, so the same cells), else "trend:2026-T1" or "trend:2026-hittills-T2".
    /// </summary>
    public static string TrendNode(ReportHeader header, TrendPoint point, bool yearToDate)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(point);
        return point.Year == header.Year && point.Tertial == header.Tertial && yearToDate == (header.Mode == ReportMode.YearToDate)
            ? TotalNode
            : TrendPointNode(point, yearToDate);
    }

    /// <summary>"trend:2026-T1" or "trend:2026-hittills-T2".</summary>
    public static string TrendPointNode(TrendPoint point, bool yearToDate)
    {
        ArgumentNullException.ThrowIfNull(point);
        return "trend:" + PeriodName(point.Year, point.Tertial, yearToDate);
    }

    /// <summary>"2026-T1", or "2026-hittills-T2" for the year to date.</summary>
    public static string PeriodName(int year, int tertial, bool yearToDate) =>
        $"{year.ToString(CultureInfo.InvariantCulture)}-{(yearToDate ? "hittills-" : "")}T{tertial.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The trend's counts (totals only, as the trend shows them) and the sums a reader can see
    /// across periods: year to date = the year's tertials, for new participants, exits and each
    /// indicator's numerator and denominator, wherever the figures do add up.
    /// </summary>
    /// <param name="node">The node of a trend point: a report's own total where the table holds that report.</param>
    public static void AddTrend(AdditiveTable table, ReportTrend trend, Func<TrendPoint, bool, string> node)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(trend);
        ArgumentNullException.ThrowIfNull(node);
        // Referral counts join only when the trend has any referral to tell of (as in the report).
        var referrals = HasReferrals(trend);
        IEnumerable<(string Measure, long Value)> Measures(TrendPoint p) =>
        [
            ("active", p.Active.Total), ("new", p.New.Total), ("ended", p.Ended.Total),
            .. p.Indicators.SelectMany(i => new (string, long)[]
            {
                ($"indicator:{i.Code}:numerator", i.Total.Numerator), ($"indicator:{i.Code}:denominator", i.Total.Denominator),
            }),
            .. referrals && p.Referrals is { } r
                ? new (string, long)[]
                {
                    (ReferralPrefix + "received", r.Received), (ReferralPrefix + "started", r.Started),
                    (ReferralPrefix + "declined", r.Declined), (ReferralsWaiting, r.Waiting),
                }
                : [],
        ];

        var points = trend.Tertials.Select(t => (Point: t, YearToDate: false))
            .Append((Point: trend.YearToDate, YearToDate: true)).Append((Point: trend.YearToDateLastYear, YearToDate: true)).ToList();
        foreach (var (point, yearToDate) in points)
        {
            var pointNode = node(point, yearToDate);
            foreach (var (measure, value) in Measures(point))
            {
                var key = Key(pointNode, measure, "all");
                if (!table.Contains(key))
                {
                    table.Cell(key, value);
                }
            }
        }

        foreach (var (point, _) in points.Where(p => p.YearToDate))
        {
            var parts = trend.Tertials.Where(t => t.Year == point.Year && t.Tertial <= point.Tertial).ToList();
            if (parts.Count != point.Tertial)
            {
                continue;
            }

            var total = node(point, true);
            // Active and waiting are counts at a time, not over it: they do not add up over the tertials.
            foreach (var (measure, value) in Measures(point).Where(m => m.Measure is not "active" and not ReferralsWaiting))
            {
                var keys = parts.Select(t => Key(node(t, false), measure, "all")).ToList();
                if (table.Contains(Key(total, measure, "all")) && keys.All(table.Contains)
                    && keys.Sum(k => table.Values[table.IndexOf(k)]) == table.Values[table.IndexOf(Key(total, measure, "all"))])
                {
                    table.Sum(Key(total, measure, "all"), keys);
                }
            }
        }
    }

    /// <summary>Every node of the report with its figures: interventions, categories, orientations, the total.</summary>
    public static IEnumerable<(string Node, ReportFigures Figures)> AllNodes(TertialReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var section in report.Sections)
        {
            foreach (var category in section.Categories)
            {
                foreach (var row in category.Interventions)
                {
                    yield return (Row(row), row.Figures);
                }

                yield return (Category(category), category.Subtotal);
            }

            yield return (Section(section), section.Subtotal);
        }

        yield return (TotalNode, report.Total);
    }

    /// <summary>
    /// Equalities a reader can see beyond the sums: year to date, the participants this year are
    /// the active plus the count-only; and an indicator whose denominator equals the exits (every
    /// exit counted, as I1 usually does) is read as the exits themselves, so both are masked alike.
    /// </summary>
    private static void Tie(AdditiveTable table, TertialReport report, List<(string Node, ReportFigures Figures)> nodes)
    {
        foreach (var (node, figures) in nodes)
        {
            if (report.Header.Mode == ReportMode.YearToDate
                && figures.CostPerParticipantDenominator == figures.Active.Total + figures.CountOnly.Total)
            {
                table.Sum(Key(node, ParticipantsYear, "all"), [Key(node, "active", "all"), Key(node, "countOnly", "all")]);
            }

            foreach (var indicator in figures.Indicators)
            {
                foreach (var (gender, denominator, ended) in new[]
                         {
                             ("women", indicator.Woman.Denominator, figures.Ended.Women),
                             ("men", indicator.Man.Denominator, figures.Ended.Men),
                             ("all", indicator.Total.Denominator, figures.Ended.Total),
                         })
                {
                    var key = Key(node, $"indicator:{indicator.Code}:denominator", gender);
                    if (denominator == ended && table.Contains(key))
                    {
                        table.Sum(Key(node, "ended", gender), [key]);
                    }
                }
            }
        }
    }

    public const string ParticipantsYear = "participantsYear";

    /// <summary>Complements are taken from interventions first, then categories, orientations, and the total last.</summary>
    internal static int Rank(string key) => key.StartsWith("intervention:", StringComparison.Ordinal) ? 0
        : key.StartsWith("category:", StringComparison.Ordinal) ? 1
        : key.StartsWith("section:", StringComparison.Ordinal) ? 2
        : 3;

    public static string Section(ReportSection section) => $"section:{section?.Orientation}";

    public static string Category(ReportCategory category) => $"category:{category?.Category}";

    public static string Row(ReportRow row) => $"intervention:{row?.InterventionId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The key of a count: node, measure and gender, e.g. "intervention:12/ended/women".</summary>
    public static string Key(string node, string measure, string gender) => $"{node}/{measure}/{gender}";

    private static IEnumerable<(string Measure, GenderCount Count)> Counts(ReportFigures f) =>
    [
        ("active", f.Active), ("new", f.New), ("ended", f.Ended), ("ongoing", f.OngoingAtEnd), ("countOnly", f.CountOnly),
    ];

    private static IEnumerable<(string Measure, int Women, int Men, int All)> IndicatorCounts(ReportFigures f) =>
        f.Indicators.SelectMany(i => new[]
        {
            ($"indicator:{i.Code}:numerator", i.Woman.Numerator, i.Man.Numerator, i.Total.Numerator),
            ($"indicator:{i.Code}:denominator", i.Woman.Denominator, i.Man.Denominator, i.Total.Denominator),
        });

    private static void AddFigures(AdditiveTable table, string node, ReportFigures figures, bool detail, int groupBelow = 0, bool referrals = false)
    {
        foreach (var (measure, count) in Counts(figures))
        {
            AddGendered(table, node, measure, count.Women, count.Men, count.Total);
        }

        // Participants this year (the cost per participant's denominator): everyone, not split by gender.
        table.Cell(Key(node, ParticipantsYear, "all"), figures.CostPerParticipantDenominator);
        table.Sum(Key(node, "active", "women"), [Key(node, "ended", "women"), Key(node, "ongoing", "women")]);
        table.Sum(Key(node, "active", "men"), [Key(node, "ended", "men"), Key(node, "ongoing", "men")]);
        if (referrals)
        {
            // Referrals by party and reason are shown per intervention to every reader (issue 19): always in detail.
            AddReferrals(table, node, figures.Referrals, detail: true);
        }

        if (!detail)
        {
            return;
        }

        foreach (var (measure, women, men, all) in IndicatorCounts(figures))
        {
            AddGendered(table, node, measure, women, men, all);
        }

        AddBreakdown(table, node, "exitReason", Grouped(figures.ExitsByReason, groupBelow));
        AddBreakdown(table, node, "occupationAtExit", Grouped(figures.OccupationAtExit, groupBelow));
    }

    /// <summary>Measures of the referrals that add up over time (everything but the waiting at the period's end).</summary>
    public const string ReferralPrefix = "referral:";

    public const string ReferralsWaiting = "referralsWaiting";

    /// <summary>The referral counts split by women and men, as the report shows them: the received.</summary>
    private static readonly string[] GenderedReferralMeasures = [ReferralPrefix + "received"];

    /// <summary>The referral counts shown for all only.</summary>
    private static readonly string[] OverallReferralMeasures =
        [ReferralPrefix + "started", ReferralPrefix + "declined", ReferralPrefix + "withdrawn", ReferralsWaiting];

    /// <summary>"referral:received:Municipality", "referral:declined:NoPlace".</summary>
    public static string ReferralMeasure(string what, string code) => $"{ReferralPrefix}{what}:{code}";

    /// <summary>True when a point of the trend has any referral to tell of: only then are its referral counts in the trend.</summary>
    public static bool HasReferrals(ReportTrend trend)
    {
        ArgumentNullException.ThrowIfNull(trend);
        return trend.Tertials.Append(trend.YearToDate).Append(trend.YearToDateLastYear)
            .Any(p => p.Referrals is { } r && r.Received + r.Started + r.Declined + r.Waiting > 0);
    }

    /// <summary>True when the period has any referral to tell of: only then are its referral counts in the report.</summary>
    public static bool HasReferrals(ReferralFigures? referrals) => referrals is not null
        && (referrals.Received.Total + referrals.Started.Total + referrals.Declined + referrals.Withdrawn + referrals.WaitingAtEnd.Total) > 0;

    /// <summary>
    /// The referral counts: received by gender; started, declined, withdrawn and waiting in all; with
    /// detail also received by referring party (each party's women + men, the parties adding up to
    /// the received) and declined by reason (adding up to the declined).
    /// </summary>
    private static void AddReferrals(AdditiveTable table, string node, ReferralFigures? referrals, bool detail)
    {
        referrals ??= ReferralFigures.None;
        AddGendered(table, node, GenderedReferralMeasures[0], referrals.Received.Women, referrals.Received.Men, referrals.Received.Total);
        foreach (var (measure, count) in OverallReferralMeasures.Zip(new[]
                 {
                     referrals.Started.Total, referrals.Declined, referrals.Withdrawn, referrals.WaitingAtEnd.Total,
                 }))
        {
            table.Cell(Key(node, measure, "all"), count);
        }

        if (!detail)
        {
            return;
        }

        // A party's women and men per row and subtotal; its total only for the association, where the report shows it.
        var parties = referrals.ReceivedByParty.Where(p => p.Count.Total > 0).ToList();
        foreach (var party in parties)
        {
            var measure = ReferralMeasure("received", party.Code);
            if (node == TotalNode)
            {
                AddGendered(table, node, measure, party.Count.Women, party.Count.Men, party.Count.Total);
            }
            else
            {
                table.Cell(Key(node, measure, "women"), party.Count.Women);
                table.Cell(Key(node, measure, "men"), party.Count.Men);
            }
        }

        foreach (var gender in Genders)
        {
            table.Sum(Key(node, GenderedReferralMeasures[0], gender),
                parties.Select(p => Key(node, ReferralMeasure("received", p.Code), gender)).Where(table.Contains));
        }

        var reasons = referrals.DeclinedByReason.Where(r => r.Count > 0).ToList();
        foreach (var reason in reasons)
        {
            table.Cell(Key(node, ReferralMeasure("declined", reason.Code), "all"), reason.Count);
        }

        table.Sum(Key(node, OverallReferralMeasures[1], "all"), reasons.Select(r => Key(node, ReferralMeasure("declined", r.Code), "all")));
    }

    /// <summary>The referral measures of a subtotal, to sum over its children: the counts, and with detail each party and reason.</summary>
    private static IEnumerable<string> ReferralMeasures(ReferralFigures? referrals, bool detail) => referrals is null ? GenderedReferralMeasures.Concat(OverallReferralMeasures) :
    [
        .. GenderedReferralMeasures, .. OverallReferralMeasures,
        .. detail ? referrals.ReceivedByParty.Select(p => ReferralMeasure("received", p.Code)) : [],
        .. detail ? referrals.DeclinedByReason.Select(r => ReferralMeasure("declined", r.Code)) : [],
    ];

    /// <summary>
    /// The code of the "Övriga" group: not a code of any list, since exit reasons and occupations
    /// both have a real "Other", which may itself be grouped (one key for both broke the year's table).
    /// </summary>
    public const string OtherCode = "Grouped";

    /// <summary>
    /// Codes with fewer than <paramref name="threshold"/> exits grouped as "Övriga", with as many of
    /// the smallest others as it takes for the group to reach the threshold: every figure shown is
    /// then zero or at least the threshold, and nothing needs masking. Without a threshold, as is.
    /// </summary>
    public static IReadOnlyList<CodeCount> Grouped(IReadOnlyList<CodeCount> counts, int threshold)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var present = counts.Where(c => c.Count > 0).ToList();
        if (threshold <= 1 || present.All(c => c.Count >= threshold))
        {
            return present;
        }

        var shown = present.OrderByDescending(c => c.Count).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
        var other = 0;
        while (shown.Count > 0 && (shown[^1].Count < threshold || (other > 0 && other < threshold)))
        {
            other += shown[^1].Count;
            shown.RemoveAt(shown.Count - 1);
        }

        return other > 0 ? [.. shown, new CodeCount(OtherCode, "Övriga", other)] : shown;
    }

    private static void AddGendered(AdditiveTable table, string node, string measure, int women, int men, int all)
    {
        table.Cell(Key(node, measure, "women"), women);
        table.Cell(Key(node, measure, "men"), men);
        table.Cell(Key(node, measure, "all"), all);
        table.Sum(Key(node, measure, "all"), [Key(node, measure, "women"), Key(node, measure, "men")]);
    }

    /// <summary>Exit reasons and occupations at exit: counts of all exits, split by code.</summary>
    private static void AddBreakdown(AdditiveTable table, string node, string measure, IReadOnlyList<CodeCount> counts)
    {
        foreach (var count in counts)
        {
            table.Cell(Key(node, $"{measure}:{count.Code}", "all"), count.Count);
        }

        if (counts.Sum(c => c.Count) == table.Values[table.IndexOf(Key(node, "ended", "all"))])
        {
            table.Sum(Key(node, "ended", "all"), counts.Select(c => Key(node, $"{measure}:{c.Code}", "all")));
        }
    }

    /// <summary>A subtotal is the sum of its children, count by count and code by code.</summary>
    private static void SumOver(AdditiveTable table, string node, List<string> children, ReportFigures subtotal, bool detail)
    {
        var measures = Counts(subtotal).Select(c => c.Measure)
            .Concat(detail ? IndicatorCounts(subtotal).Select(c => c.Measure) : [])
            .Concat(ReferralMeasures(subtotal.Referrals, detail: true))
            .ToList();
        foreach (var measure in measures)
        {
            foreach (var gender in Genders)
            {
                var parts = children.Select(c => Key(c, measure, gender)).Where(table.Contains).ToList();
                if (parts.Count > 0 && table.Contains(Key(node, measure, gender)))
                {
                    table.Sum(Key(node, measure, gender), parts);
                }
            }
        }

        table.Sum(Key(node, ParticipantsYear, "all"), children.Select(c => Key(c, ParticipantsYear, "all")).Where(table.Contains).ToList());
        if (!detail)
        {
            return;
        }

        foreach (var (measure, codes) in new[] { ("exitReason", subtotal.ExitsByReason), ("occupationAtExit", subtotal.OccupationAtExit) })
        {
            foreach (var code in codes)
            {
                var parts = children.Select(c => Key(c, $"{measure}:{code.Code}", "all")).Where(table.Contains).ToList();
                table.Sum(Key(node, $"{measure}:{code.Code}", "all"), parts);
            }
        }
    }
}

/// <summary>Which counts a reader outside the providers does not see, under the association's threshold.</summary>
/// <param name="ShownSmall">The masked counts shown as "&lt;N"; every other masked count reads "x".</param>
public sealed record MaskedCells(int Threshold, IReadOnlySet<string> Keys, IReadOnlySet<string> ShownSmall)
{
    /// <summary>Nothing masked: the office's exact figures.</summary>
    public static readonly MaskedCells None = new(0, new HashSet<string>(), new HashSet<string>());

    public bool IsMasked(string node, string measure, string gender) => Keys.Contains(ReportDisclosure.Key(node, measure, gender));

    public bool IsShownSmall(string node, string measure, string gender) => ShownSmall.Contains(ReportDisclosure.Key(node, measure, gender));
}
