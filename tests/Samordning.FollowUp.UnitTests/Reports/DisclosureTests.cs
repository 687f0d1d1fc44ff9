using Samordning.FollowUp.Features.Reports.Disclosure;

namespace Samordning.FollowUp.UnitTests.Reports;

/// <summary>
/// The small-number rule holds: every count from 1 to threshold − 1 is masked, and no masked count
/// can be worked out from what is shown — checked by the rule's own linear algebra and, on small
/// tables, by an independent brute-force search over every assignment a reader could try.
/// </summary>
public sealed class DisclosureTests
{
    private const int Threshold = 5;

    [Fact]
    public void WomenMenTotal_OneSmall_TheOtherGenderIsMaskedToo_TheTotalStays()
    {
        var table = new AdditiveTable();
        table.Cell("all", 10);
        table.Cell("women", 3);
        table.Cell("men", 7);
        table.Sum("all", ["women", "men"]);

        var masked = Keys(table, SmallNumberSuppression.Apply(table, Threshold));

        Assert.Equal(["men", "women"], masked);
    }

    [Fact]
    public void TwoSmallPartsOfAShownTotal_WhenTheyCouldOnlyBeOneEach_AThirdPartIsMasked()
    {
        // 7 = 1 + 1 + 5: with the 5 shown, the two masked parts share 2, and a masked count is never 0.
        var table = new AdditiveTable();
        table.Cell("total", 7);
        table.Cell("a", 1);
        table.Cell("b", 1);
        table.Cell("c", 5);
        table.Sum("total", ["a", "b", "c"]);

        var masked = Keys(table, SmallNumberSuppression.Apply(table, Threshold));

        Assert.Equal(["a", "b", "c"], masked);
    }

    [Fact]
    public void Subtotals_AMaskedCategoryCannotBeRecoveredFromTheSectionMinusTheOtherCategory()
    {
        // The observed leak: "Delsumma individinriktade 57" − "Delsumma Förberedande 56" = the masked 1.
        var table = new AdditiveTable();
        table.Cell("section", 57);
        table.Cell("preparatory", 56);
        table.Cell("mapping", 1);
        table.Cell("preparatory/a", 30);
        table.Cell("preparatory/b", 26);
        table.Cell("mapping/c", 1);
        table.Sum("section", ["preparatory", "mapping"]);
        table.Sum("preparatory", ["preparatory/a", "preparatory/b"]);
        table.Sum("mapping", ["mapping/c"]);

        var masked = SmallNumberSuppression.Apply(table, Threshold);

        Assert.Contains(table.IndexOf("mapping"), masked);
        Assert.Contains(table.IndexOf("preparatory"), masked);
        Assert.Empty(Recoverability.Find(table, masked));
        AssertNoneRecoverableByBruteForce(table, masked);
    }

    [Fact]
    public void TheFixtureReport_EverySmallCountMasked_NothingRecoverable()
    {
        var report = ReportFixture.Create(extraInterventions: 3);
        var table = ReportDisclosure.Table(report);

        var cells = ReportDisclosure.Mask(report, Threshold);

        var masked = cells.Keys.Select(table.IndexOf).ToHashSet();
        for (var i = 0; i < table.Count; i++)
        {
            if (table.Values[i] is > 0 and < Threshold)
            {
                Assert.Contains(table.Keys[i], cells.Keys);
            }
        }

        Assert.Empty(Recoverability.Find(table, masked));
        Assert.True(cells.IsMasked("intervention:104", "ended", "women"), "1 woman ended in intervention 104");
        // Large counts tied to no masked one stay visible: the association's 40 new (34 + 3 × 2).
        Assert.False(cells.IsMasked(ReportDisclosure.TotalNode, "new", "all"), "the association's new participants are many");
        // The association's active participants are masked (in the same sums as the masked exits: active = ended
        // + ongoing); year to date, participants this year = active + count-only, so those two are never both shown.
        Assert.True(cells.IsMasked(ReportDisclosure.TotalNode, "active", "all"));
        Assert.True(cells.IsMasked(ReportDisclosure.TotalNode, ReportDisclosure.ParticipantsYear, "all") || cells.IsMasked(ReportDisclosure.TotalNode, "countOnly", "all"),
            "199 participants this year − 118 count-only would give the masked active count away");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomTables_NoMaskedCountCanBeFoundByAnyAssignmentSearch(int seed)
    {
        var table = RandomTable(new Random(seed));

        var masked = SmallNumberSuppression.Apply(table, Threshold);

        for (var i = 0; i < table.Count; i++)
        {
            Assert.True(!SmallNumberSuppression.IsSmall(table.Values[i], Threshold) || masked.Contains(i), table.Keys[i]);
        }

        AssertNoneRecoverableByBruteForce(table, masked);
    }

    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 40)];

    /// <summary>
    /// The reader's view, independent of the rule's algebra: every assignment of whole numbers
    /// (≥ 1, since zeros are shown) to the masked cells that satisfies every sum. A masked cell is
    /// safe only when some such assignment gives it another value than its true one.
    /// </summary>
    private static void AssertNoneRecoverableByBruteForce(AdditiveTable table, IReadOnlySet<int> masked)
    {
        var cells = masked.Order().ToList();
        // Beyond every true value: a masked total whose parts are masked too may be larger than any count shown.
        var max = table.Values.Sum() + 1;
        var seen = cells.ToDictionary(c => c, _ => new HashSet<long>());
        var value = new Dictionary<int, long>();
        for (var i = 0; i < table.Count; i++)
        {
            if (!masked.Contains(i))
            {
                value[i] = table.Values[i];
            }
        }

        Search(0);
        var recoverable = cells.Where(c => seen[c].Count < 2).Select(c => table.Keys[c]).ToList();
        Assert.True(recoverable.Count == 0, "A reader can work out: " + string.Join(", ", recoverable));

        void Search(int next)
        {
            if (!Consistent())
            {
                return;
            }

            if (next == cells.Count)
            {
                foreach (var c in cells)
                {
                    seen[c].Add(value[c]);
                }

                return;
            }

            var cell = cells[next];
            if (cells.All(c => seen[c].Count >= 2))
            {
                return;
            }

            for (long v = 1; v <= max; v++)
            {
                value[cell] = v;
                Search(next + 1);
            }

            value.Remove(cell);
        }

        bool Consistent()
        {
            foreach (var relation in table.Relations)
            {
                var members = relation.Members.ToList();
                if (members.All(value.ContainsKey))
                {
                    if (relation.Parts.Sum(p => value[p]) != value[relation.Total])
                    {
                        return false;
                    }
                }
                else if (value.TryGetValue(relation.Total, out var total) && relation.Parts.Where(value.ContainsKey).Sum(p => value[p]) > total)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>A category of two or three interventions, each with women, men and all, summed upwards.</summary>
    private static AdditiveTable RandomTable(Random random)
    {
        var table = new AdditiveTable();
        var rows = random.Next(2, 4);
        var women = Enumerable.Range(0, rows).Select(_ => (long)Pick(random)).ToArray();
        var men = Enumerable.Range(0, rows).Select(_ => (long)Pick(random)).ToArray();
        table.Cell("category/women", women.Sum());
        table.Cell("category/men", men.Sum());
        table.Cell("category/all", women.Sum() + men.Sum());
        table.Sum("category/all", ["category/women", "category/men"]);
        for (var r = 0; r < rows; r++)
        {
            table.Cell($"row{r}/women", women[r]);
            table.Cell($"row{r}/men", men[r]);
            table.Cell($"row{r}/all", women[r] + men[r]);
            table.Sum($"row{r}/all", [$"row{r}/women", $"row{r}/men"]);
        }

        foreach (var gender in new[] { "women", "men", "all" })
        {
            table.Sum($"category/{gender}", Enumerable.Range(0, rows).Select(r => $"row{r}/{gender}"));
        }

        return table;

        // Mostly small counts, some zeros and a few large ones: the cases that leak.
        static int Pick(Random random) => random.Next(10) switch
        {
            < 2 => 0,
            < 7 => random.Next(1, Threshold),
            _ => random.Next(Threshold, 9),
        };
    }

    private static List<string> Keys(AdditiveTable table, IReadOnlySet<int> masked) =>
        [.. masked.Select(i => table.Keys[i]).Order(StringComparer.Ordinal)];
}
