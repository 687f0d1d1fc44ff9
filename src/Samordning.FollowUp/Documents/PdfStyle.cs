using SkiaSharp;

namespace Samordning.FollowUp.Documents;

/// <summary>The PDF's typefaces, embedded in the assembly (DejaVu Sans Condensed; see Fonts/LICENSE-DejaVu.txt).</summary>
internal static class PdfFonts
{
    private const string ResourcePrefix = "Samordning.FollowUp.Documents.Fonts.";

    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("DejaVuSansCondensed.ttf"));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("DejaVuSansCondensed-Bold.ttf"));

    public static SKTypeface Regular => RegularFace.Value;

    public static SKTypeface Bold => BoldFace.Value;

    private static SKTypeface Load(string file)
    {
        using var resource = typeof(PdfFonts).Assembly.GetManifestResourceStream(ResourcePrefix + file)
            ?? throw new InvalidOperationException($"The font {file} is not embedded in {typeof(PdfFonts).Assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        using var data = SKData.CreateCopy(copy.ToArray());
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"The embedded font {file} could not be read.");
    }
}

/// <summary>Fonts, colours and paints of one PDF document.</summary>
internal sealed class PdfStyle : IDisposable
{
    public static readonly SKColor Ink = new(0x1F, 0x29, 0x33);
    public static readonly SKColor Muted = new(0x5F, 0x6B, 0x76);
    public static readonly SKColor Rule = new(0xC9, 0xCE, 0xD4);
    public static readonly SKColor HeaderFill = new(0xDC, 0xE4, 0xF2);
    public static readonly SKColor BandFill = new(0xEC, 0xEF, 0xF5);
    public static readonly SKColor SubtotalFill = new(0xF1, 0xF2, 0xF4);
    public static readonly SKColor Zebra = new(0xFA, 0xFA, 0xFB);
    public static readonly SKColor TileFill = new(0xF3, 0xF6, 0xFA);
    public static readonly SKColor Accent = new(0x2B, 0x4C, 0x7E);
    public static readonly SKColor Neutral = new(0x8F, 0xA8, 0xC8);
    public static readonly SKColor Met = new(0x2E, 0x7D, 0x32);
    public static readonly SKColor NotMet = new(0xC6, 0x28, 0x28);
    public static readonly SKColor TooFew = new(0x9E, 0x9E, 0x9E);
    public static readonly SKColor Caution = new(0xB2, 0x5E, 0x00);
    public static readonly SKColor WatermarkInk = new(0xC6, 0x28, 0x28, 0x30);

    private readonly Dictionary<(SKColor, float, bool, bool), SKPaint> paints = [];
    private readonly List<SKFont> fonts = [];

    public PdfStyle()
    {
        Title = Font(PdfFonts.Bold, 22);
        Subtitle = Font(PdfFonts.Bold, 15);
        Heading = Font(PdfFonts.Bold, 14);
        Subheading = Font(PdfFonts.Bold, 10.5f);
        Body = Font(PdfFonts.Regular, 9.5f);
        BodyBold = Font(PdfFonts.Bold, 9.5f);
        Small = Font(PdfFonts.Regular, 7.5f);
        SmallBold = Font(PdfFonts.Bold, 7.5f);
        Table = Font(PdfFonts.Regular, 7f);
        TableBold = Font(PdfFonts.Bold, 7f);
        Figure = Font(PdfFonts.Bold, 15);
        FigureSmall = Font(PdfFonts.Bold, 11);
        Watermark = Font(PdfFonts.Bold, 130);
    }

    /// <summary>The big word across a page ("UTKAST").</summary>
    public SKFont Watermark { get; }

    public SKFont Title { get; }

    public SKFont Subtitle { get; }

    public SKFont Heading { get; }

    public SKFont Subheading { get; }

    public SKFont Body { get; }

    public SKFont BodyBold { get; }

    public SKFont Small { get; }

    public SKFont SmallBold { get; }

    public SKFont Table { get; }

    public SKFont TableBold { get; }

    public SKFont Figure { get; }

    public SKFont FigureSmall { get; }

    public static float LineHeight(SKFont font) => font.Size * 1.3f;

    /// <summary>The baseline that centres capitals in a line starting at <paramref name="top"/>.</summary>
    public static float Baseline(SKFont font, float top) => top + ((LineHeight(font) + font.Metrics.CapHeight) / 2);

    public SKPaint Fill(SKColor color) => Paint(color, 0, dashed: false, stroke: false);

    public SKPaint Stroke(SKColor color, float width, bool dashed = false) => Paint(color, width, dashed, stroke: true);

    public void Dispose()
    {
        foreach (var paint in paints.Values)
        {
            paint.Dispose();
        }

        foreach (var font in fonts)
        {
            font.Dispose();
        }
    }

    private SKFont Font(SKTypeface face, float size)
    {
        // Unhinted, linear metrics: glyphs sit where the PDF's width table says, so extracted words stay whole.
        var font = new SKFont(face, size) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None };
        fonts.Add(font);
        return font;
    }

    private SKPaint Paint(SKColor color, float width, bool dashed, bool stroke)
    {
        if (!paints.TryGetValue((color, width, dashed, stroke), out var paint))
        {
            paint = new SKPaint { Color = color, IsAntialias = true, Style = stroke ? SKPaintStyle.Stroke : SKPaintStyle.Fill, StrokeWidth = width };
            if (dashed)
            {
                paint.PathEffect = SKPathEffect.CreateDash([3f, 2f], 0);
            }

            paints.Add((color, width, dashed, stroke), paint);
        }

        return paint;
    }
}

/// <summary>Line breaking for the PDF: at spaces (never at the no-break spaces inside figures), a long word by characters.</summary>
internal static class PdfText
{
    public static List<string> Wrap(string? text, SKFont font, float width)
    {
        var lines = new List<string>();
        var paragraphs = (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\t', ' ').Split('\n');
        foreach (var paragraph in paragraphs)
        {
            var line = string.Empty;
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (font.MeasureText(candidate) <= width)
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (line.Length > 1 && font.MeasureText(line) > width)
                {
                    var fit = Math.Max(1, font.BreakText(line, width));
                    lines.Add(line[..fit]);
                    line = line[fit..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    public static float WidestWord(string text, SKFont font) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => font.MeasureText(w)).DefaultIfEmpty(0).Max();
}
