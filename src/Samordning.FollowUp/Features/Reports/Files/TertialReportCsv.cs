using Samordning.FollowUp.Documents;
using Samordning.FollowUp.Features.Reports.Presentation;

namespace Samordning.FollowUp.Features.Reports.Files;

/// <summary>
/// The tertial report as one long CSV table for Swedish Excel and for machines: one line per
/// figure of every part of the report, with the part, the row's place (orientation and category),
/// the row, the provider, the figure's heading and the value exactly as the page and the other
/// files show it ("&lt;5" and "x" where the reader may not see the count). Every line carries the
/// report's status, and the office's exact file says so on every line.
/// </summary>
/// <remarks>Writes synchronously; for an HTTP response, write to a MemoryStream and copy that asynchronously.</remarks>
public static class TertialReportCsv
{
    private static readonly IReadOnlyList<TableColumn<CsvLine>> Columns =
    [
        TableColumn.Text<CsvLine>("Rapport", l => l.Report),
        TableColumn.Text<CsvLine>("Status", l => l.Status),
        TableColumn.Text<CsvLine>("Anmärkning", l => l.Remark),
        TableColumn.Text<CsvLine>("Del", l => l.Part),
        TableColumn.Text<CsvLine>("Radtyp", l => l.Kind),
        TableColumn.Text<CsvLine>("Grupp", l => l.Group),
        TableColumn.Text<CsvLine>("Rad", l => l.Row),
        TableColumn.Text<CsvLine>("Utförare", l => l.Provider),
        TableColumn.Text<CsvLine>("Uppgift", l => l.Figure),
        new("Värde", CellKind.OneDecimal, l => l.Value),
    ];

    public static void Write(ReportPresentation presentation, Stream output)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        CsvTable.Write(output, Columns, Lines(presentation));
    }

    private static IEnumerable<CsvLine> Lines(ReportPresentation presentation)
    {
        // The banners, and an adoption without every provider accepted with its reason, on every line.
        var remark = string.Join(" · ", presentation.AdoptionNote is { } note ? [.. presentation.Banners, note] : presentation.Banners);
        foreach (var part in presentation.Parts)
        {
            var table = part.Table;
            var bands = new List<string>();
            foreach (var row in table.Rows)
            {
                if (row.Kind == RowKind.Band)
                {
                    // An orientation band (level 0) starts a new group; a category band (level 1) replaces the previous category.
                    bands.RemoveRange(Math.Min(row.BandLevel, bands.Count), bands.Count - Math.Min(row.BandLevel, bands.Count));
                    bands.Add(row.Band!);
                    continue;
                }

                var name = row.Cells.Count > 0 ? row.Cells[0].Display() : string.Empty;
                var provider = table.KeyColumns > 1 && row.Cells.Count > 1 ? row.Cells[1].Text ?? string.Empty : string.Empty;
                var group = row.Kind == RowKind.Item ? string.Join(" / ", bands) : string.Empty;
                for (var i = table.KeyColumns; i < table.Columns.Count && i < row.Cells.Count; i++)
                {
                    var cell = row.Cells[i];
                    if (cell.IsEmpty)
                    {
                        continue;
                    }

                    yield return new CsvLine(presentation.Title, presentation.StatusText, remark, part.Heading, Kind(row.Kind), group,
                        name, provider, table.Columns[i].Heading, cell);
                }
            }
        }
    }

    private static string Kind(RowKind kind) => kind switch
    {
        RowKind.Subtotal => "Delsumma",
        RowKind.Total => "Totalt",
        _ => "Rad",
    };

    private sealed record CsvLine(string Report, string Status, string Remark, string Part, string Kind, string Group, string Row,
        string Provider, string Figure, TableCell Value);
}
