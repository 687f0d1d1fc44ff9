using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Disclosure;

namespace Samordning.FollowUp.UnitTests.Reports;

/// <summary>
/// The masks' key hashes each report (<see cref="FigureHash"/>): the same figures must give the same
/// hash whichever instance holds them, and a figure changed anywhere, however deep, a different one.
/// A hash that missed a figure would serve a year's masks worked out for other figures.
/// </summary>
public sealed class FigureHashTests
{
    [Fact]
    public void TheSameFigures_InAnotherInstance_HashAlike()
    {
        var report = ReportFixture.Create();
        var copy = ReportSnapshots.Deserialize(ReportSnapshots.Serialize(report));

        Assert.NotSame(report, copy);
        Assert.Equal(FigureHash.Of(report), FigureHash.Of(copy));
    }

    [Fact]
    public void AFigureChangedAnywhere_HashesDifferently()
    {
        var report = ReportFixture.Create();
        var row = ReportFixture.Interventions(report).First(r => r.Figures.Referrals is not null);
        var before = Convert.ToHexString(FigureHash.Of(report));

        // A count set after construction (init-only), on one intervention's row, three levels down.
        var referrals = row.Figures.Referrals!;
        var changedReferral = Replace(report, row, row with
        {
            Figures = row.Figures with { Referrals = referrals with { Withdrawn = referrals.Withdrawn + 1 } },
        });
        // A count of one exit reason of the same row.
        var reasons = row.Figures.ExitsByReason.ToList();
        reasons[0] = reasons[0] with { Count = reasons[0].Count + 1 };
        var changedReason = Replace(report, row, row with { Figures = row.Figures with { ExitsByReason = reasons } });
        // The report's period (its header): the tertial alone instead of the year to date, or the other way.
        var otherMode = report.Header.Mode == ReportMode.Period ? ReportMode.YearToDate : ReportMode.Period;
        var changedMode = report with { Header = report.Header with { Mode = otherMode } };

        string[] hashes = [before, .. new[] { changedReferral, changedReason, changedMode }.Select(r => Convert.ToHexString(FigureHash.Of(r)))];
        Assert.Equal(hashes.Length, hashes.Distinct(StringComparer.Ordinal).Count());
    }

    private static TertialReport Replace(TertialReport report, ReportRow row, ReportRow changed) => report with
    {
        Sections = [.. report.Sections.Select(s => s with
        {
            Categories = [.. s.Categories.Select(c => c with
            {
                Interventions = [.. c.Interventions.Select(r => ReferenceEquals(r, row) ? changed : r)],
            })],
        })],
    };
}
