using SkiaSharp;

namespace Samordning.FollowUp.Documents;

/// <summary>A table row in the PDF: an item (bold when emphasised, as subtotals are) or a full-width band such as a category name.</summary>
internal sealed record PdfRow<T>(T? Item, string? Band, bool Emphasis)
    where T : class
{
    public static PdfRow<T> Of(T item, bool emphasis = false) => new(item, null, emphasis);

    public static PdfRow<T> BandOf(string text) => new(null, text, false);
}

/// <summary>
/// Draws a table of <see cref="TableColumn{T}"/> across pages: a two-level header (group above
/// short headings) repeated on every page, wrapped text cells and right-aligned figures. When
/// the columns are wider than the page, the table is split into parts that each repeat the
/// key columns (Insats, Utförare) and keep a group's columns together.
/// </summary>
internal sealed class PdfTable<T>
    where T : class
{
    private const float Pad = 3f;
    private const float MaxTextWidth = 150f;
    private const float MinNumberWidth = 22f;
    private const float MaxStretch = 1.35f;

    private readonly PdfFlow flow;
    private readonly PdfStyle style;
    private readonly List<TableColumn<T>> columns;
    private readonly int keyColumns;
    private readonly float[] widths;

    /// <param name="keyColumns">How many leading columns every part repeats.</param>
    /// <param name="rows">The rows, to size the columns.</param>
    public PdfTable(PdfFlow flow, IEnumerable<TableColumn<T>> columns, int keyColumns, IEnumerable<PdfRow<T>> rows)
    {
        this.flow = flow;
        style = flow.Style;
        this.keyColumns = keyColumns;
        var items = rows.Where(r => r.Item is not null).Select(r => r.Item!).ToList();
        // A column empty in every row (indicators of structural interventions) is left out.
        this.columns = [.. columns.Where(c => c.InPdf).Where((c, i) => i < keyColumns || items.Any(item => !c.Value(item).IsEmpty))];
        widths = [.. this.columns.Select(c => NaturalWidth(c, items))];
    }

    private float LineHeight => PdfStyle.LineHeight(style.Table);

    public void Draw(string title, IReadOnlyList<PdfRow<T>> rows)
    {
        var parts = Parts();
        for (var i = 0; i < parts.Count; i++)
        {
            DrawPart(parts.Count > 1 ? $"{title} (del {i + 1} av {parts.Count})" : title, parts[i], rows);
        }
    }

    private float NaturalWidth(TableColumn<T> column, List<T> items)
    {
        var content = items.Select(i => style.TableBold.MeasureText(column.Value(i).Display())).DefaultIfEmpty(0).Max();
        // Wide enough for the heading's longest word, and for the heading in at most three lines.
        var heading = Math.Max(PdfText.WidestWord(column.PdfHeading, style.TableBold), style.TableBold.MeasureText(column.PdfHeading) / 3);
        var width = column.Kind == CellKind.Text
            ? Math.Max(Math.Min(content, MaxTextWidth), heading)
            : Math.Max(Math.Max(content, heading), MinNumberWidth);
        return width + (2 * Pad);
    }

    /// <summary>Packs the columns into parts no wider than the page, a group's columns never split.</summary>
    private List<Part> Parts()
    {
        var keys = Enumerable.Range(0, keyColumns).ToList();
        var available = PdfFlow.Width - keys.Sum(i => widths[i]);
        var parts = new List<List<int>>();
        var used = float.MaxValue;
        foreach (var unit in Units())
        {
            var width = unit.Sum(i => widths[i]);
            if (used + width > available)
            {
                parts.Add([]);
                used = 0;
            }

            parts[^1].AddRange(unit);
            used += width;
        }

        return [.. parts.DefaultIfEmpty([]).Select(p => Stretch([.. keys, .. p]))];
    }

    private List<List<int>> Units()
    {
        var units = new List<List<int>>();
        for (var i = keyColumns; i < columns.Count; i++)
        {
            var group = columns[i].Group;
            if (i > keyColumns && group is not null && group == columns[i - 1].Group)
            {
                units[^1].Add(i);
            }
            else
            {
                units.Add([i]);
            }
        }

        return units;
    }

    private Part Stretch(List<int> indexes)
    {
        var natural = indexes.Sum(i => widths[i]);
        var factor = Math.Min(MaxStretch, PdfFlow.Width / natural);
        return new Part(indexes, [.. indexes.Select(i => widths[i] * factor)]);
    }

    private void DrawPart(string title, Part part, IReadOnlyList<PdfRow<T>> rows)
    {
        var header = HeaderHeights(part);
        var first = rows.Count > 0 ? RowHeight(part, rows[0]) : 0;
        flow.EnsureSpace(TitleHeight + header.Total + first + (rows.Count > 0 && rows[0].Band is not null ? LineHeight + (2 * Pad) : 0));
        DrawTitle(title);
        DrawHeader(part, header);
        var stripe = false;
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var height = RowHeight(part, row);
            // A band (category name) stays with the first row under it.
            var keep = row.Band is not null && r + 1 < rows.Count ? RowHeight(part, rows[r + 1]) : 0;
            if (flow.Y + height + keep > PdfFlow.Bottom)
            {
                flow.NewPage();
                DrawTitle($"{title} (forts.)");
                DrawHeader(part, header);
            }

            stripe = row.Band is null && !row.Emphasis && !stripe;
            DrawRow(part, row, height, stripe);
        }

        flow.Y += 10;
    }

    private float TitleHeight => PdfStyle.LineHeight(style.Subheading) + 2;

    private void DrawTitle(string title)
    {
        flow.Text(title, PdfFlow.Left, PdfStyle.Baseline(style.Subheading, flow.Y), style.Subheading, PdfStyle.Ink);
        flow.Y += TitleHeight;
    }

    private float Lines(string text, float width, SKFont? font = null) => PdfText.Wrap(text, font ?? style.TableBold, width - (2 * Pad)).Count;

    private HeaderHeight HeaderHeights(Part part)
    {
        var groups = Spans(part).Where(s => s.Group is not null).ToList();
        var group = groups.Count == 0 ? 0 : (groups.Max(s => Lines(s.Group!, s.Width)) * LineHeight) + (2 * Pad);
        var leaf = part.Columns.Select((c, i) => (Column: columns[c], Width: part.Widths[i]))
            .Select(x => (Lines(x.Column.PdfHeading, x.Width) * LineHeight) + (2 * Pad) - (x.Column.Group is null ? group : 0))
            .DefaultIfEmpty(0)
            .Max();
        return new HeaderHeight(group, leaf);
    }

    /// <summary>Consecutive columns of one group, with their x and width.</summary>
    private List<Span> Spans(Part part)
    {
        var spans = new List<Span>();
        var x = PdfFlow.Left;
        for (var i = 0; i < part.Columns.Count; i++)
        {
            var group = columns[part.Columns[i]].Group;
            if (i > 0 && group is not null && spans[^1].Group == group)
            {
                spans[^1] = spans[^1] with { Width = spans[^1].Width + part.Widths[i] };
            }
            else
            {
                spans.Add(new Span(group, x, part.Widths[i]));
            }

            x += part.Widths[i];
        }

        return spans;
    }

    private void DrawHeader(Part part, HeaderHeight height)
    {
        var top = flow.Y;
        var width = part.Widths.Sum();
        flow.Rect(new SKRect(PdfFlow.Left, top, PdfFlow.Left + width, top + height.Total), PdfStyle.HeaderFill);
        foreach (var span in Spans(part).Where(s => s.Group is not null))
        {
            var lines = PdfText.Wrap(span.Group, style.TableBold, span.Width - (2 * Pad));
            for (var l = 0; l < lines.Count; l++)
            {
                var baseline = PdfStyle.Baseline(style.TableBold, top + Pad + (l * LineHeight));
                flow.Text(lines[l], span.X + (span.Width / 2), baseline, style.TableBold, PdfStyle.Ink, SKTextAlign.Center);
            }

            flow.Line(span.X + Pad, top + height.Group, span.X + span.Width - Pad, top + height.Group, PdfStyle.Muted);
        }

        var x = PdfFlow.Left;
        for (var i = 0; i < part.Columns.Count; i++)
        {
            var column = columns[part.Columns[i]];
            var lines = PdfText.Wrap(column.PdfHeading, style.TableBold, part.Widths[i] - (2 * Pad));
            var firstTop = top + height.Total - Pad - (lines.Count * LineHeight);
            for (var l = 0; l < lines.Count; l++)
            {
                CellText(lines[l], x, part.Widths[i], column.Kind, PdfStyle.Baseline(style.TableBold, firstTop + (l * LineHeight)), style.TableBold);
            }

            x += part.Widths[i];
        }

        flow.Line(PdfFlow.Left, top + height.Total, PdfFlow.Left + width, top + height.Total, PdfStyle.Ink, 0.8f);
        flow.Y = top + height.Total;
    }

    private float RowHeight(Part part, PdfRow<T> row)
    {
        if (row.Item is not { } item)
        {
            return LineHeight + (2 * Pad);
        }

        var font = Font(row);
        var lines = part.Columns.Select((c, i) => columns[c].Kind == CellKind.Text
                ? Lines(columns[c].Value(item).Text ?? string.Empty, part.Widths[i], font)
                : 1)
            .DefaultIfEmpty(1)
            .Max();
        return (Math.Max(1, lines) * LineHeight) + (2 * Pad);
    }

    private void DrawRow(Part part, PdfRow<T> row, float height, bool stripe)
    {
        var top = flow.Y;
        var width = part.Widths.Sum();
        var rect = new SKRect(PdfFlow.Left, top, PdfFlow.Left + width, top + height);
        if (row.Item is not { } item)
        {
            flow.Rect(rect, PdfStyle.BandFill);
            flow.Text(row.Band ?? string.Empty, PdfFlow.Left + Pad, PdfStyle.Baseline(style.TableBold, top + Pad), style.TableBold, PdfStyle.Ink);
        }
        else
        {
            if (row.Emphasis || stripe)
            {
                flow.Rect(rect, row.Emphasis ? PdfStyle.SubtotalFill : PdfStyle.Zebra);
            }

            DrawCells(part, item, top, Font(row));
        }

        flow.Line(PdfFlow.Left, top + height, PdfFlow.Left + width, top + height, row.Emphasis ? PdfStyle.Muted : PdfStyle.Rule, row.Emphasis ? 0.6f : 0.3f);
        flow.Y = top + height;
    }

    private SKFont Font(PdfRow<T> row) => row.Emphasis ? style.TableBold : style.Table;

    private void DrawCells(Part part, T item, float top, SKFont font)
    {
        var x = PdfFlow.Left;
        for (var i = 0; i < part.Columns.Count; i++)
        {
            var column = columns[part.Columns[i]];
            var cell = column.Value(item);
            var lines = cell.Kind == CellKind.Text
                ? PdfText.Wrap(cell.Text, font, part.Widths[i] - (2 * Pad))
                : [cell.Display()];
            for (var l = 0; l < lines.Count; l++)
            {
                CellText(lines[l], x, part.Widths[i], column.Kind, PdfStyle.Baseline(font, top + Pad + (l * LineHeight)), font);
            }

            x += part.Widths[i];
        }
    }

    private void CellText(string text, float x, float width, CellKind kind, float baseline, SKFont font)
    {
        if (kind == CellKind.Text)
        {
            flow.Text(text, x + Pad, baseline, font, PdfStyle.Ink);
        }
        else
        {
            flow.Text(text, x + width - Pad, baseline, font, PdfStyle.Ink, SKTextAlign.Right);
        }
    }

    private sealed record Part(List<int> Columns, float[] Widths);

    private sealed record Span(string? Group, float X, float Width);

    private readonly record struct HeaderHeight(float Group, float Leaf)
    {
        public float Total => Group + Leaf;
    }
}
