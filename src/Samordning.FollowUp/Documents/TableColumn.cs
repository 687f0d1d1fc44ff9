using Samordning.FollowUp.Common;

namespace Samordning.FollowUp.Documents;

/// <summary>How a value is stored and shown: text, a whole number, or a number with one decimal.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Integer is the kind of cell, as a spreadsheet names it.")]
public enum CellKind
{
    Text,
    Integer,
    OneDecimal,
}

/// <summary>
/// One cell. A number is rounded here, once, to the precision every file shows, so the xlsx,
/// the CSV and the PDF carry the same figure.
/// </summary>
public readonly record struct TableCell(CellKind Kind, string? Text, decimal? Number)
{
    public static TableCell OfText(string? text) => new(CellKind.Text, text, null);

    public static TableCell OfInteger(long? value) => new(CellKind.Integer, null, value);

    public static TableCell OfOneDecimal(double? value) =>
        new(CellKind.OneDecimal, null, SwedishFormat.RoundedToOneDecimal(value));

    /// <summary>A figure its reader may not see: the text in its place ("&lt;5", "x"), aligned as the figure would be.</summary>
    public static TableCell OfHidden(CellKind kind, string text) => new(kind, text, null);

    public bool IsEmpty => Number is null && string.IsNullOrEmpty(Text);

    /// <summary>The cell as a page or the PDF shows it; a dash when there is no number.</summary>
    public string Display() => (Kind, Number) switch
    {
        (CellKind.Text, _) => Text ?? string.Empty,
        (_, null) => string.IsNullOrEmpty(Text) ? SwedishFormat.None : Text,
        (CellKind.Integer, { } number) => SwedishFormat.Number(number, 0),
        (_, { } number) => SwedishFormat.Number(number, 1),
    };

    /// <summary>A number as the CSV carries it for Swedish Excel: no thousands separator, decimal comma.</summary>
    public string Csv() => Number switch
    {
        null => Text ?? string.Empty,
        { } n when Kind == CellKind.Integer => SwedishFormat.Plain(n, 0),
        { } n => SwedishFormat.Plain(n, 1),
    };
}

/// <summary>
/// A column defined once for every file: the full Swedish heading (xlsx, CSV), the value of a
/// row, the xlsx width and, for the PDF's two-level header, a group ("Aktiva") and a short
/// heading under it ("Kvinnor").
/// </summary>
internal sealed record TableColumn<T>(string Heading, CellKind Kind, Func<T, TableCell> Value)
{
    /// <summary>Width in the xlsx, in characters.</summary>
    public double Width { get; init; } = 12;

    public string? Group { get; init; }

    public string? ShortHeading { get; init; }

    /// <summary>False for detail the printed tables leave to the spreadsheet.</summary>
    public bool InPdf { get; init; } = true;

    public string PdfHeading => ShortHeading ?? Heading;

    public TableColumn<T> InGroup(string group, string shortHeading) => this with { Group = group, ShortHeading = shortHeading };

    public TableColumn<T> SpreadsheetOnly() => this with { InPdf = false };
}

internal static class TableColumn
{
    public static TableColumn<T> Text<T>(string heading, Func<T, string?> value, double width = 30) =>
        new(heading, CellKind.Text, row => TableCell.OfText(value(row))) { Width = width };

    public static TableColumn<T> Integer<T>(string heading, Func<T, long?> value, double width = 12) =>
        new(heading, CellKind.Integer, row => TableCell.OfInteger(value(row))) { Width = width };

    public static TableColumn<T> OneDecimal<T>(string heading, Func<T, double?> value, double width = 12) =>
        new(heading, CellKind.OneDecimal, row => TableCell.OfOneDecimal(value(row))) { Width = width };
}
