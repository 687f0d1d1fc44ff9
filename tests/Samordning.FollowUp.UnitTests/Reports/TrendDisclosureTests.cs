using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Disclosure;
using Samordning.FollowUp.Features.Reports.Presentation;
using Samordning.FollowUp.Features.Reports.Trends;

namespace Samordning.FollowUp.UnitTests.Reports;

/// <summary>
/// The trend beside the report is masked by the same rule: year to date is the sum of the year's
/// tertials, so a small tertial cannot be worked out as "year to date minus the other tertials".
/// </summary>
public sealed class TrendDisclosureTests
{
    private const int Threshold = 5;

    private static TrendPoint Point(int year, int tertial, int @new, int ended, int active = 40) => new(
        year, tertial, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), Adopted: false, IsSameTertialLastYear: false,
        GenderCount.Of(active / 2, active - (active / 2)), GenderCount.Of(@new, 0), GenderCount.Of(ended, 0), 30, []);

    /// <summary>
    /// The fixture's report is year to date T2 2025 (its total is the "hittills 2025" point). The
    /// tertial T1 2025 had 3 new participants (small), T2 2025 had 20: a reader who sees 23 for the
    /// year and 20 for T2 would know T1's 3, and the other way round.
    /// </summary>
    private static (TertialReport Report, ReportTrend Trend) Arrange()
    {
        var report = ReportFixture.Create();
        var total = report.Total;
        var t1 = Point(2025, 1, 3, 9);
        var t2 = Point(2025, 2, total.New.Total - 3, total.Ended.Total - 9);
        var ytd = Point(2025, 2, total.New.Total, total.Ended.Total) with
        {
            Active = total.Active,
            Indicators = [.. total.Indicators.Select(i => new TrendIndicator(i.Code, i.Code, i.DefinitionVersion, 35, i.Total, i.Status))],
        };
        var trend = new ReportTrend(
            [Point(2024, 1, 30, 30), Point(2024, 2, 30, 30), Point(2024, 3, 30, 30), t1, t2, Point(2025, 3, 0, 0, 0)],
            ytd,
            Point(2024, 2, 60, 60));
        return (report, trend);
    }

    [Fact]
    public void ASmallTertial_IsNotTheYearToDateMinusTheOtherTertial()
    {
        var (report, trend) = Arrange();
        var cells = ReportDisclosure.Mask(report, Threshold, showsSmall: true, detailAtTotalOnly: true, trend);

        Assert.True(cells.IsMasked("trend:2025-T1", "new", "all"), "T1's 3 new participants are small");
        Assert.True(cells.IsMasked("trend:2025-T2", "new", "all") || cells.IsMasked(ReportDisclosure.TotalNode, "new", "all"),
            "T2 or the year to date is masked with it");
        var table = ReportDisclosure.Table(report, detailAtTotalOnly: true, groupBelow: Threshold, trend);
        Assert.Contains(table.Relations, r => table.Keys[r.Total] == "total/new/all"
            && r.Parts.Select(p => table.Keys[p]).Order().SequenceEqual(["trend:2025-T1/new/all", "trend:2025-T2/new/all"]));
        Assert.Empty(Recoverability.Find(table, cells.Keys.Select(table.IndexOf).ToHashSet(), Threshold,
            cells.ShownSmall.Select(table.IndexOf).ToHashSet()));
    }

    [Fact]
    public void TheTrendTable_ShowsWhatTheRuleMasks()
    {
        var (report, trend) = Arrange();
        var presentation = ReportPresenter.Present(new TertialReportView(ReportStatus.Draft, report, []), ReportAudience.Board, Threshold,
            trend: trend);

        var table = presentation.Part("utveckling").Table;
        var newColumn = table.Columns.ToList().FindIndex(c => c.Heading == "Nya");
        var t1 = table.Rows.Single(r => r.Cells.Count > 0 && r.Cells[0].Display() == "T1 2025");
        Assert.Equal("<5", t1.Cells[newColumn].Display());
        var t2 = table.Rows.Single(r => r.Cells.Count > 0 && r.Cells[0].Display() == "T2 2025");
        var ytd = table.Rows.Single(r => r.Cells.Count > 0 && r.Cells[0].Display() == "Hittills 2025 (t.o.m. T2)");
        Assert.True(t2.Cells[newColumn].Number is null || ytd.Cells[newColumn].Number is null, "T2 or the year to date is hidden");

        // The office sees every figure.
        var office = ReportPresenter.Present(new TertialReportView(ReportStatus.Draft, report, []), ReportAudience.Office, Threshold,
            trend: trend).Part("utveckling").Table;
        Assert.Equal(3, office.Rows.Single(r => r.Cells.Count > 0 && r.Cells[0].Display() == "T1 2025").Cells[newColumn].Number);
    }
}
