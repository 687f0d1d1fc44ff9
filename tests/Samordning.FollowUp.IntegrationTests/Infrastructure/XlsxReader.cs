using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>Reads an Excel file back the way a person would look at it: a sheet, a row by its text, the number under a heading.</summary>
public static class XlsxReader
{
    public static Worksheet Sheet(SpreadsheetDocument document, string name)
    {
        var sheet = document.WorkbookPart!.Workbook.Descendants<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single(s => s.Name == name);
        return ((WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!)).Worksheet;
    }

    public static string Text(SpreadsheetDocument document, Cell cell)
    {
        var value = cell.CellValue?.Text ?? cell.InlineString?.InnerText ?? string.Empty;
        return cell.DataType?.Value == CellValues.SharedString
            ? document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.ElementAt(int.Parse(value, CultureInfo.InvariantCulture)).InnerText
            : value;
    }

    public static Row RowWith(SpreadsheetDocument document, Worksheet sheet, string text) =>
        sheet.Descendants<Row>().First(r => r.Elements<Cell>().Any(c => Text(document, c) == text));

    /// <summary>The text in <paramref name="row"/> under <paramref name="heading"/>, as a person reads it ("&lt;5" for a masked count).</summary>
    public static string TextUnder(SpreadsheetDocument document, Worksheet sheet, Row row, string heading)
    {
        var headingCell = sheet.Descendants<Cell>().First(c => Text(document, c) == heading);
        var column = new string(headingCell.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray());
        var cell = row.Elements<Cell>().Single(c => c.CellReference!.Value!.StartsWith(column, StringComparison.Ordinal)
            && char.IsDigit(c.CellReference.Value[column.Length]));
        return Text(document, cell);
    }

    /// <summary>The number in <paramref name="row"/> in the column whose heading is <paramref name="heading"/>.</summary>
    public static decimal NumberUnder(SpreadsheetDocument document, Worksheet sheet, Row row, string heading)
    {
        var headingCell = sheet.Descendants<Cell>().First(c => Text(document, c) == heading);
        var column = new string(headingCell.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray());
        var cell = row.Elements<Cell>().Single(c => c.CellReference!.Value!.StartsWith(column, StringComparison.Ordinal)
            && char.IsDigit(c.CellReference.Value[column.Length]));
        Assert.True(cell.DataType is null || cell.DataType.Value == CellValues.Number, $"{heading} is stored as text");
        return decimal.Parse(cell.CellValue!.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
