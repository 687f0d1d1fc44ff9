using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Samordning.FollowUp.Documents;

/// <summary>
/// Sets the document language (/Lang in the catalog, read by screen readers and by PDF/UA
/// checkers) on a finished PDF, which SkiaSharp's metadata cannot carry. Done as an
/// incremental update, the PDF standard's own way to amend a file: the catalog is written
/// again with /Lang, followed by a cross-reference section and a trailer pointing back to the
/// original ones; the original bytes stay as they are.
/// </summary>
internal static partial class PdfCatalog
{
    public static void WithLanguage(byte[] pdf, string language, Stream output)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(output);
        // PDF structure is ASCII; Latin-1 maps every byte to one char and back unchanged.
        var text = Encoding.Latin1.GetString(pdf);
        var startXref = StartXref().Matches(text) is { Count: > 0 } found ? found[^1] : null;
        var trailer = Trailer().Matches(text) is { Count: > 0 } trailers ? trailers[^1] : null;
        var root = trailer is null ? null : Root().Match(trailer.Value);
        if (startXref is null || root is not { Success: true })
        {
            // Not a classic cross-reference table: leave the file as it is rather than damage it.
            output.Write(pdf);
            return;
        }

        var number = root.Groups["number"].Value;
        var generation = root.Groups["generation"].Value;
        var catalog = new Regex($@"(?<![0-9]){number}\s+{generation}\s+obj\s*<<(?<body>.*?)>>\s*endobj", RegexOptions.Singleline).Match(text);
        if (!catalog.Success || catalog.Groups["body"].Value.Contains("/Lang", StringComparison.Ordinal))
        {
            output.Write(pdf);
            return;
        }

        var size = Size().Match(trailer!.Value).Groups["size"].Value;
        var info = Info().Match(trailer.Value);
        var update = new StringBuilder();
        var offset = pdf.Length + 1;
        update.Append('\n');
        update.Append(CultureInfo.InvariantCulture, $"{number} {generation} obj\n<<{catalog.Groups["body"].Value} /Lang ({language})>>\nendobj\n");
        var xref = pdf.Length + Encoding.Latin1.GetByteCount(update.ToString());
        update.Append(CultureInfo.InvariantCulture, $"xref\n{number} 1\n{offset:D10} {int.Parse(generation, CultureInfo.InvariantCulture):D5} n \n");
        update.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {size} /Root {number} {generation} R");
        if (info.Success)
        {
            update.Append(' ').Append(info.Value);
        }

        update.Append(CultureInfo.InvariantCulture, $" /Prev {startXref.Groups["offset"].Value} >>\nstartxref\n{xref}\n%%EOF\n");
        output.Write(pdf);
        output.Write(Encoding.Latin1.GetBytes(update.ToString()));
    }

    [GeneratedRegex(@"startxref\s+(?<offset>\d+)")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"trailer\s*<<.*?>>\s*startxref", RegexOptions.Singleline)]
    private static partial Regex Trailer();

    [GeneratedRegex(@"/Root\s+(?<number>\d+)\s+(?<generation>\d+)\s+R")]
    private static partial Regex Root();

    [GeneratedRegex(@"/Size\s+(?<size>\d+)")]
    private static partial Regex Size();

    [GeneratedRegex(@"/Info\s+\d+\s+\d+\s+R")]
    private static partial Regex Info();
}
