using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Indicators;

/// <summary>The tertials that have ended before today, oldest first.</summary>
internal static class PreviewPeriods
{
    public static List<(int Year, int Tertial)> EndedTertials(DateOnly today, int count)
    {
        var (year, tertial) = (today.Year, Tertials.Of(today));
        var periods = new List<(int Year, int Tertial)>();
        while (periods.Count < count)
        {
            (year, tertial) = tertial == 1 ? (year - 1, 3) : (year, tertial - 1);
            periods.Insert(0, (year, tertial));
        }

        return periods;
    }
}
