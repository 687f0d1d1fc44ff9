using Samordning.FollowUp.Features.Reports;

namespace Samordning.FollowUp.UnitTests.Reports;

/// <summary>The days from referral to start in the report: the median and the 90th percentile (issue 19).</summary>
public sealed class WaitPercentilesTests
{
    private static (double? Median, int? P90) Of(params int[] days) => WaitPercentiles.Of(days.Select(d => (d, 1)));

    [Fact]
    public void OddCount_TheMiddleValue()
    {
        // 3, 10, 92 sorted from 92, 10, 3: the middle is 10; ⌈0.9·3⌉ = the 3rd, 92.
        Assert.Equal((10.0, 92), Of(92, 10, 3));
    }

    [Fact]
    public void EvenCount_TheMeanOfTheTwoMiddleValues()
    {
        // 0, 10, 30, 92: (10 + 30) / 2 = 20; ⌈3.6⌉ = the 4th, 92.
        Assert.Equal((20.0, 92), Of(30, 0, 92, 10));
        // 5 and 8: 6.5 days, half a day shown as such.
        Assert.Equal((6.5, 8), Of(5, 8));
    }

    [Fact]
    public void Ties_CountEachPersonOnce_FromTheHistogram()
    {
        // Seven people: 2, 2, 2, 2, 9, 9, 40 → the 4th is 2; ⌈6.3⌉ = the 7th, 40.
        Assert.Equal((2.0, 40), WaitPercentiles.Of([(9, 2), (2, 4), (40, 1)]));
        // Ten people, the same day twice in the list: 1×4, 3×4, 7, 50 → (3 + 3) / 2 = 3; the 9th is 7.
        Assert.Equal((3.0, 7), WaitPercentiles.Of([(1, 4), (3, 1), (3, 3), (7, 1), (50, 1)]));
        // Everyone the same day.
        Assert.Equal((14.0, 14), WaitPercentiles.Of([(14, 6)]));
    }

    [Fact]
    public void NinetiethPercentile_IsTheNearestRank()
    {
        // Ten: the 9th; twenty: the 18th; one: that one.
        Assert.Equal(9, Of([.. Enumerable.Range(1, 10)]).P90);
        Assert.Equal(18, Of([.. Enumerable.Range(1, 20)]).P90);
        Assert.Equal((0.0, 0), Of(0));
        // Eleven: ⌈9.9⌉ = the 10th.
        Assert.Equal(10, Of([.. Enumerable.Range(1, 11)]).P90);
    }

    [Fact]
    public void NobodyStarted_NoFigure()
    {
        Assert.Equal((null, null), WaitPercentiles.Of([]));
        Assert.Equal((null, null), WaitPercentiles.Of([(12, 0)]));
    }
}
