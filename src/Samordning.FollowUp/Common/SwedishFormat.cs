using System.Collections.Frozen;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Common;

/// <summary>
/// How the service writes what a Swedish user reads — pages, report files, e-mails and messages
/// alike, so a figure or a date reads the same on screen, on paper and in a reminder: dates
/// ÅÅÅÅ-MM-DD, Swedish local time, numbers as sv-SE, code lists by their Swedish labels, small
/// counts masked. Numbers follow sv-SE (space between thousands, comma before decimals) with two
/// deliberate choices: the thousands separator is a no-break space (U+00A0; ICU versions differ,
/// some give U+202F) so a figure never wraps, and the PDF draws it as a plain space
/// (<see cref="ForDrawing"/>) so copied or extracted text reads "1 234"; the minus is the ASCII
/// hyphen-minus, not sv-SE's U+2212, so the text can be searched and parsed.
/// </summary>
public static class SwedishFormat
{
    public const char NoBreakSpace = '\u00A0';
    private const char NarrowNoBreakSpace = '\u202F';

    /// <summary>What is shown where there is no value.</summary>
    public const string None = "–";

    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("sv-SE");

    // "N" formats give "1 234 567" and "42,9"; "F" formats (the CSV) "1234567" and "42,9".
    private static readonly NumberFormatInfo Numbers = CreateNumbers();

    private static NumberFormatInfo CreateNumbers()
    {
        var format = (NumberFormatInfo)Culture.NumberFormat.Clone();
        format.NumberGroupSeparator = NoBreakSpace.ToString();
        format.NumberGroupSizes = [3];
        format.NumberDecimalSeparator = ",";
        format.NegativeSign = "-";
        return format;
    }

    // Dates and times

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : None;

    public static string Period(DateOnly from, DateOnly to) => $"{Date(from)} – {Date(to)}";

    /// <summary>"T2 (maj–augusti)": a tertial with its months (domain §2).</summary>
    public static string TertialName(int tertial) => tertial switch
    {
        1 => "T1 (januari–april)",
        2 => "T2 (maj–augusti)",
        3 => "T3 (september–december)",
        _ => throw new ArgumentOutOfRangeException(nameof(tertial), tertial, "A tertial is 1, 2 or 3."),
    };

    /// <summary>An instant in Swedish local time, to the minute.</summary>
    public static string Timestamp(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Clock.Sweden)
            .ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The Swedish clock time of an instant, "14:05".</summary>
    public static string TimeOf(DateTime utc) => Timestamp(utc)[11..];

    /// <summary>The Swedish calendar date of an instant.</summary>
    public static string DateOf(DateTime utc) => Timestamp(utc)[..10];

    // Numbers

    public static string Number(long value) => value.ToString("N0", Numbers);

    public static string Number(long? value) => value is { } v ? Number(v) : None;

    /// <summary>A figure with the given decimals (0 or more), "1 234" or "42,9".</summary>
    public static string Number(decimal value, int decimals) =>
        value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Numbers);

    /// <summary>A figure rounded once to one decimal, "42,9"; a dash when there is none.</summary>
    public static string OneDecimal(double? value) => RoundedToOneDecimal(value) is { } n ? Number(n, 1) : None;

    /// <summary>
    /// A figure as a table shows it, rounded here once (half away from zero) so that every file and
    /// page carries the same one; null when there is no finite value.
    /// </summary>
    public static decimal? RoundedToOneDecimal(double? value) =>
        value is { } v && double.IsFinite(v) ? Math.Round((decimal)v, 1, MidpointRounding.AwayFromZero) : null;

    /// <summary>A figure as the CSV carries it for Swedish Excel: no thousands separator, decimal comma.</summary>
    public static string Plain(decimal value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), Numbers);

    public static string Kronor(long value) => $"{Number(value)}{NoBreakSpace}kr";

    /// <summary>A share in percent with one decimal, "42,9 %"; a dash when there is none.</summary>
    public static string Percent(double? value) => RoundedToOneDecimal(value) is { } n ? $"{Number(n, 1)}{NoBreakSpace}%" : None;

    /// <summary>A target in percent as it was set, "35 %" or "35,5 %".</summary>
    public static string Percent(decimal value) => $"{value.ToString("0.#", Numbers)}{NoBreakSpace}%";

    /// <summary>Text as drawn in the PDF: no-break spaces become plain spaces so extracted text reads naturally.</summary>
    public static string ForDrawing(string text) => text.Replace(NoBreakSpace, ' ').Replace(NarrowNoBreakSpace, ' ');

    // Small numbers

    /// <summary>True when a count is below the threshold (but not zero), so shown as "&lt;N".</summary>
    public static bool IsSmall(long value, int threshold) => value > 0 && value < threshold;

    /// <summary>
    /// A count shown outside the provider: below the association's threshold (but not zero) it is
    /// "&lt;N", because small numbers can identify people (domain §7).
    /// </summary>
    public static string Masked(long value, int threshold) => IsSmall(value, threshold) ? $"<{threshold}" : Number(value);

    // Form fields: what a field holds reads back as the same value when the form is sent.

    /// <summary>A whole number as a form field shows it ("150000": no separators, so it reads back as typed).</summary>
    public static string Field(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>A decimal number as a form field shows it ("35,5").</summary>
    public static string Field(decimal? value) => value?.ToString("0.##", Culture) ?? string.Empty;

    /// <summary>
    /// A whole number as a Swedish user types it: spaces of any kind between the thousands
    /// ("1 250 000", no-break and narrow no-break spaces too), an ASCII or a typographic minus, and
    /// an amount's "kr", "kronor" or ":-" at the end ("1 250 000 kr"). Empty gives true and null.
    /// </summary>
    public static bool TryParseWhole(string? text, out long? value)
    {
        value = null;
        var compact = new string([.. (text ?? string.Empty).Where(c => !char.IsWhiteSpace(c))]).Replace('−', '-');
        foreach (var unit in (string[])["kronor", "kr.", "kr", ":-"])
        {
            if (compact.EndsWith(unit, StringComparison.OrdinalIgnoreCase) && compact.Length > unit.Length)
            {
                compact = compact[..^unit.Length];
                break;
            }
        }

        if (compact.Length == 0)
        {
            return text is null || text.Trim().Length == 0;
        }

        if (long.TryParse(compact, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            value = number;
            return true;
        }

        return false;
    }

    // Codes and names

    /// <summary>A code's Swedish label, from its Display attribute.</summary>
    public static string Label<TEnum>(TEnum value) where TEnum : struct, Enum => LabelCache<TEnum>.Labels[value];

    public static string Label<TEnum>(TEnum? value) where TEnum : struct, Enum => value is { } v ? Label(v) : None;

    /// <summary>Labels of a list of codes, "Kartläggning, Förberedande", or <paramref name="none"/> when empty.</summary>
    public static string Labels<TEnum>(IEnumerable<TEnum> values, string none = None) where TEnum : struct, Enum
    {
        var labels = values.Select(v => Label(v)).ToList();
        return labels.Count == 0 ? none : string.Join(", ", labels);
    }

    /// <summary>A category with its orientation, since two orientations both have "Kartläggning".</summary>
    public static string CategoryWithOrientation(InterventionCategory category) =>
        $"{Label(category)} ({Label(Categories.OrientationOf(category)).ToLowerInvariant()})";

    /// <summary>How a participation is named to people (never by personnummer): "D-123".</summary>
    public static string Reference(long participationId) => $"D-{participationId}";

    private static class LabelCache<TEnum> where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> Labels = Enum.GetValues<TEnum>().ToFrozenDictionary(
            v => v,
            v => typeof(TEnum).GetField(v.ToString())!.GetCustomAttribute<DisplayAttribute>()?.Name ?? v.ToString());
    }
}
