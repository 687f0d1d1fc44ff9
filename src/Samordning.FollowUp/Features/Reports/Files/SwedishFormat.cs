using Samordning.FollowUp.Common;
using System.Globalization;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Reports.Files;

/// <summary>
/// Swedish text for the report files. Numbers follow sv-SE (space between thousands, comma
/// before decimals), with two deliberate choices: the thousands separator is a no-break space
/// (U+00A0; ICU versions differ, some give U+202F) so a figure never wraps, and the PDF draws
/// it as a plain space so copied or extracted text reads "1 234"; the minus is the ASCII
/// hyphen-minus, not sv-SE's U+2212, so the text can be searched and parsed.
/// </summary>
internal static class SwedishFormat
{
    public const char NoBreakSpace = '\u00A0';
    private const char NarrowNoBreakSpace = '\u202F';

    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("sv-SE");

    // "N" formats give "1 234 567" and "42,9"; "F" formats (the CSV) "1234567" and "42,9".
    private static readonly NumberFormatInfo SwedishNumbers = Numbers();

    private static NumberFormatInfo Numbers()
    {
        var format = (NumberFormatInfo)Culture.NumberFormat.Clone();
        format.NumberGroupSeparator = NoBreakSpace.ToString();
        format.NumberGroupSizes = [3];
        format.NumberDecimalSeparator = ",";
        format.NegativeSign = "-";
        return format;
    }

    /// <summary>A number as the PDF shows it; a dash when there is none.</summary>
    public static string Display(TableCell cell) => (cell.Kind, cell.Number) switch
    {
        (CellKind.Text, _) => cell.Text ?? string.Empty,
        (_, null) => "–",
        (CellKind.Integer, { } number) => number.ToString("N0", SwedishNumbers),
        (_, { } number) => number.ToString("N1", SwedishNumbers),
    };

    public static string Integer(long value) => value.ToString("N0", SwedishNumbers);

    public static string Kronor(long value) => $"{Integer(value)}{NoBreakSpace}kr";

    public static string Percent(double? value) => TableCell.OfOneDecimal(value) is { Number: { } n } ? $"{n.ToString("N1", SwedishNumbers)}{NoBreakSpace}%" : "–";

    public static string Percent(decimal value) => $"{value.ToString("0.#", SwedishNumbers)}{NoBreakSpace}%";

    /// <summary>A number as the CSV carries it for Swedish Excel: no thousands separator, decimal comma.</summary>
    public static string Csv(TableCell cell) => cell.Number switch
    {
        null => string.Empty,
        { } n when cell.Kind == CellKind.Integer => n.ToString("F0", SwedishNumbers),
        { } n => n.ToString("F1", SwedishNumbers),
    };

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Period(DateOnly from, DateOnly to) => $"{Date(from)} – {Date(to)}";

    /// <summary>Swedish local time.</summary>
    public static string Timestamp(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Clock.Sweden)
            .ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string DateOf(DateTime utc) => Timestamp(utc)[..10];

    /// <summary>Text as drawn in the PDF: no-break spaces become plain spaces so extracted text reads naturally.</summary>
    public static string ForDrawing(string text) => text.Replace(NoBreakSpace, ' ').Replace(NarrowNoBreakSpace, ' ');

    public static string Mode(ReportMode mode) => mode switch
    {
        ReportMode.Period => "Perioden",
        ReportMode.YearToDate => "Hittills i år",
        _ => mode.ToString(),
    };

    public static string Status(string status) => status switch
    {
        "Met" => "uppfyllt",
        "NotMet" => "ej uppfyllt",
        "TooFew" => "för få",
        _ => status,
    };

    public static string SectionTitle(Orientation orientation) => orientation switch
    {
        Orientation.IndividualFocused => "Individinriktade insatser",
        Orientation.Structural => "Strukturövergripande insatser",
        _ => orientation.ToString(),
    };

    public static string Title(ReportHeader header) => $"Tertialrapport T{header.Tertial} {header.Year}";

    public static string Adoption(ReportHeader header) => header.AdoptedAtUtc is { } adopted
        ? $"Fastställd {DateOf(adopted)} av {header.AdoptedBy ?? "okänd"}"
        : "Ej fastställd (utkast)";

}
