using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Features.Reports;

namespace Samordning.FollowUp.Api.Pages.Reports;

/// <summary>Which tertial a page shows when none is chosen, and the years offered.</summary>
public static class TertialChoice
{
    /// <summary>The most recent tertial that has ended by <paramref name="today"/> (the page's Swedish date).</summary>
    public static (int Year, int Tertial) MostRecentEnded(DateOnly today)
    {
        var current = Tertials.Of(today);
        return current == 1 ? (today.Year - 1, 3) : (today.Year, current - 1);
    }

    /// <summary>This year and the five before it, plus <paramref name="chosen"/> if it is outside them.</summary>
    public static IReadOnlyList<int> Years(DateOnly today, int? chosen)
    {
        var thisYear = today.Year;
        var years = Enumerable.Range(thisYear - 5, 6).Reverse().ToList();
        if (chosen is { } year and >= 2000 and <= 2100 && !years.Contains(year))
        {
            years.Add(year);
            years.Sort((a, b) => b.CompareTo(a));
        }

        return years;
    }

    /// <summary>"perioden" / "hittills" in the address; anything else is not a mode.</summary>
    public static ReportMode? Mode(string? value) => value?.ToLowerInvariant() switch
    {
        null or "" or "perioden" => ReportMode.Period,
        "hittills" => ReportMode.YearToDate,
        _ => null,
    };

    public static string ModeValue(ReportMode mode) => mode == ReportMode.YearToDate ? "hittills" : "perioden";
}

/// <summary>
/// Counts of people as a role may see them: exact for the office, below the association's
/// small-number threshold as "&lt;N" for everyone else (domain §7).
/// </summary>
public sealed class Counts(bool masked, int threshold)
{
    public static readonly Counts Exact = new(false, 0);

    public bool Masked => masked;

    public int Threshold => threshold;

    public string Of(long value) => masked ? SwedishFormat.Masked(value, threshold) : SwedishFormat.Number(value);

    public string Of(int value) => Of((long)value);

    public string Of(int? value) => value is { } v ? Of((long)v) : "–";

    /// <summary>True when the count is shown as "&lt;N" (so a bar or a rate must not give it away).</summary>
    public bool Hides(long value) => masked && SwedishFormat.IsSmall(value, threshold);

    /// <summary>
    /// A rate as a role may see it: hidden ("–") outside the office when the indicator has too few
    /// exits to judge (the count of people behind it would show through).
    /// </summary>
    public string Rate(IndicatorFigure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return masked && figure.TooFew ? "–" : SwedishFormat.Percent(figure.Rate);
    }
}

/// <summary>The data-quality rows of a report, per provider, with the total.</summary>
public sealed record DataQualityTable(string Id, IReadOnlyList<DataQualityRow> Rows, Counts Counts, string Caption = "Datakvalitet per utförare");
