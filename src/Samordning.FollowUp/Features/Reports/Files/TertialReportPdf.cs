using Samordning.FollowUp.Common;
using SkiaSharp;
using Samordning.FollowUp.Documents;

namespace Samordning.FollowUp.Features.Reports.Files;

/// <summary>
/// The tertial report as a printable board document (landscape A4): title and key figures,
/// the indicators against their targets, the tables per orientation and category with
/// subtotals, data quality, the providers' notes, and "Sida N av M" on every page.
/// </summary>
/// <remarks>Writes synchronously; for an HTTP response, write to a MemoryStream and copy that asynchronously.</remarks>
public static class TertialReportPdf
{
    public static void Write(TertialReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        using var style = new PdfStyle();
        var flow = new PdfFlow(style);
        new TertialReportPdfLayout(report, flow).Compose();
        flow.Render(output, Metadata(report.Header));
    }

    private static SKDocumentPdfMetadata Metadata(ReportHeader header)
    {
        var metadata = SKDocumentPdfMetadata.Default;
        metadata.Title = $"{ReportText.Title(header)} – {header.AssociationName}";
        metadata.Author = header.AssociationName;
        metadata.Subject = $"{ReportText.Title(header)}, {ReportText.Mode(header.Mode).ToLower(SwedishFormat.Culture)}";
        metadata.Creator = "Samordning.FollowUp";
        metadata.Producer = "Samordning.FollowUp";
        metadata.Creation = header.GeneratedAtUtc;
        metadata.Modified = header.AdoptedAtUtc ?? header.GeneratedAtUtc;
        return metadata;
    }
}

/// <summary>The parts of the PDF, in order.</summary>
internal sealed class TertialReportPdfLayout(TertialReport report, PdfFlow flow)
{
    // Insats and Utförare start every part of a wide table.
    private const int KeyColumns = 2;
    private const float NoteWidth = 620f;

    internal static readonly (string Heading, Func<TertialNoteResponse, string?> Text)[] NoteParts =
    [
        ("Inflöde och kö", n => n.ReferralFlowAndQueue),
        ("Vad har fungerat", n => n.WhatWorked),
        ("Avvikelser och risker", n => n.DeviationsAndRisks),
    ];

    private PdfStyle Style => flow.Style;

    private ReportHeader Header => report.Header;

    public void Compose()
    {
        flow.NewPage();
        TitleBlock();
        KeyFigures();
        Indicators();
        Overview();
        foreach (var section in report.Sections)
        {
            Section(section);
        }

        DataQuality();
        Notes();
        flow.AddFooters(Footer);
    }

    private void TitleBlock()
    {
        var top = flow.Y;
        flow.Text(Header.AssociationName, PdfFlow.Left + 14, PdfStyle.Baseline(Style.Title, top), Style.Title, PdfStyle.Ink);
        var y = top + PdfStyle.LineHeight(Style.Title);
        flow.Text(ReportText.Title(Header), PdfFlow.Left + 14, PdfStyle.Baseline(Style.Subtitle, y), Style.Subtitle, PdfStyle.Accent);
        y += PdfStyle.LineHeight(Style.Subtitle) + 4;
        var facts = $"Period {SwedishFormat.Period(Header.PeriodFrom, Header.PeriodTo)}   ·   Redovisning: {ReportText.Mode(Header.Mode)}";
        flow.Text(facts, PdfFlow.Left + 14, PdfStyle.Baseline(Style.Body, y), Style.Body, PdfStyle.Ink);
        y += PdfStyle.LineHeight(Style.Body);
        var generated = $"Framtagen {SwedishFormat.Timestamp(Header.GeneratedAtUtc)}";
        var status = Header.AdoptedAtUtc is null ? $"{generated}   ·   {ReportText.Adoption(Header)}" : $"{ReportText.Adoption(Header)}   ·   {generated}";
        flow.Text(status, PdfFlow.Left + 14, PdfStyle.Baseline(Style.BodyBold, y), Style.BodyBold, PdfStyle.Ink);
        y += PdfStyle.LineHeight(Style.BodyBold);
        flow.Rect(new SKRect(PdfFlow.Left, top, PdfFlow.Left + 5, y), PdfStyle.Accent);
        flow.Y = y + 14;
    }

    private void KeyFigures()
    {
        var total = report.Total;
        var plannedLabel = Header.Mode == ReportMode.YearToDate ? "planerat hittills" : "planerat för perioden";
        Tile[] tiles =
        [
            new("Aktiva deltagare", SwedishFormat.Number(total.Active.Total), Genders(total.Active),
                $"{plannedLabel} {TableCell.OfOneDecimal(total.PlannedParticipantsProRata).Display()}"),
            new("Nya", SwedishFormat.Number(total.New.Total), Genders(total.New), null),
            new("Avslutade", SwedishFormat.Number(total.Ended.Total), Genders(total.Ended), null),
            new("Pågående vid periodens slut", SwedishFormat.Number(total.OngoingAtEnd.Total), Genders(total.OngoingAtEnd), null),
            new("Volyminsatser (antal)", SwedishFormat.Number(total.CountOnly.Total), Genders(total.CountOnly), null),
            new("Utfall", SwedishFormat.Kronor(total.ActualCostSek), $"budget {SwedishFormat.Kronor(total.BudgetSek)}",
                $"förbrukat {SwedishFormat.Percent(total.BudgetUsedPercent)}"),
            new("Kostnad per deltagare", total.CostPerParticipantSek is { } cost ? SwedishFormat.Kronor(cost) : "–",
                $"{SwedishFormat.Number(total.CostPerParticipantDenominator)} deltagare", null),
        ];
        const float gap = 8f;
        var width = (PdfFlow.Width - (gap * (tiles.Length - 1))) / tiles.Length;
        var height = 66f;
        flow.Heading("Nyckeltal för förbundet", Style.Subheading, keepWith: height);
        for (var i = 0; i < tiles.Length; i++)
        {
            DrawTile(tiles[i], PdfFlow.Left + (i * (width + gap)), flow.Y, width, height);
        }

        flow.Y += height + 4;
        if (!string.IsNullOrWhiteSpace(total.CostPerParticipantBasis))
        {
            flow.Paragraph($"Kostnad per deltagare: {total.CostPerParticipantBasis}", Style.Small, PdfStyle.Muted);
        }

        flow.Y += 6;
    }

    private static string Genders(GenderCount count) =>
        $"kvinnor {SwedishFormat.Number(count.Women)} · män {SwedishFormat.Number(count.Men)}";

    private void DrawTile(Tile tile, float x, float top, float width, float height)
    {
        flow.Rect(new SKRect(x, top, x + width, top + height), PdfStyle.TileFill);
        var inner = width - 12;
        var y = top + 5;
        foreach (var line in PdfText.Wrap(tile.Label, Style.SmallBold, inner).Take(2))
        {
            flow.Text(line, x + 6, PdfStyle.Baseline(Style.SmallBold, y), Style.SmallBold, PdfStyle.Muted);
            y += PdfStyle.LineHeight(Style.SmallBold);
        }

        y = top + 24;
        // A budget in tens of millions does not fit the big figure font.
        var font = Style.Figure.MeasureText(SwedishFormat.ForDrawing(tile.Value)) <= inner ? Style.Figure : Style.FigureSmall;
        flow.Text(tile.Value, x + 6, PdfStyle.Baseline(font, y), font, PdfStyle.Ink);
        y += PdfStyle.LineHeight(Style.Figure);
        foreach (var sub in new[] { tile.Detail, tile.More }.OfType<string>())
        {
            flow.Text(PdfText.Wrap(sub, Style.Small, inner)[0], x + 6, PdfStyle.Baseline(Style.Small, y), Style.Small, PdfStyle.Ink);
            y += PdfStyle.LineHeight(Style.Small);
        }
    }

    private void Indicators()
    {
        flow.Heading("Indikatorer mot mål", Style.Subheading, keepWith: 70);
        IndicatorChart.Draw(flow, [.. SummaryColumns.IndicatorLines(report)]);
    }

    private void Overview()
    {
        var rows = report.Sections.Select(s => PdfRow<ReportLine>.Of(ReportLines.Subtotal(s)))
            .Append(PdfRow<ReportLine>.Of(ReportLines.Total(report), emphasis: true))
            .ToList();
        flow.Heading("Översikt per inriktning", Style.Heading, keepWith: 120, spaceBefore: 10);
        Table("Förbundet totalt", rows);
    }

    private void Section(ReportSection section)
    {
        flow.NewPage();
        flow.Heading(ReportText.SectionTitle(section.Orientation), Style.Heading);
        var rows = new List<PdfRow<ReportLine>>();
        foreach (var category in section.Categories)
        {
            rows.Add(PdfRow<ReportLine>.BandOf(category.Label));
            rows.AddRange(ReportLines.Interventions(section, category).Select(l => PdfRow<ReportLine>.Of(l)));
            rows.Add(PdfRow<ReportLine>.Of(ReportLines.Subtotal(section, category), emphasis: true));
        }

        rows.Add(PdfRow<ReportLine>.Of(ReportLines.Subtotal(section), emphasis: true));
        Table($"{ReportText.SectionTitle(section.Orientation)} per kategori", rows);
    }

    private void Table(string title, List<PdfRow<ReportLine>> rows) =>
        new PdfTable<ReportLine>(flow, ReportColumns.Section(Header), KeyColumns, rows).Draw(title, rows);

    private void DataQuality()
    {
        flow.NewPage();
        flow.Heading("Datakvalitet", Style.Heading);
        flow.Paragraph(
            "Registreringar som behöver kompletteras hos utförarna. Uppgifter som saknas vid avslut "
            + "och uteblivna uppföljningar påverkar indikatorerna.",
            Style.Body,
            PdfStyle.Ink,
            width: NoteWidth);
        var total = ReportLines.DataQualityTotal(report.DataQuality);
        var rows = report.DataQuality.Select(r => PdfRow<DataQualityRow>.Of(r)).Append(PdfRow<DataQualityRow>.Of(total, emphasis: true)).ToList();
        new PdfTable<DataQualityRow>(flow, ReportColumns.DataQuality, 1, rows).Draw("Per utförare", rows);
    }

    private void Notes()
    {
        flow.NewPage();
        flow.Heading("Utförarnas kommentarer", Style.Heading);
        var interventions = report.Sections.SelectMany(s => s.Categories).SelectMany(c => c.Interventions).ToList();
        foreach (var row in interventions.Where(r => r.Note is not null))
        {
            Note(row, row.Note!);
        }

        var without = interventions.Where(r => r.Note is null).Select(r => r.Name).ToList();
        if (without.Count == interventions.Count)
        {
            flow.Paragraph("Inga kommentarer har lämnats för perioden.", Style.Body, PdfStyle.Muted);
        }
        else if (without.Count > 0)
        {
            flow.Paragraph($"Utan kommentar: {string.Join(", ", without)}.", Style.Small, PdfStyle.Muted, width: NoteWidth);
        }
    }

    private void Note(ReportRow row, TertialNoteResponse note)
    {
        var lineHeight = PdfStyle.LineHeight(Style.Body);
        flow.EnsureSpace(PdfStyle.LineHeight(Style.Subheading) + (5 * lineHeight));
        flow.Paragraph(row.Name, Style.Subheading, PdfStyle.Ink, width: NoteWidth, spaceAfter: 0);
        flow.Paragraph($"{row.ProviderName} · uppdaterad {SwedishFormat.DateOf(note.UpdatedAtUtc)}", Style.Small, PdfStyle.Muted, width: NoteWidth, spaceAfter: 2);
        foreach (var (heading, text) in NoteParts)
        {
            flow.EnsureSpace(PdfStyle.LineHeight(Style.BodyBold) + lineHeight);
            flow.Text(heading, PdfFlow.Left, PdfStyle.Baseline(Style.BodyBold, flow.Y), Style.BodyBold, PdfStyle.Ink);
            flow.Y += PdfStyle.LineHeight(Style.BodyBold);
            var value = text(note);
            flow.Paragraph(string.IsNullOrWhiteSpace(value) ? "Ingen uppgift." : value, Style.Body,
                string.IsNullOrWhiteSpace(value) ? PdfStyle.Muted : PdfStyle.Ink, width: NoteWidth);
        }

        flow.Y += 8;
    }

    private void Footer(int page, int count)
    {
        var rule = PdfFlow.PageHeight - PdfFlow.Margin - 12;
        flow.Line(PdfFlow.Left, rule, PdfFlow.Right, rule, PdfStyle.Rule);
        var baseline = PdfStyle.Baseline(Style.Small, rule + 3);
        var left = $"{Header.AssociationName} · {ReportText.Title(Header)} · {ReportText.Mode(Header.Mode)} · {ReportText.Adoption(Header)}";
        flow.Text(PdfText.Wrap(left, Style.Small, PdfFlow.Width - 80)[0], PdfFlow.Left, baseline, Style.Small, PdfStyle.Muted);
        flow.Text($"Sida {page} av {count}", PdfFlow.Right, baseline, Style.SmallBold, PdfStyle.Ink, SKTextAlign.Right);
    }

    private sealed record Tile(string Label, string Value, string? Detail, string? More);
}
