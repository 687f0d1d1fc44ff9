using Microsoft.AspNetCore.Mvc.Rendering;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Features.Reports.Files;

namespace Samordning.FollowUp.Api.Ui;

/// <summary>
/// Swedish conventions for what the pages show: dates ÅÅÅÅ-MM-DD, numbers with a (no-break) space
/// between thousands and a decimal comma, code lists by their Swedish labels — the same formatting
/// as the report files, so a figure reads the same on screen and on paper.
/// </summary>
public static class Sv
{
    public static string Date(DateOnly date) => SwedishFormat.Date(date);

    public static string Date(DateOnly? date) => date is { } d ? SwedishFormat.Date(d) : "–";

    public static string Timestamp(DateTime utc) => SwedishFormat.Timestamp(utc);

    public static string Number(long value) => SwedishFormat.Integer(value);

    public static string Number(long? value) => value is { } v ? SwedishFormat.Integer(v) : "–";

    public static string Kronor(long value) => SwedishFormat.Kronor(value);

    public static string Percent(double? value) => SwedishFormat.Percent(value);

    /// <summary>How a participation is named to people (never by personnummer): the reminders' "D-123".</summary>
    public static string Reference(long participationId) => Features.FollowUps.FollowUpReader.Reference(participationId);

    /// <summary>True when a count is below the threshold (but not zero), so shown as "&lt;N".</summary>
    public static bool IsSmall(long value, int threshold) => value > 0 && value < threshold;

    /// <summary>
    /// A count shown outside the provider: below the association's threshold (but not zero) it is
    /// "&lt;N", because small numbers can identify people (domain §7).
    /// </summary>
    public static string Masked(long value, int threshold) =>
        IsSmall(value, threshold) ? $"<{threshold}" : SwedishFormat.Integer(value);

    public static string Label<TEnum>(TEnum value) where TEnum : struct, Enum => CodeLabels.Label(value);

    public static string Label<TEnum>(TEnum? value) where TEnum : struct, Enum => value is { } v ? CodeLabels.Label(v) : "–";

    /// <summary>A code list as options of a select, with an empty "Välj" first unless <paramref name="withEmpty"/> is false.</summary>
    public static IEnumerable<SelectListItem> Options<TEnum>(bool withEmpty = true, IEnumerable<TEnum>? only = null)
        where TEnum : struct, Enum
    {
        if (withEmpty)
        {
            yield return new SelectListItem("Välj …", string.Empty);
        }

        foreach (var value in only ?? Enum.GetValues<TEnum>())
        {
            yield return new SelectListItem(CodeLabels.Label(value), value.ToString());
        }
    }
}
