using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Samordning.FollowUp.Documents;

/// <summary>
/// A small xlsx writer over the Open XML SDK: sheets of rows, numbers stored as numbers, text
/// in the shared string table, styles from <see cref="XlsxStyles"/>.
/// </summary>
internal sealed class XlsxWorkbook
{
    private readonly List<XlsxSheet> sheets = [];
    private readonly Dictionary<string, int> stringIndex = new(StringComparer.Ordinal);
    private readonly List<string> strings = [];

    public XlsxSheet AddSheet(string name)
    {
        var sheet = new XlsxSheet(name, this);
        sheets.Add(sheet);
        return sheet;
    }

    internal int Intern(string text)
    {
        if (!stringIndex.TryGetValue(text, out var index))
        {
            index = strings.Count;
            strings.Add(text);
            stringIndex.Add(text, index);
        }

        return index;
    }

    public void Save(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);

        // The package is written to memory first: System.IO.Packaging needs a seekable stream,
        // and an HTTP response body is not one.
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var sheetList = workbookPart.Workbook.AppendChild(new Sheets());
            uint sheetId = 1;
            foreach (var sheet in sheets)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                part.Worksheet = sheet.ToWorksheet();
                sheetList.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = sheetId++, Name = sheet.Name });
            }

            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = XlsxStyles.Create();
            workbookPart.AddNewPart<SharedStringTablePart>().SharedStringTable = SharedStrings();
        }

        buffer.Position = 0;
        buffer.CopyTo(output);
    }

    private SharedStringTable SharedStrings() =>
        new(strings.Select(s => new SharedStringItem(new Text(s) { Space = SpaceProcessingModeValues.Preserve })))
        {
            Count = (uint)strings.Count,
            UniqueCount = (uint)strings.Count,
        };
}

internal enum RowStyle
{
    Normal,
    Header,
    Emphasis,
    Title,
}

/// <summary>One worksheet, built row by row.</summary>
internal sealed class XlsxSheet(string name, XlsxWorkbook workbook)
{
    // Excel's limit for the text of one cell.
    private const int MaxCellText = 32_767;
    private const double LineHeight = 15;

    private readonly List<Row> rows = [];
    private readonly SortedDictionary<int, double> widths = [];
    private int frozenRows;
    private int frozenColumns;

    public string Name { get; } = name;

    public int RowCount => rows.Count;

    /// <summary>Keeps the first rows and columns in view while scrolling.</summary>
    public void Freeze(int rowCount, int columnCount) => (frozenRows, frozenColumns) = (rowCount, columnCount);

    /// <summary>Makes a column (0-based) at least this wide, in characters.</summary>
    public void Widen(int column, double width) =>
        widths[column] = Math.Max(width, widths.GetValueOrDefault(column));

    public void AddRow(IReadOnlyList<TableCell> cells, RowStyle style = RowStyle.Normal) =>
        Append(cells.Select(c => (c, c.Kind)).ToList(), style, height: null);

    public void AddBlankRow() => Append([], RowStyle.Normal, height: null);

    /// <summary>A bold, shaded heading row; numeric columns are right-aligned and long headings wrap.</summary>
    public void AddHeaderRow(IReadOnlyList<(string Heading, CellKind Kind)> headings, IReadOnlyList<double> columnWidths)
    {
        var lines = headings.Select((h, i) => Math.Ceiling(h.Heading.Length * 1.1 / Math.Max(columnWidths[i] - 1, 1))).DefaultIfEmpty(1).Max();
        Append([.. headings.Select(h => (TableCell.OfText(h.Heading), h.Kind))], RowStyle.Header, Math.Max(1, lines) * LineHeight);
    }

    /// <summary>A table: a header row, then one row per item; emphasised items (subtotals) in bold.</summary>
    public void AddTable<T>(IReadOnlyList<TableColumn<T>> columns, IEnumerable<T> items, Func<T, bool>? emphasise = null)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            Widen(i, columns[i].Width);
        }

        AddHeaderRow([.. columns.Select(c => (c.Heading, c.Kind))], [.. columns.Select(c => c.Width)]);
        foreach (var item in items)
        {
            var style = emphasise?.Invoke(item) == true ? RowStyle.Emphasis : RowStyle.Normal;
            AddRow([.. columns.Select(c => c.Value(item))], style);
        }
    }

    /// <summary>
    /// A document table as the page shows it: the header, bands (orientation, category) as rows of
    /// their own, subtotals and the total in bold; the header and key columns frozen.
    /// </summary>
    public void AddDocumentTable(DocumentTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var headerRow = RowCount + 1;
        AddTable(table.WriterColumns(), []);
        foreach (var row in table.Rows)
        {
            if (row.Kind == RowKind.Band)
            {
                AddRow([TableCell.OfText(row.Band)], row.BandLevel == 0 ? RowStyle.Title : RowStyle.Emphasis);
                continue;
            }

            AddRow(row.Cells, row.IsEmphasised ? RowStyle.Emphasis : RowStyle.Normal);
        }

        Freeze(headerRow, table.KeyColumns);
    }

    internal Worksheet ToWorksheet()
    {
        var worksheet = new Worksheet(Views());
        if (widths.Count > 0)
        {
            worksheet.Append(new Columns(widths.Select(w =>
                new Column { Min = (uint)w.Key + 1, Max = (uint)w.Key + 1, Width = w.Value, CustomWidth = true })));
        }

        worksheet.Append(
            new SheetData(rows),
            new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
            new PageSetup { Orientation = OrientationValues.Landscape, PaperSize = 9 });
        return worksheet;
    }

    private void Append(List<(TableCell Value, CellKind Kind)> cells, RowStyle style, double? height)
    {
        var rowIndex = (uint)rows.Count + 1;
        var row = new Row { RowIndex = rowIndex };
        if (height is { } h)
        {
            row.Height = h;
            row.CustomHeight = true;
        }

        for (var i = 0; i < cells.Count; i++)
        {
            var (value, kind) = cells[i];
            if (value.IsEmpty && style == RowStyle.Normal)
            {
                continue;
            }

            row.Append(CreateCell(Reference(i, rowIndex), value, XlsxStyles.Index(style, kind)));
        }

        rows.Add(row);
    }

    private Cell CreateCell(string reference, TableCell value, uint style)
    {
        var cell = new Cell { CellReference = reference, StyleIndex = style };
        if (value.Number is { } number)
        {
            cell.CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture));
        }
        else if (!string.IsNullOrEmpty(value.Text))
        {
            cell.DataType = CellValues.SharedString;
            cell.CellValue = new CellValue(workbook.Intern(XmlSafe(value.Text)).ToString(CultureInfo.InvariantCulture));
        }

        return cell;
    }

    private SheetViews Views()
    {
        var view = new SheetView { WorkbookViewId = 0 };
        if (frozenRows > 0 || frozenColumns > 0)
        {
            var activePane = (frozenRows > 0, frozenColumns > 0) switch
            {
                (true, true) => PaneValues.BottomRight,
                (true, false) => PaneValues.BottomLeft,
                _ => PaneValues.TopRight,
            };
            var pane = new Pane { State = PaneStateValues.Frozen, TopLeftCell = Reference(frozenColumns, (uint)frozenRows + 1), ActivePane = activePane };
            if (frozenRows > 0)
            {
                pane.VerticalSplit = frozenRows;
            }

            if (frozenColumns > 0)
            {
                pane.HorizontalSplit = frozenColumns;
            }

            view.Append(pane, new Selection { Pane = activePane });
        }

        return new SheetViews(view);
    }

    /// <summary>"A1" style reference of a 0-based column and 1-based row.</summary>
    public static string Reference(int column, uint row) => ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    public static string ColumnName(int column)
    {
        var name = string.Empty;
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>The 0-based column of an "A1" style reference ("C7" → 2); 0 without one.</summary>
    public static int ColumnIndex(string? reference)
    {
        var column = 0;
        foreach (var c in (reference ?? string.Empty).TakeWhile(char.IsAsciiLetterUpper))
        {
            column = (column * 26) + (c - 'A' + 1);
        }

        return Math.Max(0, column - 1);
    }

    /// <summary>Drops characters XML cannot carry (control characters from pasted text) and keeps Excel's length limit.</summary>
    private static string XmlSafe(string text)
    {
        var safe = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && char.IsSurrogatePair(text[i], text[i + 1]))
            {
                safe.Append(text, i++, 2);
            }
            else if (System.Xml.XmlConvert.IsXmlChar(text[i]))
            {
                safe.Append(text[i]);
            }
        }

        return safe.Length > MaxCellText ? safe.ToString(0, MaxCellText) : safe.ToString();
    }
}

/// <summary>The workbook's cell formats: one per row style and cell kind.</summary>
internal static class XlsxStyles
{
    private const uint OneDecimalFormat = 164;
    private const uint ThousandsFormat = 3; // built in: #,##0

    private static readonly CellKind[] Kinds = Enum.GetValues<CellKind>();

    public static uint Index(RowStyle style, CellKind kind) => (uint)(((int)style * Kinds.Length) + (int)kind);

    public static Stylesheet Create() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = OneDecimalFormat, FormatCode = "#,##0.0" }) { Count = 1 },
        new Fonts(Font(bold: false, 11), Font(bold: true, 11), Font(bold: true, 14)) { Count = 3 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            Solid("FFD9E1F2"),
            Solid("FFF2F2F2")) { Count = 4 },
        new Borders(Border(bottom: false), Border(bottom: true)) { Count = 2 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(Enum.GetValues<RowStyle>().SelectMany(s => Kinds.Select(k => Format(s, k)))) { Count = (uint)(Enum.GetValues<RowStyle>().Length * Kinds.Length) },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    private static CellFormat Format(RowStyle style, CellKind kind)
    {
        var (font, fill, border) = style switch
        {
            RowStyle.Header => (1u, 2u, 1u),
            RowStyle.Emphasis => (1u, 3u, 0u),
            RowStyle.Title => (2u, 0u, 0u),
            _ => (0u, 0u, 0u),
        };
        var numberFormat = kind switch
        {
            CellKind.Integer => ThousandsFormat,
            CellKind.OneDecimal => OneDecimalFormat,
            _ => 0u,
        };
        var format = new CellFormat
        {
            FontId = font, FillId = fill, BorderId = border, NumberFormatId = numberFormat, FormatId = 0,
            ApplyFont = font != 0, ApplyFill = fill != 0, ApplyBorder = border != 0, ApplyNumberFormat = numberFormat != 0,
        };
        if (style == RowStyle.Header)
        {
            format.Append(new Alignment
            {
                WrapText = true,
                Vertical = VerticalAlignmentValues.Top,
                Horizontal = kind == CellKind.Text ? HorizontalAlignmentValues.Left : HorizontalAlignmentValues.Right,
            });
            format.ApplyAlignment = true;
        }

        return format;
    }

    private static Font Font(bool bold, double size)
    {
        var font = new Font();
        if (bold)
        {
            font.Append(new Bold());
        }

        font.Append(new FontSize { Val = size }, new FontName { Val = "Calibri" });
        return font;
    }

    private static Fill Solid(string argb) =>
        new(new PatternFill(new ForegroundColor { Rgb = argb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid });

    private static Border Border(bool bottom) => new(
        new LeftBorder(),
        new RightBorder(),
        new TopBorder(),
        bottom ? new BottomBorder(new Color { Auto = true }) { Style = BorderStyleValues.Thin } : new BottomBorder(),
        new DiagonalBorder());
}
