using Samordning.FollowUp.Documents;
using Samordning.FollowUp.Features.Reports.Presentation;

namespace Samordning.FollowUp.Features.Reports.Files;

/// <summary>
/// The tertial report as an Excel workbook: "Sammanfattning" (title, status, key figures and the
/// providers' words), then one sheet per part of the report with the page's headings. Figures are
/// numeric cells holding the report's values; a figure its reader may not see is the text
/// "&lt;5" or "x", as on the page. A draft and the office's exact file say so at the top of every sheet.
/// </summary>
/// <remarks>Writes synchronously; for an HTTP response, write to a MemoryStream and copy that asynchronously.</remarks>
public static class TertialReportXlsx
{
    public const string SummarySheet = "Sammanfattning";

    /// <summary>The providers' words as a table, one row per intervention with a comment (the summary also reads them out).</summary>
    public const string NotesSheet = "Utförarnas kommentarer";

    public static void Write(ReportPresentation presentation, Stream output)
    {
        ArgumentNullException.ThrowIfNull(presentation);
        var workbook = new XlsxWorkbook();
        AddSummary(workbook.AddSheet(SummarySheet), presentation);
        foreach (var part in presentation.Parts)
        {
            AddPart(workbook.AddSheet(part.Table.SheetName), presentation, part);
        }

        AddNotes(workbook.AddSheet(NotesSheet), presentation);

        workbook.Save(output);
    }

    private static void Banners(XlsxSheet sheet, ReportPresentation presentation)
    {
        foreach (var banner in presentation.Banners)
        {
            sheet.AddRow([TableCell.OfText(banner.ToUpperInvariant())], RowStyle.Title);
        }
    }

    private static void AddPart(XlsxSheet sheet, ReportPresentation presentation, PresentedPart part)
    {
        Banners(sheet, presentation);
        sheet.AddRow([TableCell.OfText($"{part.Heading} – {presentation.Title}")], RowStyle.Emphasis);
        if (part.Introduction is { } introduction)
        {
            sheet.AddRow([TableCell.OfText(introduction)]);
        }

        sheet.AddBlankRow();
        sheet.AddDocumentTable(part.Table);
    }

    private static void AddSummary(XlsxSheet sheet, ReportPresentation presentation)
    {
        Banners(sheet, presentation);
        sheet.AddRow([TableCell.OfText(presentation.Title)], RowStyle.Title);
        sheet.AddBlankRow();
        (string Label, string Value)[] facts =
        [
            ("Samordningsförbund", presentation.AssociationName),
            ("Period", presentation.PeriodText),
            ("Redovisning", presentation.ModeText),
            ("Status", presentation.StatusText),
            .. presentation.AdoptionNote is { } adoptionNote ? [("Fastställande", adoptionNote)] : Array.Empty<(string, string)>(),
            ("Framtagen", presentation.GeneratedText),
        ];
        foreach (var (label, value) in facts)
        {
            sheet.AddRow([TableCell.OfText(label), TableCell.OfText(value)]);
        }

        sheet.AddRow([TableCell.OfText("Små tal"), TableCell.OfText(presentation.MaskingNote)]);

        Part(sheet, "Nyckeltal");
        sheet.AddHeaderRow([("Nyckeltal", CellKind.Text), ("Värde", CellKind.Text), ("Underlag", CellKind.Text), ("Bedömning", CellKind.Text)], [36, 22, 40, 24]);
        foreach (var figure in presentation.KeyFigures)
        {
            sheet.AddRow([TableCell.OfText(figure.Label), TableCell.OfText(figure.Value), TableCell.OfText(figure.Detail), TableCell.OfText(figure.More)]);
        }

        Part(sheet, "Utförarnas kommentarer");
        if (presentation.Notes.Count == 0)
        {
            sheet.AddRow([TableCell.OfText("Inga kommentarer har lämnats för perioden.")]);
        }

        foreach (var note in presentation.Notes)
        {
            sheet.AddRow([TableCell.OfText(note.Intervention), TableCell.OfText($"{note.Provider} · {note.Updated}")], RowStyle.Emphasis);
            foreach (var part in note.Parts)
            {
                sheet.AddRow([TableCell.OfText(part.Heading), TableCell.OfText(part.Text)]);
            }
        }

        sheet.Widen(0, 36);
        sheet.Widen(1, 40);
        sheet.Widen(2, 40);
        sheet.Widen(3, 24);
    }

    private static void AddNotes(XlsxSheet sheet, ReportPresentation presentation)
    {
        Banners(sheet, presentation);
        sheet.AddRow([TableCell.OfText($"{NotesSheet} – {presentation.Title}")], RowStyle.Emphasis);
        sheet.AddBlankRow();
        var headerRow = sheet.RowCount + 1;
        sheet.AddHeaderRow(
            [("Insats", CellKind.Text), ("Utförare", CellKind.Text), ("Uppdaterad", CellKind.Text),
             .. ReportPresenter.NoteParts.Select(p => (p.Heading, CellKind.Text))],
            [36, 30, 22, .. ReportPresenter.NoteParts.Select(_ => 60.0)]);
        foreach (var note in presentation.Notes)
        {
            sheet.AddRow([TableCell.OfText(note.Intervention), TableCell.OfText(note.Provider), TableCell.OfText(note.Updated),
                .. note.Parts.Select(p => TableCell.OfText(p.Text))]);
        }

        if (presentation.Notes.Count == 0)
        {
            sheet.AddRow([TableCell.OfText("Inga kommentarer har lämnats för perioden.")]);
        }
        else if (presentation.WithoutNote.Count > 0)
        {
            sheet.AddRow([TableCell.OfText($"Utan kommentar: {string.Join(", ", presentation.WithoutNote)}.")]);
        }

        sheet.Freeze(headerRow, 1);
    }

    private static void Part(XlsxSheet sheet, string title)
    {
        sheet.AddBlankRow();
        sheet.AddRow([TableCell.OfText(title)], RowStyle.Emphasis);
    }
}
