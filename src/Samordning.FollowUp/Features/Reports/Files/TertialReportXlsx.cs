using Samordning.FollowUp.Common;
using Samordning.FollowUp.Documents;

namespace Samordning.FollowUp.Features.Reports.Files;

/// <summary>
/// The tertial report as an Excel workbook: "Sammanfattning", one sheet per orientation, "Avslut"
/// and "Datakvalitet". Figures are numeric cells holding exactly the report's values.
/// </summary>
/// <remarks>Writes synchronously; for an HTTP response, write to a MemoryStream and copy that asynchronously.</remarks>
public static class TertialReportXlsx
{
    public const string SummarySheet = "Sammanfattning";
    public const string ExitsSheet = "Avslut";
    public const string DataQualitySheet = "Datakvalitet";

    // Kategori and Insats stay in view when scrolling right.
    private const int FrozenColumns = 2;

    public static void Write(TertialReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        var workbook = new XlsxWorkbook();
        AddSummary(workbook.AddSheet(SummarySheet), report);
        foreach (var section in report.Sections)
        {
            AddSection(workbook.AddSheet(ReportText.SectionTitle(section.Orientation)), report.Header, section);
        }

        AddExits(workbook.AddSheet(ExitsSheet), report);
        AddDataQuality(workbook.AddSheet(DataQualitySheet), report.DataQuality);
        workbook.Save(output);
    }

    private static void AddSection(XlsxSheet sheet, ReportHeader header, ReportSection section)
    {
        sheet.AddTable(ReportColumns.Section(header), ReportLines.Of(section), l => l.IsSubtotal);
        sheet.Freeze(1, FrozenColumns);
    }

    private static void AddExits(XlsxSheet sheet, TertialReport report)
    {
        sheet.AddTable(ReportColumns.Exits(report), ReportLines.All(report), l => l.IsSubtotal);
        sheet.Freeze(1, FrozenColumns);
    }

    private static void AddDataQuality(XlsxSheet sheet, IReadOnlyList<DataQualityRow> rows)
    {
        var total = ReportLines.DataQualityTotal(rows);
        sheet.AddTable(ReportColumns.DataQuality, [.. rows, total], r => ReferenceEquals(r, total));
        sheet.Freeze(1, 1);
    }

    private static void AddSummary(XlsxSheet sheet, TertialReport report)
    {
        var header = report.Header;
        sheet.AddRow([TableCell.OfText($"{ReportText.Title(header)} – {header.AssociationName}")], RowStyle.Title);
        sheet.AddBlankRow();
        foreach (var (label, value) in HeaderFacts(header))
        {
            sheet.AddRow([TableCell.OfText(label), value]);
        }

        Part(sheet, "Indikatordefinitioner");
        sheet.AddTable(SummaryColumns.Definitions, ReportColumns.OrderedDefinitions(header));

        Part(sheet, "Förbundet totalt");
        sheet.AddHeaderRow([("Nyckeltal", CellKind.Text), ("Värde", CellKind.Integer)], [34, 18]);
        var total = ReportLines.Total(report);
        foreach (var column in ReportColumns.Volumes(header))
        {
            sheet.AddRow([TableCell.OfText(column.Heading), column.Value(total)]);
        }

        sheet.AddRow([TableCell.OfText("Underlag för kostnad per deltagare"), TableCell.OfText(report.Total.CostPerParticipantBasis)]);

        Part(sheet, "Indikatorer mot mål");
        sheet.AddTable(SummaryColumns.Indicators, SummaryColumns.IndicatorLines(report));

        sheet.Widen(0, 36);
        sheet.Widen(1, 36);
    }

    private static IEnumerable<(string Label, TableCell Value)> HeaderFacts(ReportHeader header) =>
    [
        ("Samordningsförbund", TableCell.OfText(header.AssociationName)),
        ("År", TableCell.OfInteger(header.Year)),
        ("Tertial", TableCell.OfInteger(header.Tertial)),
        ("Period från", TableCell.OfText(SwedishFormat.Date(header.PeriodFrom))),
        ("Period till", TableCell.OfText(SwedishFormat.Date(header.PeriodTo))),
        ("Redovisning", TableCell.OfText(ReportText.Mode(header.Mode))),
        ("Framtagen", TableCell.OfText(SwedishFormat.Timestamp(header.GeneratedAtUtc))),
        ("Fastställd", TableCell.OfText(ReportText.Adoption(header))),
    ];

    private static void Part(XlsxSheet sheet, string title)
    {
        sheet.AddBlankRow();
        sheet.AddRow([TableCell.OfText(title)], RowStyle.Emphasis);
    }
}

/// <summary>An indicator of the association's total with its definition (null when the header lacks it).</summary>
internal sealed record IndicatorLine(ReportIndicator Indicator, ReportIndicatorDefinition? Definition)
{
    public string Name => Definition?.Name ?? Indicator.Code;

    public decimal Target => Definition?.TargetPercent ?? Indicator.Total.TargetPercent;
}

/// <summary>Columns of the summary's small tables.</summary>
internal static class SummaryColumns
{
    public static readonly IReadOnlyList<TableColumn<ReportIndicatorDefinition>> Definitions =
    [
        TableColumn.Text<ReportIndicatorDefinition>("Kod", d => d.Code),
        TableColumn.Text<ReportIndicatorDefinition>("Namn", d => d.Name),
        TableColumn.Integer<ReportIndicatorDefinition>("Version", d => d.Version),
        TableColumn.Text<ReportIndicatorDefinition>("Mättidpunkt", d => SwedishFormat.Label(d.MeasurementPoint), 22),
        TableColumn.OneDecimal<ReportIndicatorDefinition>("Mål (%)", d => (double)d.TargetPercent),
    ];

    public static readonly IReadOnlyList<TableColumn<IndicatorLine>> Indicators =
    [
        TableColumn.Text<IndicatorLine>("Indikator", l => l.Indicator.Code),
        TableColumn.Text<IndicatorLine>("Namn", l => l.Name),
        TableColumn.Integer<IndicatorLine>("Version", l => l.Indicator.DefinitionVersion),
        TableColumn.Text<IndicatorLine>("Avslut från", l => SwedishFormat.Date(l.Indicator.ExitsFrom)),
        TableColumn.Text<IndicatorLine>("Avslut till", l => SwedishFormat.Date(l.Indicator.ExitsTo)),
        TableColumn.OneDecimal<IndicatorLine>("Andel kvinnor (%)", l => l.Indicator.Woman.Rate),
        TableColumn.OneDecimal<IndicatorLine>("Andel män (%)", l => l.Indicator.Man.Rate),
        TableColumn.OneDecimal<IndicatorLine>("Andel totalt (%)", l => l.Indicator.Total.Rate),
        TableColumn.Integer<IndicatorLine>("Täljare", l => l.Indicator.Total.Numerator),
        TableColumn.Integer<IndicatorLine>("Nämnare", l => l.Indicator.Total.Denominator),
        TableColumn.Integer<IndicatorLine>("Saknar uppgift", l => l.Indicator.Total.MissingData),
        TableColumn.Integer<IndicatorLine>("Nådda", l => l.Indicator.Total.Reached),
        TableColumn.OneDecimal<IndicatorLine>("Svarsfrekvens (%)", l => l.Indicator.Total.ResponseRate),
        TableColumn.OneDecimal<IndicatorLine>("Mål (%)", l => (double)l.Target),
        TableColumn.Text<IndicatorLine>("Status", l => ReportText.Status(l.Indicator.Status)),
    ];

    public static IEnumerable<IndicatorLine> IndicatorLines(TertialReport report)
    {
        var definitions = report.Header.IndicatorDefinitions.DistinctBy(d => d.Code).ToDictionary(d => d.Code, StringComparer.Ordinal);
        var order = ReportColumns.OrderedDefinitions(report.Header).Select(d => d.Code).ToList();
        return report.Total.Indicators
            .OrderBy(i => order.IndexOf(i.Code) is var n and >= 0 ? n : int.MaxValue)
            .Select(i => new IndicatorLine(i, definitions.GetValueOrDefault(i.Code)));
    }
}
