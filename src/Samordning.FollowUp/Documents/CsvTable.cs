using System.Text;

namespace Samordning.FollowUp.Documents;

/// <summary>
/// CSV as Swedish Excel opens it: UTF-8 with BOM (so å ä ö survive), semicolons between
/// fields, decimal comma, CRLF line ends.
/// </summary>
internal static class CsvTable
{
    public const char Separator = ';';

    // The BOM is written as a character, so it is there whatever the stream (StreamWriter
    // leaves the encoding's preamble out on a stream that is not at its start).
    private const char ByteOrderMark = '\uFEFF';

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write<T>(Stream output, IReadOnlyList<TableColumn<T>> columns, IEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new StreamWriter(output, Utf8, bufferSize: 16 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        writer.Write(ByteOrderMark);
        WriteLine(writer, columns.Select(c => Text(c.Heading)));
        foreach (var row in rows)
        {
            WriteLine(writer, columns.Select(c => Field(c.Value(row))));
        }
    }

    private static void WriteLine(StreamWriter writer, IEnumerable<string> fields) =>
        writer.WriteLine(string.Join(Separator, fields));

    private static string Field(TableCell cell) =>
        cell.Kind == CellKind.Text ? Text(cell.Text) : cell.Csv();

    private static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        // A name starting like a formula would run as one in Excel (CSV injection): make it text.
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny([Separator, '"', '\r', '\n']) >= 0
            ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : value;
    }
}
