using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Reports.Files;

/// <summary>
/// The tertial report's own words and cells, written with <see cref="SwedishFormat"/>: a table cell
/// as the PDF shows it and as the CSV carries it, the report's title, mode, judgements and sections.
/// </summary>
internal static class ReportText
{
    /// <summary>A cell as the PDF shows it; a dash when there is no number.</summary>
    public static string Display(TableCell cell) => (cell.Kind, cell.Number) switch
    {
        (CellKind.Text, _) => cell.Text ?? string.Empty,
        (_, null) => SwedishFormat.None,
        (CellKind.Integer, { } number) => SwedishFormat.Number(number, 0),
        (_, { } number) => SwedishFormat.Number(number, 1),
    };

    /// <summary>A number as the CSV carries it for Swedish Excel: no thousands separator, decimal comma.</summary>
    public static string Csv(TableCell cell) => cell.Number switch
    {
        null => string.Empty,
        { } n when cell.Kind == CellKind.Integer => SwedishFormat.Plain(n, 0),
        { } n => SwedishFormat.Plain(n, 1),
    };

    public static string Mode(ReportMode mode) => mode switch
    {
        ReportMode.Period => "Perioden",
        ReportMode.YearToDate => "Hittills i år",
        _ => mode.ToString(),
    };

    public static string Status(IndicatorStatus status) => SwedishFormat.Label(status);

    /// <summary>The judgement with its symbol, "✓ uppfyllt", "✗ ej uppfyllt", "– för få".</summary>
    public static string Judgement(IndicatorStatus status) => status switch
    {
        IndicatorStatus.Met => "✓ ",
        IndicatorStatus.NotMet => "✗ ",
        _ => "– ",
    } + Status(status);

    public static string SectionTitle(Orientation orientation) => orientation switch
    {
        Orientation.IndividualFocused => "Individinriktade insatser",
        Orientation.Structural => "Strukturövergripande insatser",
        _ => orientation.ToString(),
    };

    public static string Title(ReportHeader header) => $"Tertialrapport T{header.Tertial} {header.Year}";

    public static string Adoption(ReportHeader header) => header.AdoptedAtUtc is { } adopted
        ? $"Fastställd {SwedishFormat.DateOf(adopted)} av {header.AdoptedBy ?? "okänd"}"
        : "Ej fastställd (utkast)";
}
