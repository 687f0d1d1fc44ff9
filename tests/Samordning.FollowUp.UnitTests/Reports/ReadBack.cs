using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace Samordning.FollowUp.UnitTests.Reports;

/// <summary>Writes a file into memory; with FOLLOWUP_REPORT_SAMPLES set, also keeps a copy there to look at.</summary>
internal static class Files
{
    public static byte[] Write(Action<Stream> write, string sampleName)
    {
        using var stream = new MemoryStream();
        write(stream);
        var bytes = stream.ToArray();
        if (Environment.GetEnvironmentVariable("FOLLOWUP_REPORT_SAMPLES") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, sampleName), bytes);
        }

        return bytes;
    }
}

/// <summary>One cell as read back: a number (no data type or "n") or text (shared string).</summary>
internal sealed record XlsxCell(string Reference, string? Text, double? Number, uint StyleIndex);

/// <summary>An xlsx opened with the Open XML SDK, sheet by sheet.</summary>
internal sealed class XlsxReadBack : IDisposable
{
    private readonly MemoryStream stream;
    private readonly SpreadsheetDocument document;
    private readonly List<string> strings;

    public XlsxReadBack(byte[] bytes)
    {
        stream = new MemoryStream(bytes);
        document = SpreadsheetDocument.Open(stream, false);
        strings = [.. (Workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>() ?? []).Select(s => s.InnerText)];
    }

    public WorkbookPart Workbook => document.WorkbookPart!;

    public IReadOnlyList<string> SheetNames => [.. Workbook.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!)];

    public Worksheet Worksheet(string name)
    {
        var sheet = Workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)Workbook.GetPartById(sheet.Id!)).Worksheet;
    }

    /// <summary>The sheet's rows, each a map from column letter to cell.</summary>
    public List<Dictionary<string, XlsxCell>> Rows(string sheet) =>
        [.. Worksheet(sheet).Descendants<Row>().Select(r => r.Elements<Cell>().Select(Read).ToDictionary(c => Column(c.Reference)))];

    /// <summary>The 0-based index of the row whose cells, from column A on, hold exactly these texts (a part's header row).</summary>
    public int HeaderRow(string sheet, IReadOnlyList<string> headings)
    {
        var rows = Rows(sheet);
        for (var i = 0; i < rows.Count; i++)
        {
            var texts = rows[i].Values.OrderBy(c => ColumnIndex(c.Reference)).Select(c => c.Text).ToList();
            if (texts.SequenceEqual(headings))
            {
                return i;
            }
        }

        throw new InvalidOperationException($"No header row [{string.Join(", ", headings)}] in sheet {sheet}.");
    }

    /// <summary>The frozen pane of a sheet, if any.</summary>
    public Pane? FrozenPane(string sheet) => Worksheet(sheet).Descendants<Pane>().SingleOrDefault();

    /// <summary>0-based column index of a reference ("A1" → 0, "AB3" → 27).</summary>
    public static int ColumnIndex(string reference) =>
        reference.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => (n * 26) + (c - 'A' + 1)) - 1;

    /// <summary>Column letter of a 0-based column index.</summary>
    public static string ColumnLetter(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>Column letter of a heading in the first row.</summary>
    public string ColumnOf(string sheet, string heading) =>
        Rows(sheet)[0].Values.Single(c => c.Text == heading).Reference is var r ? Column(r) : throw new InvalidOperationException();

    /// <summary>The row whose cell in column <paramref name="column"/> holds <paramref name="text"/>.</summary>
    public Dictionary<string, XlsxCell> RowWith(string sheet, string column, string text) =>
        Rows(sheet).Single(r => r.TryGetValue(column, out var c) && c.Text == text);

    public bool IsBold(XlsxCell cell)
    {
        var styles = Workbook.WorkbookStylesPart!.Stylesheet;
        var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex);
        return styles.Fonts!.Elements<Font>().ElementAt((int)format.FontId!.Value).Bold is not null;
    }

    /// <summary>What the Open XML schema validator finds wrong (Excel would offer to "repair" such a file).</summary>
    public IReadOnlyList<string> ValidationErrors() =>
        [.. new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")];

    public void Dispose()
    {
        document.Dispose();
        stream.Dispose();
    }

    private XlsxCell Read(Cell cell)
    {
        var value = cell.CellValue?.Text;
        var style = cell.StyleIndex?.Value ?? 0;
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return new XlsxCell(cell.CellReference!, strings[int.Parse(value!, CultureInfo.InvariantCulture)], null, style);
        }

        if (cell.DataType is not null && cell.DataType.Value != CellValues.Number)
        {
            return new XlsxCell(cell.CellReference!, value, null, style);
        }

        return new XlsxCell(cell.CellReference!, null, value is null ? null : double.Parse(value, CultureInfo.InvariantCulture), style);
    }

    private static string Column(string reference) => new([.. reference.TakeWhile(char.IsLetter)]);
}

/// <summary>A semicolon-separated file parsed by RFC 4180 rules (quotes, doubled quotes, line breaks inside quotes).</summary>
internal static class CsvReadBack
{
    public static List<List<string>> Parse(byte[] bytes)
    {
        var text = new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ';')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Rows as maps from heading to field.</summary>
    public static List<Dictionary<string, string>> Records(byte[] bytes)
    {
        var rows = Parse(bytes);
        var headings = rows[0];
        return [.. rows.Skip(1).Select(r => headings.Select((h, i) => (h, r[i])).ToDictionary(x => x.h, x => x.Item2))];
    }

    // Decimal comma and an ASCII minus, as the files write them (sv-SE's own minus is U+2212).
    private static readonly NumberFormatInfo Swedish = new() { NumberDecimalSeparator = ",", NegativeSign = "-" };

    public static decimal? Number(string field) =>
        field.Length == 0 ? null : decimal.Parse(field, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, Swedish);
}

/// <summary>A PDF read with PdfPig: the words of each page joined by single spaces.</summary>
internal sealed class PdfReadBack : IDisposable
{
    private readonly PdfDocument document;

    public PdfReadBack(byte[] bytes)
    {
        document = PdfDocument.Open(bytes);
        Title = document.Information.Title;
        Language = document.Structure.Catalog.CatalogDictionary.TryGet(NameToken.Create("Lang"), out var lang) && lang is StringToken text ? text.Data : null;
        Pages = [.. document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text)))];
        LargeLetters = [.. document.GetPages().Select(p => new string([.. p.Letters.Where(l => l.PointSize >= 40).SelectMany(l => l.Value).Order()]))];
        FontNames = [.. document.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).OfType<string>().Distinct()];
    }

    public IReadOnlyList<string> Pages { get; }

    /// <summary>The document title from the information dictionary.</summary>
    public string? Title { get; }

    /// <summary>/Lang of the catalog the reader uses (the last one, after any incremental update).</summary>
    public string? Language { get; }

    public IReadOnlyList<string> FontNames { get; }

    /// <summary>Per page, the letters drawn at 40 pt or more (a watermark), sorted.</summary>
    public IReadOnlyList<string> LargeLetters { get; }

    public string AllText => string.Join('\n', Pages);

    public void Dispose() => document.Dispose();
}

/// <summary>One part's sheet: the header row found by its headings, the rows under it, cells by row name and heading.</summary>
internal sealed class XlsxPart
{
    public XlsxPart(XlsxReadBack xlsx, string sheet, IReadOnlyList<string> headings)
    {
        Headings = headings;
        HeaderIndex = xlsx.HeaderRow(sheet, headings);
        var rows = xlsx.Rows(sheet);
        Above = rows.Take(HeaderIndex).ToList();
        Header = rows[HeaderIndex];
        Body = rows.Skip(HeaderIndex + 1).ToList();
    }

    public IReadOnlyList<string> Headings { get; }

    /// <summary>0-based index of the header row in the sheet.</summary>
    public int HeaderIndex { get; }

    public List<Dictionary<string, XlsxCell>> Above { get; }

    public Dictionary<string, XlsxCell> Header { get; }

    public List<Dictionary<string, XlsxCell>> Body { get; }

    public string Letter(string heading)
    {
        var index = Headings.ToList().IndexOf(heading);
        return index < 0 ? throw new InvalidOperationException($"No column {heading}.") : XlsxReadBack.ColumnLetter(index);
    }

    public Dictionary<string, XlsxCell> Row(string name) => Body.Single(r => r.TryGetValue("A", out var c) && c.Text == name);

    public XlsxCell? Cell(string row, string heading) => Row(row).GetValueOrDefault(Letter(heading));
}
