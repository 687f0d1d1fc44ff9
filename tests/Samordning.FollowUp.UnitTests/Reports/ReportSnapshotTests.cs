using Samordning.FollowUp.Features.Reports;

namespace Samordning.FollowUp.UnitTests.Reports;

/// <summary>What counts as a restatement between an adopted report and today's figures.</summary>
public sealed class ReportSnapshotTests
{
    [Fact]
    public void AReportAdoptedBeforeReferralsWereReported_IsNoRestatementForHavingNone()
    {
        var current = ReportFixture.Create();
        Assert.NotNull(current.Total.Referrals);
        // As kept before issue 19: the same figures, no referrals anywhere.
        var adopted = ReportSnapshots.Deserialize(ReportSnapshots.Serialize(WithoutReferrals(current)));

        Assert.Empty(ReportSnapshots.Compare(adopted, current));
    }

    [Fact]
    public void AReportAdoptedWithReferrals_ShowsAChangedReferralCount()
    {
        var adopted = ReportFixture.Create();
        var total = adopted.Total.Referrals!;
        var current = adopted with { Total = adopted.Total with { Referrals = total with { Withdrawn = total.Withdrawn + 1 } } };

        var difference = Assert.Single(ReportSnapshots.Compare(adopted, current));
        Assert.Equal("total.referrals.withdrawn", difference.Path);
        Assert.Equal((total.Withdrawn.ToString(System.Globalization.CultureInfo.InvariantCulture), (total.Withdrawn + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (difference.Adopted, difference.Current));
    }

    private static TertialReport WithoutReferrals(TertialReport report) => report with
    {
        Sections = [.. report.Sections.Select(s => s with
        {
            Subtotal = s.Subtotal with { Referrals = null },
            Categories = [.. s.Categories.Select(c => c with
            {
                Subtotal = c.Subtotal with { Referrals = null },
                Interventions = [.. c.Interventions.Select(r => r with { Figures = r.Figures with { Referrals = null } })],
            })],
        })],
        Total = report.Total with { Referrals = null },
    };
}
