namespace Samordning.FollowUp.Documents;

/// <summary>What a row of a document table is: a figure row, a band (a heading across the table), a subtotal or the total.</summary>
public enum RowKind
{
    Item,
    Band,
    Subtotal,
    Total,
}

/// <summary>A column of a <see cref="DocumentTable"/>: its heading, the kind of its cells and, for two-level headers, a group.</summary>
public sealed record DocumentColumn(string Heading, CellKind Kind, double Width = 12, string? Group = null, string? ShortHeading = null)
{
    public bool IsNumeric => Kind != CellKind.Text;
}

/// <summary>One row: its cells in column order, or the text of a band and its level (0 the outermost).</summary>
public sealed record DocumentRow(RowKind Kind, IReadOnlyList<TableCell> Cells, string? Band = null, int BandLevel = 0)
{
    public static DocumentRow BandOf(string text, int level = 0) => new(RowKind.Band, [], text, level);

    public bool IsEmphasised => Kind is RowKind.Subtotal or RowKind.Total;
}

/// <summary>
/// A finished table, every cell already what its reader may see (a masked count is the text
/// "&lt;5" or "x", never the number): the web page, the xlsx, the PDF and the CSV write the same
/// cells, so they cannot disagree.
/// </summary>
/// <param name="Id">A stable name for the page's element id and the tests.</param>
/// <param name="SheetName">The xlsx sheet that holds this table (at most 31 characters).</param>
/// <param name="KeyColumns">Leading columns that name the row; a PDF part of a wide table repeats them.</param>
public sealed record DocumentTable(
    string Id,
    string Title,
    string SheetName,
    IReadOnlyList<DocumentColumn> Columns,
    IReadOnlyList<DocumentRow> Rows,
    int KeyColumns = 1,
    string? Introduction = null)
{
    /// <summary>The columns as the writers' <see cref="TableColumn{T}"/>: column i reads cell i of a row.</summary>
    internal IReadOnlyList<TableColumn<DocumentRow>> WriterColumns() =>
    [
        .. Columns.Select((c, i) => new TableColumn<DocumentRow>(c.Heading, c.Kind, row => i < row.Cells.Count ? row.Cells[i] : default)
        {
            Width = c.Width,
            Group = c.Group,
            ShortHeading = c.ShortHeading,
        }),
    ];
}

public static class DocumentColumns
{
    /// <summary>Adjacent columns with the same group, for a two-level header (a column without a group is a group of its own).</summary>
    public static IEnumerable<(string? Group, int Count)> GroupAdjacent(this IEnumerable<DocumentColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        string? group = null;
        var count = 0;
        foreach (var column in columns)
        {
            if (count > 0 && (column.Group is null || column.Group != group))
            {
                yield return (group, count);
                count = 0;
            }

            group = column.Group;
            count++;
        }

        if (count > 0)
        {
            yield return (group, count);
        }
    }
}
