using Samordning.FollowUp.Common;
using Samordning.FollowUp.Documents;
using Samordning.FollowUp.Features.Reports.Presentation;
using SkiaSharp;

namespace Samordning.FollowUp.Features.Reports.Files;

/// <summary>
/// The tertial report as a printable board document (landscape A4), from the one presentation:
/// the first page answers "on target? against plan? what did it cost?" (key figures and the
/// indicators against their targets), then every part of the report as on the page, the
/// providers' words, and "Sida N av M" on every page. A draft carries "UTKAST" across every
/// page; the office's exact file says on every page that it is not to be handed out.
/// </summary>
/// <remarks>Writes synchronously; for an HTTP response, write to a MemoryStream and copy that asynchronously.</remarks>
public static class TertialReportPdf
{
    public const string Language = "sv-SE";

    public static void Write(ReportPresentation presentation, Stream output)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        ArgumentNullException.ThrowIfNull(output);
        using var style = new PdfStyle();
        var flow = new PdfFlow(style);
        new TertialReportPdfLayout(presentation, flow).Compose();
        using var pdf = new MemoryStream();
        flow.Render(pdf, Metadata(presentation));
        PdfCatalog.WithLanguage(pdf.ToArray(), Language, output);
    }

    private static SKDocumentPdfMetadata Metadata(ReportPresentation presentation)
    {
        var metadata = SKDocumentPdfMetadata.Default;
        metadata.Title = presentation.Title;
        metadata.Author = presentation.AssociationName;
        metadata.Subject = $"{presentation.Title}, {presentation.ModeText.ToLower(SwedishFormat.Culture)}, {presentation.StatusText}";
        metadata.Keywords = string.Join(", ", ["tertialrapport", .. presentation.Banners]);
        metadata.Creator = "Samordning Uppföljning";
        metadata.Producer = "Samordning Uppföljning";
        return metadata;
    }
}

/// <summary>The parts of the PDF, in order.</summary>
internal sealed class TertialReportPdfLayout(ReportPresentation presentation, PdfFlow flow)
{
    private const float NoteWidth = 620f;
    private const int TilesPerRow = 4;

    private PdfStyle Style => flow.Style;

    public void Compose()
    {
        flow.NewPage();
        TitleBlock();
        KeyFigures();
        flow.Heading("Indikatorer mot mål", Style.Subheading, keepWith: 70);
        IndicatorChart.Draw(flow, presentation.Indicators);
        if (presentation.Trend is { } trend)
        {
            flow.Heading("Indikatorerna över tid", Style.Subheading, keepWith: 90, spaceBefore: 10);
            IndicatorChart.DrawTrend(flow, trend, presentation.Indicators);
        }

        foreach (var part in presentation.Parts)
        {
            Part(part);
        }

        Notes();
        flow.AddFooters(Footer);
    }

    private void TitleBlock()
    {
        var top = flow.Y;
        var y = top;
        foreach (var banner in presentation.Banners)
        {
            var height = PdfStyle.LineHeight(Style.Subheading) + 6;
            flow.Rect(new SKRect(PdfFlow.Left, y, PdfFlow.Right, y + height), PdfStyle.NotMet);
            flow.Text(banner.ToUpper(SwedishFormat.Culture), PdfFlow.Left + 10, PdfStyle.Baseline(Style.Subheading, y + 3), Style.Subheading, SKColors.White);
            y += height + 4;
        }

        var titleTop = y;
        flow.Text(presentation.AssociationName, PdfFlow.Left + 14, PdfStyle.Baseline(Style.Title, y), Style.Title, PdfStyle.Ink);
        y += PdfStyle.LineHeight(Style.Title);
        flow.Text(presentation.Heading, PdfFlow.Left + 14, PdfStyle.Baseline(Style.Subtitle, y), Style.Subtitle, PdfStyle.Accent);
        y += PdfStyle.LineHeight(Style.Subtitle) + 4;
        flow.Text($"Period {presentation.PeriodText}   ·   Redovisning: {presentation.ModeText}", PdfFlow.Left + 14,
            PdfStyle.Baseline(Style.Body, y), Style.Body, PdfStyle.Ink);
        y += PdfStyle.LineHeight(Style.Body);
        flow.Text($"Status: {presentation.StatusText}   ·   {presentation.GeneratedText}", PdfFlow.Left + 14,
            PdfStyle.Baseline(Style.BodyBold, y), Style.BodyBold, PdfStyle.Ink);
        y += PdfStyle.LineHeight(Style.BodyBold);
        flow.Rect(new SKRect(PdfFlow.Left, titleTop, PdfFlow.Left + 5, y), PdfStyle.Accent);
        flow.Y = y + 8;
        if (presentation.AdoptionNote is { } note)
        {
            flow.Paragraph(note, Style.BodyBold, PdfStyle.Ink, width: PdfFlow.Width);
        }

        flow.Paragraph(presentation.MaskingNote, Style.Small, PdfStyle.Muted, width: PdfFlow.Width);
        flow.Y += 4;
    }

    private void KeyFigures()
    {
        const float gap = 8f;
        const float height = 70f;
        var width = (PdfFlow.Width - (gap * (TilesPerRow - 1))) / TilesPerRow;
        flow.Heading("Nyckeltal", Style.Subheading, keepWith: height);
        var figures = presentation.KeyFigures;
        for (var start = 0; start < figures.Count; start += TilesPerRow)
        {
            flow.EnsureSpace(height + gap);
            var row = figures.Skip(start).Take(TilesPerRow).ToList();
            for (var i = 0; i < row.Count; i++)
            {
                DrawTile(row[i], PdfFlow.Left + (i * (width + gap)), flow.Y, width, height);
            }

            flow.Y += height + gap;
        }

        flow.Y += 4;
    }

    private static SKColor ToneColor(FigureTone tone) => tone switch
    {
        FigureTone.Good => PdfStyle.Met,
        FigureTone.Bad => PdfStyle.NotMet,
        FigureTone.Caution => PdfStyle.Caution,
        _ => PdfStyle.Ink,
    };

    private void DrawTile(KeyFigure tile, float x, float top, float width, float height)
    {
        flow.Rect(new SKRect(x, top, x + width, top + height), PdfStyle.TileFill);
        flow.Rect(new SKRect(x, top, x + 4, top + height), tile.Tone == FigureTone.Neutral ? PdfStyle.Accent : ToneColor(tile.Tone));
        var inner = width - 16;
        var y = top + 5;
        flow.Text(PdfText.Wrap(tile.Label, Style.SmallBold, inner)[0], x + 10, PdfStyle.Baseline(Style.SmallBold, y), Style.SmallBold, PdfStyle.Muted);
        y = top + 20;
        // A budget in tens of millions does not fit the big figure font.
        var font = Style.Figure.MeasureText(SwedishFormat.ForDrawing(tile.Value)) <= inner ? Style.Figure : Style.FigureSmall;
        flow.Text(tile.Value, x + 10, PdfStyle.Baseline(font, y), font, PdfStyle.Ink);
        y += PdfStyle.LineHeight(Style.Figure);
        if (tile.Detail is { } detail)
        {
            flow.Text(PdfText.Wrap(detail, Style.Small, inner)[0], x + 10, PdfStyle.Baseline(Style.Small, y), Style.Small, PdfStyle.Ink);
            y += PdfStyle.LineHeight(Style.Small);
        }

        if (tile.More is { } more)
        {
            flow.Text(PdfText.Wrap(more, Style.SmallBold, inner)[0], x + 10, PdfStyle.Baseline(Style.SmallBold, y), Style.SmallBold, ToneColor(tile.Tone));
        }
    }

    private void Part(PresentedPart part)
    {
        var table = part.Table;
        flow.Heading(part.Heading, Style.Heading, keepWith: 120, spaceBefore: 12);
        if (part.Introduction is { } introduction)
        {
            flow.Paragraph(introduction, Style.Small, PdfStyle.Muted, width: PdfFlow.Width);
        }

        var rows = table.Rows.Select(r => r.Kind == RowKind.Band
            ? PdfRow<DocumentRow>.BandOf(r.Band!)
            : PdfRow<DocumentRow>.Of(r, r.IsEmphasised)).ToList();
        new PdfTable<DocumentRow>(flow, table.WriterColumns(), table.KeyColumns, rows).Draw(table.Title, rows);
    }

    private void Notes()
    {
        flow.NewPage();
        flow.Heading("Utförarnas kommentarer", Style.Heading);
        foreach (var note in presentation.Notes)
        {
            Note(note);
        }

        if (presentation.Notes.Count == 0)
        {
            flow.Paragraph("Inga kommentarer har lämnats för perioden.", Style.Body, PdfStyle.Muted);
        }
        else if (presentation.WithoutNote.Count > 0)
        {
            flow.Paragraph($"Utan kommentar: {string.Join(", ", presentation.WithoutNote)}.", Style.Small, PdfStyle.Muted, width: NoteWidth);
        }
    }

    private void Note(PresentedNote note)
    {
        var lineHeight = PdfStyle.LineHeight(Style.Body);
        flow.EnsureSpace(PdfStyle.LineHeight(Style.Subheading) + (5 * lineHeight));
        flow.Paragraph(note.Intervention, Style.Subheading, PdfStyle.Ink, width: NoteWidth, spaceAfter: 0);
        flow.Paragraph($"{note.Provider} · {note.Updated}", Style.Small, PdfStyle.Muted, width: NoteWidth, spaceAfter: 2);
        foreach (var part in note.Parts)
        {
            flow.EnsureSpace(PdfStyle.LineHeight(Style.BodyBold) + lineHeight);
            flow.Text(part.Heading, PdfFlow.Left, PdfStyle.Baseline(Style.BodyBold, flow.Y), Style.BodyBold, PdfStyle.Ink);
            flow.Y += PdfStyle.LineHeight(Style.BodyBold);
            flow.Paragraph(part.Text, Style.Body, part.Empty ? PdfStyle.Muted : PdfStyle.Ink, width: NoteWidth);
        }

        flow.Y += 8;
    }

    private void Footer(int page, int count)
    {
        if (presentation.IsDraft)
        {
            flow.Watermark("UTKAST");
        }

        var rule = PdfFlow.PageHeight - PdfFlow.Margin - 12;
        flow.Line(PdfFlow.Left, rule, PdfFlow.Right, rule, PdfStyle.Rule);
        var baseline = PdfStyle.Baseline(Style.Small, rule + 3);
        var left = string.Join(" · ", [presentation.Title, presentation.ModeText, presentation.StatusText, .. presentation.Banners.Where(b => b != ReportPresenter.DraftBanner)]);
        flow.Text(PdfText.Wrap(left, Style.Small, PdfFlow.Width - 80)[0], PdfFlow.Left, baseline, Style.Small, PdfStyle.Muted);
        flow.Text($"Sida {page} av {count}", PdfFlow.Right, baseline, Style.SmallBold, PdfStyle.Ink, SKTextAlign.Right);
    }
}
