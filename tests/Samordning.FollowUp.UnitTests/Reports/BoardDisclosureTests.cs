using Samordning.FollowUp.Documents;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Disclosure;
using Samordning.FollowUp.Features.Reports.Presentation;

namespace Samordning.FollowUp.UnitTests.Reports;

/// <summary>
/// The board's presentation against the disclosure model: nothing masked can be worked out from
/// the report's additive relations, and every count the board sees as "&lt;5" or "x" is exactly
/// a count the model masks (and every count it masks is shown so), for the fixture and for
/// randomised reports.
/// </summary>
public sealed class BoardDisclosureTests
{
    private const int Threshold = 5;

    public static TheoryData<int> Extras => [0, 3, 7];

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 30)];

    [Theory]
    [MemberData(nameof(Extras))]
    public void Fixture_NothingMaskedIsRecoverable(int extra) => AssertMaskingHolds(ReportFixture.Create(extraInterventions: extra));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomReport_NothingMaskedIsRecoverable(int seed) => AssertMaskingHolds(RandomReport.Create(seed));

    [Theory]
    [MemberData(nameof(Extras))]
    public void Fixture_ThePresentationShowsAsMaskedExactlyWhatTheModelMasks(int extra) => AssertPresentationMatchesModel(ReportFixture.Create(extraInterventions: extra));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomReport_ThePresentationShowsAsMaskedExactlyWhatTheModelMasks(int seed) => AssertPresentationMatchesModel(RandomReport.Create(seed));

    [Fact]
    public void Fixture_HandWorked_TheSmallCountsAndTheirProtection()
    {
        var masked = ReportDisclosure.Mask(ReportFixture.Create(), Threshold, showsSmall: true, detailAtTotalOnly: true);
        const string total = ReportDisclosure.TotalNode;

        // 104: 2 men active (small), so the 5 women too (7 − 5 = 2); 1 + 1 ended, 2 + 1 new.
        Assert.True(masked.IsMasked("intervention:104", "active", "men"));
        Assert.True(masked.IsMasked("intervention:104", "active", "women"));
        Assert.True(masked.IsMasked("intervention:104", "new", "all"));
        Assert.True(masked.IsMasked("intervention:104", "ended", "women"));
        // 3 new, 2 + 1: read "<5". I1's men succeeded 3 times: "<5", and the women's 6 masked beside it (9 − 3).
        Assert.True(masked.IsShownSmall("intervention:104", "new", "all"));
        Assert.True(masked.IsShownSmall(total, "indicator:I1:numerator", "men"));
        Assert.True(masked.IsMasked(total, "indicator:I1:numerator", "women"));
        Assert.False(masked.IsMasked(total, "indicator:I1:numerator", "all"));

        // Exit reasons at the total: 18 planned completions, 4 discontinued. The 4 is under 5, so it is grouped
        // with the next smallest reason, the 18, until the group reaches 5: one "Övriga" of 22, no code of its own.
        var table = ReportDisclosure.Table(ReportFixture.Create(), detailAtTotalOnly: true, groupBelow: Threshold);
        Assert.False(table.Contains(ReportDisclosure.Key(total, "exitReason:Discontinued", "all")));
        Assert.False(table.Contains(ReportDisclosure.Key(total, "exitReason:PlannedCompletion", "all")));
        Assert.Equal(22, table.Values[table.IndexOf(ReportDisclosure.Key(total, $"exitReason:{ReportDisclosure.OtherCode}", "all"))]);
        // "Övriga" is all 22 exits: masked exactly when the exits are.
        Assert.Equal(masked.IsMasked(total, "ended", "all"), masked.IsMasked(total, $"exitReason:{ReportDisclosure.OtherCode}", "all"));

        // Large counts with no tie to a masked one stay visible: 34 new (18 women, 16 men), I2's 13 of 27.
        Assert.False(masked.IsMasked(total, "new", "all"));
        Assert.False(masked.IsMasked(total, "new", "women"));
        Assert.False(masked.IsMasked(total, "indicator:I2:denominator", "all"));
        // The 81 active are masked; year to date 199 participants = 81 active + 118 count-only, so the
        // 199 and the 118 are never both shown.
        Assert.True(masked.IsMasked(total, "active", "all"));
        Assert.True(masked.IsMasked(total, ReportDisclosure.ParticipantsYear, "all") || masked.IsMasked(total, "countOnly", "all"));
    }

    [Fact]
    public void YearToDate_ParticipantsThisYear_DoNotGiveAwayTheMaskedActiveCounts()
    {
        // The tie is in the model: year to date, participants this year = active + count-only on every line.
        var report = ReportFixture.Create();
        Assert.Equal(ReportMode.YearToDate, report.Header.Mode);
        var table = ReportDisclosure.Table(report, detailAtTotalOnly: true, groupBelow: Threshold);
        foreach (var (_, node) in Nodes(report))
        {
            Assert.True(HasRelation(table, ReportDisclosure.Key(node, ReportDisclosure.ParticipantsYear, "all"),
                ReportDisclosure.Key(node, "active", "all"), ReportDisclosure.Key(node, "countOnly", "all")), $"{node}: no participants = active + count-only");
        }

        // 104: 7 active masked, its 7 participants this year masked with them; the association: 199 = 81 + 118, the 81 masked.
        var masked = ReportDisclosure.Mask(report, Threshold, showsSmall: true, detailAtTotalOnly: true);
        Assert.True(masked.IsMasked("intervention:104", "active", "all"));
        Assert.True(masked.IsMasked("intervention:104", ReportDisclosure.ParticipantsYear, "all"));
        Assert.True(masked.IsMasked(ReportDisclosure.TotalNode, "active", "all"));
        Assert.Empty(Leaks(report, table));

        // For the period the participants are not the period's active ones: no such tie.
        var period = report with { Header = report.Header with { Mode = ReportMode.Period } };
        var periodTable = ReportDisclosure.Table(period, detailAtTotalOnly: true, groupBelow: Threshold);
        Assert.False(HasRelation(periodTable, ReportDisclosure.Key(ReportDisclosure.TotalNode, ReportDisclosure.ParticipantsYear, "all"),
            ReportDisclosure.Key(ReportDisclosure.TotalNode, "active", "all"), ReportDisclosure.Key(ReportDisclosure.TotalNode, "countOnly", "all")));
    }

    [Fact]
    public void IndicatorDenominator_DoesNotGiveAwayTheMaskedExits()
    {
        // I1 counts every exit (12 women, 10 men, 22): its denominator is tied to the exits, gender by gender;
        // I2 (27 exits a year earlier) is not.
        var report = ReportFixture.Create();
        var table = ReportDisclosure.Table(report, detailAtTotalOnly: true, groupBelow: Threshold);
        var masked = ReportDisclosure.Mask(report, Threshold, showsSmall: true, detailAtTotalOnly: true);
        const string total = ReportDisclosure.TotalNode;
        foreach (var gender in new[] { "women", "men", "all" })
        {
            Assert.True(HasRelation(table, ReportDisclosure.Key(total, "ended", gender), ReportDisclosure.Key(total, "indicator:I1:denominator", gender)), gender);
            Assert.False(HasRelation(table, ReportDisclosure.Key(total, "ended", gender), ReportDisclosure.Key(total, "indicator:I2:denominator", gender)), gender);
            Assert.Equal(masked.IsMasked(total, "ended", gender), masked.IsMasked(total, "indicator:I1:denominator", gender));
        }

        Assert.Empty(Leaks(report, table));
    }

    [Fact]
    public void Grouped_CodesUnderTheThreshold_AreOneOvrigaOfAtLeastTheThreshold()
    {
        static CodeCount C(string code, int count) => new(code, code, count);
        static string[] Shown(IReadOnlyList<CodeCount> codes) => [.. codes.Select(c => $"{c.Code} {c.Count}")];

        // All at least 5: as they are (zeros left out).
        Assert.Equal(["A 12", "B 5", "C 7"], Shown(ReportDisclosure.Grouped([C("A", 12), C("B", 5), C("C", 7), C("D", 0)], 5)));
        // One small (2) with the next smallest (5): 7 ≥ 5, the 12 and the 9 stay.
        Assert.Equal(["A 12", "C 9", "Grouped 7"], Shown(ReportDisclosure.Grouped([C("A", 12), C("B", 5), C("C", 9), C("D", 2)], 5)));
        // Two small (1, 3) already make 4: still under 5, so the next smallest (6) joins them; the 20 stays.
        Assert.Equal(["A 20", "Grouped 10"], Shown(ReportDisclosure.Grouped([C("A", 20), C("B", 6), C("C", 1), C("D", 3)], 5)));
        // The fixture's reasons: 4 discontinued with the 18 planned completions, nothing left beside them.
        Assert.Equal(["Grouped 22"], Shown(ReportDisclosure.Grouped([C("PlannedCompletion", 18), C("Discontinued", 4)], 5)));
        // All small: one "Övriga" of them all, however small the sum.
        var all = ReportDisclosure.Grouped([C("A", 1), C("B", 2), C("C", 1)], 5);
        Assert.Equal(["Grouped 4"], Shown(all));
        Assert.Equal((ReportDisclosure.OtherCode, "Övriga"), (all[0].Code, all[0].Label));
        // The real code "Other" (a reason and an occupation) among the small ones: inside the group, not confused with it.
        Assert.Equal(["A 12", "Grouped 5"], Shown(ReportDisclosure.Grouped([C("A", 12), C("Other", 3), C("B", 2)], 5)));
        // No threshold: as they are.
        Assert.Equal(["A 1", "B 2"], Shown(ReportDisclosure.Grouped([C("A", 1), C("B", 2)], 0)));
    }

    private static bool HasRelation(AdditiveTable table, string total, params string[] parts)
    {
        var t = table.IndexOf(total);
        var p = parts.Select(table.IndexOf).Order().ToList();
        return table.Relations.Any(r => r.Total == t && r.Parts.Order().SequenceEqual(p));
    }

    private static IReadOnlyList<string> Leaks(TertialReport report, AdditiveTable table)
    {
        var cells = ReportDisclosure.Mask(report, Threshold, showsSmall: true, detailAtTotalOnly: true);
        var masked = cells.Keys.Select(table.IndexOf).ToHashSet();
        return [.. Recoverability.Find(table, masked, Threshold, cells.ShownSmall.Select(table.IndexOf).ToHashSet()).Select(i => table.Keys[i])];
    }

    private static void AssertMaskingHolds(TertialReport report)
    {
        var table = ReportDisclosure.Table(report, detailAtTotalOnly: true, groupBelow: Threshold);
        var cells = ReportDisclosure.Mask(report, Threshold, showsSmall: true, detailAtTotalOnly: true);
        var masked = cells.Keys.Select(table.IndexOf).ToHashSet();
        Assert.Subset(cells.Keys.ToHashSet(), cells.ShownSmall.ToHashSet());

        for (var i = 0; i < table.Count; i++)
        {
            if (cells.ShownSmall.Contains(table.Keys[i]))
            {
                Assert.True(table.Values[i] is > 0 and < Threshold, $"{table.Keys[i]} = {table.Values[i]} reads \"<5\"");
            }

            if (table.Values[i] is > 0 and < Threshold)
            {
                Assert.True(masked.Contains(i), $"small count {table.Keys[i]} = {table.Values[i]} shown");
            }

            if (table.Values[i] == 0)
            {
                Assert.False(masked.Contains(i), $"zero {table.Keys[i]} masked");
            }
        }

        Assert.Empty(Recoverability.Find(table, masked, Threshold, cells.ShownSmall.Select(table.IndexOf).ToHashSet()).Select(i => table.Keys[i]));

        // Independently of the rule's algebra: no relation leaves a single masked member (found by one subtraction).
        foreach (var relation in table.Relations)
        {
            var hidden = relation.Members.Where(masked.Contains).Distinct().ToList();
            Assert.True(hidden.Count != 1, $"{table.Keys[hidden.FirstOrDefault()]} is the only masked member of the sum for {table.Keys[relation.Total]}");
        }
    }

    /// <summary>Every count cell of the board's tables, against the model's key and the exact value.</summary>
    private static void AssertPresentationMatchesModel(TertialReport report)
    {
        var table = ReportDisclosure.Table(report, detailAtTotalOnly: true, groupBelow: Threshold);
        var cells = ReportDisclosure.Mask(report, Threshold, showsSmall: true, detailAtTotalOnly: true);
        var keys = cells.Keys;
        var presentation = PresentationReading.Present(report, ReportStatus.Draft, ReportAudience.Board, Threshold);
        var checkedKeys = new HashSet<string>();

        void Count(TableCell cell, string key, string where)
        {
            var value = table.Values[table.IndexOf(key)];
            if (cell.IsEmpty)
            {
                Assert.True(value == 0 && !keys.Contains(key), $"{where}: empty cell for {key} = {value}");
                return;
            }

            checkedKeys.Add(key);
            if (keys.Contains(key))
            {
                Assert.True(cell.IsHidden(), $"{where}: {key} is masked but shown as {cell.Display()}");
                // "<5" where the model shows the small count as such (MaskedCells.ShownSmall), else "x".
                Assert.Equal(cells.ShownSmall.Contains(key) ? "<5" : "x", cell.Text);
            }
            else
            {
                Assert.False(cell.IsHidden(), $"{where}: {key} is not masked but shown as {cell.Text}");
                Assert.Equal(value, cell.Number);
            }
        }

        void Rate(TableCell cell, bool hidden, string where)
        {
            if (!cell.IsEmpty)
            {
                Assert.True(hidden == cell.IsHidden(), $"{where}: rate hidden {cell.IsHidden()}, its counts masked {hidden}");
            }
        }

        bool Masked(string node, string measure, string gender = "all") => keys.Contains(ReportDisclosure.Key(node, measure, gender));

        var nodes = Nodes(report);
        var participants = presentation.Part("deltagare").Table;
        var gendered = presentation.Part("kon").Table;
        var economy = presentation.Part("ekonomi").Table;
        foreach (var t in new[] { participants, gendered, economy })
        {
            Assert.Equal(nodes.Select(n => n.Name), t.Lines().Select(r => r.Cells[0].Display()));
        }

        (string Heading, string Women, string Men, string Measure)[] measures =
        [
            ("Aktiva", "Aktiva kvinnor", "Aktiva män", "active"), ("Nya", "Nya kvinnor", "Nya män", "new"),
            ("Avslutade", "Avslutade kvinnor", "Avslutade män", "ended"),
            ("Pågående vid periodens slut", "Pågående kvinnor vid periodens slut", "Pågående män vid periodens slut", "ongoing"),
        ];
        foreach (var ((name, node), k) in nodes.Select((n, k) => (n, k)))
        {
            var row = participants.Lines().ElementAt(k);
            foreach (var (heading, women, men, measure) in measures)
            {
                Count(row.Cells[participants.Column(heading)], ReportDisclosure.Key(node, measure, "all"), $"{name} {heading}");
                Count(gendered.Lines().ElementAt(k).Cells[gendered.Column(women)], ReportDisclosure.Key(node, measure, "women"), $"{name} {women}");
                Count(gendered.Lines().ElementAt(k).Cells[gendered.Column(men)], ReportDisclosure.Key(node, measure, "men"), $"{name} {men}");
            }

            Count(row.Cells[participants.Column("Antal i år (volyminsats)")], ReportDisclosure.Key(node, "countOnly", "all"), $"{name} volyminsats");
            Count(gendered.Lines().ElementAt(k).Cells[gendered.Column("Volyminsats kvinnor i år")], ReportDisclosure.Key(node, "countOnly", "women"), $"{name} volyminsats kvinnor");
            Count(gendered.Lines().ElementAt(k).Cells[gendered.Column("Volyminsats män i år")], ReportDisclosure.Key(node, "countOnly", "men"), $"{name} volyminsats män");
            Rate(row.Cells[participants.Column("% av plan")], Masked(node, "active"), $"{name} % av plan");
            Rate(row.Cells[participants.Column("% av årsplan (volyminsats)")], Masked(node, "countOnly"), $"{name} % av årsplan");

            var money = economy.Lines().ElementAt(k);
            Count(money.Cells[economy.Column("Deltagare i år")], ReportDisclosure.Key(node, ReportDisclosure.ParticipantsYear, "all"), $"{name} deltagare i år");
            Rate(money.Cells[economy.Column("Kostnad per deltagare (kr)")], Masked(node, ReportDisclosure.ParticipantsYear), $"{name} kostnad per deltagare");
        }

        var total = ReportDisclosure.TotalNode;
        if (ReportDisclosure.HasReferrals(report.Total.Referrals))
        {
            var referrals = presentation.Part("anvisningar").Table;
            Assert.Equal(nodes.Select(n => n.Name), referrals.Lines().Select(r => r.Cells[0].Display()));
            foreach (var ((name, node), k) in nodes.Select((n, k) => (n, k)))
            {
                var row = referrals.Lines().ElementAt(k);
                foreach (var (heading, measure, gender) in new[]
                         {
                             ("Mottagna kvinnor", "referral:received", "women"), ("Mottagna män", "referral:received", "men"),
                             ("Mottagna totalt", "referral:received", "all"), ("Påbörjade", "referral:started", "all"),
                             ("Avböjda", "referral:declined", "all"), ("Återkallade", "referral:withdrawn", "all"),
                             ("Väntande vid periodens slut", ReportDisclosure.ReferralsWaiting, "all"),
                         })
                {
                    Count(row.Cells[referrals.Column(heading)], ReportDisclosure.Key(node, measure, gender), $"{name} {heading}");
                }
            }

            // Per intervention and subtotal: received by party, women and men, and declined by reason.
            var perPart = presentation.Part("anvisningar-per-part").Table;
            Assert.Equal(nodes.Select(n => n.Name), perPart.Lines().Select(r => r.Cells[0].Display()));
            foreach (var ((name, node), k) in nodes.Select((n, k) => (n, k)))
            {
                var row = perPart.Lines().ElementAt(k);
                foreach (var party in report.Total.Referrals!.ReceivedByParty.Where(p => p.Count.Total > 0))
                {
                    foreach (var (suffix, gender) in new[] { ("kvinnor", "women"), ("män", "men") })
                    {
                        var key = ReportDisclosure.Key(node, ReportDisclosure.ReferralMeasure("received", party.Code), gender);
                        var cell = row.Cells[perPart.Column($"{party.Label}: {suffix}")];
                        if (table.Contains(key))
                        {
                            Count(cell, key, $"{name} {party.Label} {suffix}");
                        }
                        else
                        {
                            Assert.Equal(0, cell.Number);
                        }
                    }
                }

                foreach (var reason in report.Total.Referrals.DeclinedByReason.Where(r => r.Count > 0))
                {
                    var key = ReportDisclosure.Key(node, ReportDisclosure.ReferralMeasure("declined", reason.Code), "all");
                    var cell = row.Cells[perPart.Column($"Avböjd: {reason.Label}")];
                    if (table.Contains(key))
                    {
                        Count(cell, key, $"{name} avböjd {reason.Label}");
                    }
                    else
                    {
                        Assert.Equal(0, cell.Number);
                    }
                }
            }

            var parties = presentation.Part("anvisande-parter").Table;
            var shownParties = report.Total.Referrals!.ReceivedByParty.Where(p => p.Count.Total > 0).ToList();
            Assert.Equal([.. shownParties.Select(p => p.Label), "Mottagna totalt"], parties.Lines().Select(r => r.Cells[0].Display()));
            foreach (var (party, k) in shownParties.Select((p, k) => (p, k)))
            {
                foreach (var (heading, gender) in new[] { ("Kvinnor", "women"), ("Män", "men"), ("Totalt", "all") })
                {
                    Count(parties.Lines().ElementAt(k).Cells[parties.Column(heading)],
                        ReportDisclosure.Key(total, ReportDisclosure.ReferralMeasure("received", party.Code), gender), $"{party.Label} {heading}");
                }
            }

            var reasons = presentation.Part("avbojda-anvisningar").Table;
            var shownReasons = report.Total.Referrals.DeclinedByReason.Where(r => r.Count > 0).ToList();
            foreach (var (reason, k) in shownReasons.Select((r, k) => (r, k)))
            {
                Count(reasons.Lines().ElementAt(k).Cells[1], ReportDisclosure.Key(total, ReportDisclosure.ReferralMeasure("declined", reason.Code), "all"), reason.Label);
            }

            Count(reasons.Lines().Last().Cells[1], ReportDisclosure.Key(total, "referral:declined", "all"), "avböjda totalt");
        }

        foreach (var (id, measure, codes) in new[] { ("avslutsorsaker", "exitReason", report.Total.ExitsByReason), ("sysselsattning", "occupationAtExit", report.Total.OccupationAtExit) })
        {
            var breakdown = presentation.Part(id).Table;
            // The board's codes: those under the threshold grouped as "Övriga".
            var shownCodes = ReportDisclosure.Grouped(codes, Threshold);
            Assert.Equal([.. shownCodes.Select(c => c.Label), "Avslutade totalt"], breakdown.Lines().Select(r => r.Cells[0].Display()));
            foreach (var (code, k) in shownCodes.Select((c, k) => (c, k)))
            {
                var row = breakdown.Lines().ElementAt(k);
                Count(row.Cells[1], ReportDisclosure.Key(total, $"{measure}:{code.Code}", "all"), $"{id} {code.Label}");
                Rate(row.Cells[2], Masked(total, $"{measure}:{code.Code}") || Masked(total, "ended"), $"{id} {code.Label} andel");
            }

            Count(breakdown.Lines().Last().Cells[1], ReportDisclosure.Key(total, "ended", "all"), $"{id} totalt");
        }

        var indicators = presentation.Part("indikatorer").Table;
        foreach (var indicator in presentation.Indicators)
        {
            var row = indicators.Lines().Single(r => r.Cells[0].Display().StartsWith(indicator.Code + " ", StringComparison.Ordinal));
            Count(row.Cells[indicators.Column("Nått målet")], ReportDisclosure.Key(total, $"indicator:{indicator.Code}:numerator", "all"), $"{indicator.Code} täljare");
            Count(row.Cells[indicators.Column("Avslut")], ReportDisclosure.Key(total, $"indicator:{indicator.Code}:denominator", "all"), $"{indicator.Code} nämnare");
            foreach (var (gender, rate) in new[] { ("all", indicator.Total), ("women", indicator.Women), ("men", indicator.Men) })
            {
                Count(Shown(rate.NumeratorText), ReportDisclosure.Key(total, $"indicator:{indicator.Code}:numerator", gender), $"{indicator.Code} täljare {gender}");
                Count(Shown(rate.DenominatorText), ReportDisclosure.Key(total, $"indicator:{indicator.Code}:denominator", gender), $"{indicator.Code} nämnare {gender}");
                Assert.Equal(rate.Rate is null && rate.RateText == "x",
                    Masked(total, $"indicator:{indicator.Code}:numerator", gender) || Masked(total, $"indicator:{indicator.Code}:denominator", gender));
            }

            foreach (var (gender, heading) in new[] { ("all", "Andel totalt (%)"), ("women", "Andel kvinnor (%)"), ("men", "Andel män (%)") })
            {
                Rate(row.Cells[indicators.Column(heading)],
                    Masked(total, $"indicator:{indicator.Code}:numerator", gender) || Masked(total, $"indicator:{indicator.Code}:denominator", gender),
                    $"{indicator.Code} {heading}");
            }
        }

        static TableCell Shown(string text) => long.TryParse(text.Plain().Replace(" ", string.Empty, StringComparison.Ordinal), out var n)
            ? TableCell.OfInteger(n)
            : TableCell.OfHidden(CellKind.Integer, text);

        // Every masked count of the model is one the board's tables show as masked.
        Assert.Equal([], [.. keys.Where(k => !checkedKeys.Contains(k)).Order()]);
    }

    /// <summary>The table lines in reading order, with their disclosure nodes; empty categories and orientations left out as the presentation does.</summary>
    private static List<(string Name, string Node)> Nodes(TertialReport report)
    {
        var nodes = new List<(string, string)>();
        foreach (var section in report.Sections)
        {
            var categories = section.Categories.Where(c => c.Interventions.Count > 0).ToList();
            if (categories.Count == 0)
            {
                continue;
            }

            foreach (var category in categories)
            {
                nodes.AddRange(category.Interventions.Select(r => (r.Name, ReportDisclosure.Row(r))));
                nodes.Add(($"Delsumma {category.Label}", ReportDisclosure.Category(category)));
            }

            var title = section.Orientation == Orientation.IndividualFocused ? "individinriktade insatser" : "strukturövergripande insatser";
            nodes.Add(($"Delsumma {title}", ReportDisclosure.Section(section)));
        }

        nodes.Add(("Totalt för förbundet", ReportDisclosure.TotalNode));
        return nodes;
    }
}

/// <summary>
/// A consistent random report (seeded): individual interventions with counts from 0 to a dozen
/// (many small ones), count-only interventions, subtotals as sums, exits split by reason and
/// occupation, two indicators at the association's total. Year to date: participants this year
/// are the active plus the counted.
/// </summary>
internal static class RandomReport
{
    private static readonly DateOnly From = new(2025, 1, 1);
    private static readonly DateOnly To = new(2025, 8, 31);

    public static TertialReport Create(int seed)
    {
        var random = new Random(seed);
        var id = 1L;
        var individual = new List<ReportCategory>();
        foreach (var (category, label) in new[]
        {
            (InterventionCategory.Mapping, "Kartläggning"),
            (InterventionCategory.RehabilitationToWorkOrStudies, "Rehabilitering till arbete eller utbildning"),
        }.Take(random.Next(1, 3)))
        {
            var rows = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Individual(random, id++)).ToList();
            individual.Add(new ReportCategory(category, label, rows, Sum(rows.Select(r => r.Figures))));
        }

        var structural = new List<ReportCategory>();
        foreach (var (category, label) in new[]
        {
            (InterventionCategory.Training, "Utbildning"),
            (InterventionCategory.DialogueAndCommunication, "Dialog och kommunikation"),
        }.Take(random.Next(0, 3)))
        {
            var rows = Enumerable.Range(0, random.Next(1, 3)).Select(_ => CountOnly(random, id++)).ToList();
            structural.Add(new ReportCategory(category, label, rows, Sum(rows.Select(r => r.Figures))));
        }

        List<ReportSection> sections = [new(Orientation.IndividualFocused, "Individinriktad", individual, Sum(individual.Select(c => c.Subtotal)))];
        if (structural.Count > 0)
        {
            sections.Add(new(Orientation.Structural, "Strukturövergripande", structural, Sum(structural.Select(c => c.Subtotal))));
        }

        var total = Sum(sections.Select(s => s.Subtotal));
        var ended = total.Ended.Total;
        var discontinued = random.Next(0, ended + 1);
        var employed = random.Next(0, ended + 1);
        total = total with
        {
            ExitsByReason = [new("PlannedCompletion", "Planenligt avslut", ended - discontinued), new("Discontinued", "Avbrott", discontinued)],
            OccupationAtExit = [new("Employed", "Arbete utan stöd", employed), new("JobSeeking", "Aktivt arbetssökande", ended - employed)],
            Indicators = [Indicator(random, "I1", total.Ended), Indicator(random, "I3", total.Ended)],
        };
        var header = new ReportHeader(9, "Samordningsförbundet Slump", 2025, 2, ReportMode.YearToDate, From, To,
            new DateTime(2025, 9, 5, 6, 30, 0, DateTimeKind.Utc),
            [new("I1", "Egen försörjning vid avslut", 1, MeasurementPoint.AtExit, 35), new("I3", "Stegförflyttning", 1, MeasurementPoint.AtExit, 60)],
            null, null);
        return new TertialReport(header, sections, total, []);
    }

    private static ReportRow Individual(Random random, long id)
    {
        GenderCount Ended() => GenderCount.Of(random.Next(0, 7), random.Next(0, 7));
        var ended = Ended();
        var ongoing = GenderCount.Of(random.Next(0, 12), random.Next(0, 12));
        var active = ended + ongoing;
        var started = GenderCount.Of(random.Next(0, active.Women + 1), random.Next(0, active.Men + 1));
        var figures = Figures(random.Next(5, 40), active, started, ended, ongoing, GenderCount.Zero, random.Next(100, 2000) * 1_000L, random.Next(50, 2000) * 1_000L)
            with { Referrals = Referrals(random) };
        return new ReportRow(id, $"Insats {id}", 100 + id, $"Utförare {id}", RegistrationMode.Identified, figures, null);
    }

    /// <summary>Referrals of an intervention: a few from some parties, some started, declined, withdrawn and waiting.</summary>
    private static ReferralFigures Referrals(Random random)
    {
        GenderCount Small() => GenderCount.Of(random.Next(0, 5), random.Next(0, 5));
        var parties = new[] { ReferredBy.SocialInsuranceAgency, ReferredBy.PublicEmploymentService, ReferredBy.Municipality, ReferredBy.SelfReferral }
            .Select(p => new PartyCount(p.ToString(), p.ToString(), random.Next(3) == 0 ? GenderCount.Zero : Small())).ToList();
        var reasons = new[] { DeclineReason.NoPlace, DeclineReason.DeclinedByPerson }
            .Select(r => new CodeCount(r.ToString(), r.ToString(), random.Next(0, 4))).ToList();
        return new ReferralFigures(parties, parties.Aggregate(GenderCount.Zero, (a, p) => a + p.Count), Small(), reasons, reasons.Sum(r => r.Count),
            random.Next(0, 3), Small(), null, null);
    }

    private static ReferralFigures? SumReferrals(IReadOnlyList<ReportFigures> list)
    {
        var all = list.Select(f => f.Referrals).OfType<ReferralFigures>().ToList();
        if (all.Count == 0)
        {
            return null;
        }

        GenderCount Total(Func<ReferralFigures, GenderCount> pick) => all.Aggregate(GenderCount.Zero, (sum, r) => sum + pick(r));
        var parties = all.SelectMany(r => r.ReceivedByParty).GroupBy(p => p.Code)
            .Select(g => new PartyCount(g.Key, g.Key, g.Aggregate(GenderCount.Zero, (sum, p) => sum + p.Count))).ToList();
        var reasons = all.SelectMany(r => r.DeclinedByReason).GroupBy(c => c.Code).Select(g => new CodeCount(g.Key, g.Key, g.Sum(c => c.Count))).ToList();
        return new ReferralFigures(parties, Total(r => r.Received), Total(r => r.Started), reasons, all.Sum(r => r.Declined),
            all.Sum(r => r.Withdrawn), Total(r => r.WaitingAtEnd), null, null);
    }

    private static ReportRow CountOnly(Random random, long id)
    {
        var count = GenderCount.Of(random.Next(0, 30), random.Next(0, 30));
        var figures = Figures(random.Next(10, 80), GenderCount.Zero, GenderCount.Zero, GenderCount.Zero, GenderCount.Zero, count, 50_000, random.Next(10, 90) * 1_000L);
        return new ReportRow(id, $"Volyminsats {id}", 100 + id, $"Utförare {id}", RegistrationMode.CountOnly, figures, null);
    }

    private static ReportIndicator Indicator(Random random, string code, GenderCount exits)
    {
        var dw = random.Next(0, exits.Women + 1);
        var dm = random.Next(0, exits.Men + 1);
        var women = Figure(random.Next(0, dw + 1), dw);
        var men = Figure(random.Next(0, dm + 1), dm);
        var total = Figure(women.Numerator + men.Numerator, dw + dm);
        return new ReportIndicator(code, 1, From, To, women, men, total, total.TooFew ? IndicatorStatus.TooFew : total.Met == true ? IndicatorStatus.Met : IndicatorStatus.NotMet);

        static IndicatorFigure Figure(int n, int d) =>
            new(n, d, 0, null, d == 0 ? null : Math.Round(100.0 * n / d, 1), null, null, 40, d < 5 ? null : n * 100m >= 40m * d, d < 5);
    }

    private static ReportFigures Figures(int planned, GenderCount active, GenderCount started, GenderCount ended, GenderCount ongoing, GenderCount countOnly, long budget, long cost)
    {
        var participants = active.Total + countOnly.Total;
        return new ReportFigures(planned, planned * 8 / 12.0, active, started, ended, ongoing, countOnly, [], [], [], budget, cost,
            Math.Round(100.0 * cost / budget, 1), participants == 0 ? null : cost / participants, participants, "Utfall ÷ deltagare");
    }

    private static ReportFigures Sum(IEnumerable<ReportFigures> parts)
    {
        var list = parts.ToList();
        GenderCount Total(Func<ReportFigures, GenderCount> pick) => list.Aggregate(GenderCount.Zero, (sum, f) => sum + pick(f));
        var budget = list.Sum(f => f.BudgetSek);
        var cost = list.Sum(f => f.ActualCostSek);
        var participants = list.Sum(f => f.CostPerParticipantDenominator);
        return new ReportFigures(list.Sum(f => f.PlannedParticipantsYear), list.Sum(f => f.PlannedParticipantsProRata),
            Total(f => f.Active), Total(f => f.New), Total(f => f.Ended), Total(f => f.OngoingAtEnd), Total(f => f.CountOnly), [], [], [],
            budget, cost, budget == 0 ? null : Math.Round(100.0 * cost / budget, 1), participants == 0 ? null : cost / participants, participants, "Utfall ÷ deltagare")
        {
            Referrals = SumReferrals(list),
        };
    }
}
