using Samordning.FollowUp.Documents;

namespace Samordning.FollowUp.Features.Reports.Files;

/// <summary>One intervention's figures as the national system Uppföljning Finsam asks for them.</summary>
public sealed record FinsamExportRow(
    long InterventionId,
    string Intervention,
    string Provider,
    string Orientation,
    string Category,
    int Women,
    int Men,
    int PlannedParticipants,
    long BudgetSek,
    long ActualCostSek);

/// <summary>
/// The export for Uppföljning Finsam: participants (women, men), budgeted number of
/// participants, budget and actual cost per intervention, as CSV or xlsx with the same columns.
/// </summary>
/// <remarks>Writes synchronously; for an HTTP response, write to a MemoryStream and copy that asynchronously.</remarks>
public static class UppfoljningFinsamExport
{
    public const string SheetName = "Uppföljning Finsam";

    internal static readonly IReadOnlyList<TableColumn<FinsamExportRow>> Columns =
    [
        TableColumn.Integer<FinsamExportRow>("Insats-id", r => r.InterventionId, 10),
        TableColumn.Text<FinsamExportRow>("Insats", r => r.Intervention, 40),
        TableColumn.Text<FinsamExportRow>("Utförare", r => r.Provider, 28),
        TableColumn.Text<FinsamExportRow>("Inriktning", r => r.Orientation, 22),
        TableColumn.Text<FinsamExportRow>("Kategori", r => r.Category, 26),
        TableColumn.Integer<FinsamExportRow>("Kvinnor", r => r.Women),
        TableColumn.Integer<FinsamExportRow>("Män", r => r.Men),
        TableColumn.Integer<FinsamExportRow>("Budgeterat antal deltagare", r => r.PlannedParticipants, 16),
        TableColumn.Integer<FinsamExportRow>("Budget (kr)", r => r.BudgetSek, 14),
        TableColumn.Integer<FinsamExportRow>("Utfall (kr)", r => r.ActualCostSek, 14),
    ];

    /// <summary>
    /// The same columns and cells as the files, as a table for the page: what the office reads is
    /// what it downloads.
    /// </summary>
    public static DocumentTable Table(IReadOnlyList<FinsamExportRow> rows, int year)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return new DocumentTable(
            "uppfoljning-finsam",
            $"Underlag till Uppföljning Finsam {year}",
            SheetName,
            [.. Columns.Select(c => new DocumentColumn(c.Heading, c.Kind, c.Width))],
            [.. rows.Select(r => new DocumentRow(RowKind.Item, [.. Columns.Select(c => c.Value(r))]))],
            KeyColumns: 2);
    }

    public static void WriteCsv(IReadOnlyList<FinsamExportRow> rows, Stream output)
    {
        ArgumentNullException.ThrowIfNull(rows);
        CsvTable.Write(output, Columns, rows);
    }

    public static void WriteXlsx(IReadOnlyList<FinsamExportRow> rows, Stream output)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var workbook = new XlsxWorkbook();
        var sheet = workbook.AddSheet(SheetName);
        sheet.AddTable(Columns, rows);
        sheet.Freeze(1, 0);
        workbook.Save(output);
    }
}
