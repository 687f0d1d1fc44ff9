using Samordning.FollowUp.Common;
using SkiaSharp;

namespace Samordning.FollowUp.Documents;

/// <summary>
/// Lays content out top to bottom on landscape A4 pages. Drawing is recorded per page and
/// replayed when the document is written, so every page knows the page count ("Sida N av M").
/// </summary>
internal sealed class PdfFlow(PdfStyle style)
{
    public const float PageWidth = 841.89f;
    public const float PageHeight = 595.28f;
    public const float Margin = 36f;
    private const float FooterSpace = 24f;

    private readonly List<List<Action<SKCanvas>>> pages = [];
    private int current;

    public PdfStyle Style { get; } = style;

    public static float Left => Margin;

    public static float Right => PageWidth - Margin;

    public static float Width => Right - Left;

    public static float Top => Margin;

    public static float Bottom => PageHeight - Margin - FooterSpace;

    /// <summary>Where the next content starts on the current page.</summary>
    public float Y { get; set; }

    public int PageCount => pages.Count;

    public bool AtPageTop => Y <= Top + 0.5f;

    public void NewPage()
    {
        pages.Add([]);
        current = pages.Count - 1;
        Y = Top;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> fits below the current position.</summary>
    public void EnsureSpace(float height)
    {
        if (pages.Count == 0 || (Y + height > Bottom && !AtPageTop))
        {
            NewPage();
        }
    }

    public void Draw(Action<SKCanvas> draw) => pages[current].Add(draw);

    public void Text(string text, float x, float baseline, SKFont font, SKColor color, SKTextAlign align = SKTextAlign.Left)
    {
        var paint = Style.Fill(color);
        var drawn = SwedishFormat.ForDrawing(text);
        Draw(c => c.DrawText(drawn, x, baseline, align, font, paint));
    }

    /// <summary>A word in large, light letters diagonally across the current page, under nothing and over everything.</summary>
    public void Watermark(string text)
    {
        var paint = Style.Fill(PdfStyle.WatermarkInk);
        var font = Style.Watermark;
        Draw(c =>
        {
            c.Save();
            c.Translate(PageWidth / 2, PageHeight / 2);
            c.RotateDegrees(-30);
            c.DrawText(text, 0, font.Metrics.CapHeight / 2, SKTextAlign.Center, font, paint);
            c.Restore();
        });
    }

    public void Rect(SKRect rect, SKColor fill)
    {
        var paint = Style.Fill(fill);
        Draw(c => c.DrawRect(rect, paint));
    }

    public void Line(float x0, float y0, float x1, float y1, SKColor color, float width = 0.5f, bool dashed = false)
    {
        var paint = Style.Stroke(color, width, dashed);
        Draw(c => c.DrawLine(x0, y0, x1, y1, paint));
    }

    /// <summary>A heading; kept on the page with <paramref name="keepWith"/> points of what follows.</summary>
    public void Heading(string text, SKFont font, float keepWith = 60, float spaceBefore = 6)
    {
        var height = PdfStyle.LineHeight(font);
        EnsureSpace(spaceBefore + height + keepWith);
        if (!AtPageTop)
        {
            Y += spaceBefore;
        }

        Text(text, Left, PdfStyle.Baseline(font, Y), font, PdfStyle.Ink);
        Y += height + 2;
    }

    /// <summary>Wrapped text at <paramref name="x"/>, line by line, continuing on the next page when needed.</summary>
    public void Paragraph(string text, SKFont font, SKColor color, float? x = null, float? width = null, float spaceAfter = 4)
    {
        var left = x ?? Left;
        var lineHeight = PdfStyle.LineHeight(font);
        foreach (var line in PdfText.Wrap(text, font, width ?? (Right - left)))
        {
            EnsureSpace(lineHeight);
            Text(line, left, PdfStyle.Baseline(font, Y), font, color);
            Y += lineHeight;
        }

        Y += spaceAfter;
    }

    /// <summary>Once the layout is done: lets <paramref name="footer"/> draw on every page, knowing its number and the count.</summary>
    public void AddFooters(Action<int, int> footer)
    {
        for (current = 0; current < pages.Count; current++)
        {
            footer(current + 1, pages.Count);
        }

        current = pages.Count - 1;
    }

    public void Render(Stream output, SKDocumentPdfMetadata metadata)
    {
        using var stream = new SKManagedWStream(output);
        using var document = SKDocument.CreatePdf(stream, metadata)
            ?? throw new InvalidOperationException("SkiaSharp could not create a PDF document.");
        foreach (var page in pages)
        {
            var canvas = document.BeginPage(PageWidth, PageHeight);
            foreach (var draw in page)
            {
                draw(canvas);
            }

            document.EndPage();
        }

        document.Close();
    }
}
