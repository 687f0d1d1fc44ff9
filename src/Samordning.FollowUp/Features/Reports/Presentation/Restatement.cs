using Samordning.FollowUp.Documents;

namespace Samordning.FollowUp.Features.Reports.Presentation;

/// <summary>
/// One group of the restatement summary: an intervention, a subtotal, the association's total or
/// an indicator, with each changed figure as a line in words ("Avslutade kvinnor: 2 → 3").
/// </summary>
public sealed record RestatementGroup(string Heading, string? Detail, IReadOnlyList<string> Lines);

/// <summary>
/// What changed between the adopted report and today's figures, compared as the reader sees them:
/// the two presentations (each masked by its own rule for the board) cell by cell, so "&lt;5 → &lt;5"
/// or "x → x" is no change, and nothing shows here that the tables do not. A subtotal (category,
/// orientation, association) is shown only where it adds something: when more than one row under
/// it changed, or when it shows a figure changing that the one changed row under it does not.
/// </summary>
public static class Restatement
{
    private sealed record RowKey(RowKind Kind, string Name, string Provider);

    private sealed record Change(string Heading, string Text);

    public static IReadOnlyList<RestatementGroup> Summary(ReportPresentation adopted, ReportPresentation current)
    {
        ArgumentNullException.ThrowIfNull(adopted);
        ArgumentNullException.ThrowIfNull(current);
        var changes = new Dictionary<RowKey, List<Change>>();
        var order = new List<RowKey>();
        var presence = new Dictionary<RowKey, (bool Before, bool After)>();
        foreach (var part in current.Parts)
        {
            // A part the adopted report did not have (the trend, computed beside it) is not a restatement.
            if (adopted.Parts.FirstOrDefault(p => p.Id == part.Id) is not { } before)
            {
                continue;
            }

            foreach (var (key, lines) in Compare(part.Heading, before.Table, part.Table, presence))
            {
                if (!changes.TryGetValue(key, out var list))
                {
                    changes[key] = list = [];
                    order.Add(key);
                }

                list.AddRange(lines);
            }
        }

        return
        [
            .. order.Where(k => changes[k].Count > 0).Select(k => new RestatementGroup(k.Name, Detail(k, presence.GetValueOrDefault(k)),
                [.. changes[k].Select(c => c.Text)])),
        ];
    }

    private static string? Detail(RowKey key, (bool Before, bool After) presence) => (key.Kind, presence) switch
    {
        (RowKind.Item, (false, true)) => Join(key.Provider, "ny i rapporten sedan fastställandet"),
        (RowKind.Item, (true, false)) => Join(key.Provider, "finns inte längre i rapporten"),
        _ => key.Provider.Length > 0 ? key.Provider : null,
    };

    private static string Join(string provider, string text) => provider.Length > 0 ? $"{provider} · {text}" : text;

    /// <summary>
    /// A row of the SUS tables is named by itself (an intervention, a subtotal); a row of a table
    /// of its own (an indicator, an exit reason) by its part too: "Avslutsorsaker – Studier".
    /// </summary>
    private static RowKey Key(string part, DocumentTable table, DocumentRow row)
    {
        var name = row.Cells.Count > 0 ? row.Cells[0].Display() : string.Empty;
        return table.KeyColumns > 1
            ? new(row.Kind, name, row.Cells.Count > 1 ? row.Cells[1].Text ?? string.Empty : string.Empty)
            : new(row.Kind, $"{part} – {name}", string.Empty);
    }

    /// <summary>Each row's changed cells in one table, with the subtotals that add nothing left out.</summary>
    private static List<(RowKey Key, List<Change> Lines)> Compare(
        string part, DocumentTable? before, DocumentTable after, Dictionary<RowKey, (bool Before, bool After)> presence)
    {
        var old = before?.Rows.Where(r => r.Kind != RowKind.Band).ToDictionary(r => Key(part, before, r)) ?? [];
        var rows = after.Rows.Where(r => r.Kind != RowKind.Band).Select(r => (Key: Key(part, after, r), Row: (DocumentRow?)r)).ToList();
        // Rows gone since adoption are compared against nothing, after the rows of today.
        rows.AddRange(old.Keys.Except(rows.Select(r => r.Key)).Select(k => (k, (DocumentRow?)null)));

        var columnBefore = before?.Columns.Select((c, i) => (c.Heading, Index: i)).DistinctBy(c => c.Heading).ToDictionary(c => c.Heading, c => c.Index) ?? [];
        var result = new List<(RowKey Key, List<Change> Lines)>();
        foreach (var (key, row) in rows)
        {
            var was = old.GetValueOrDefault(key);
            presence[key] = (presence.GetValueOrDefault(key).Before || was is not null, presence.GetValueOrDefault(key).After || row is not null);
            var lines = new List<Change>();
            for (var i = after.KeyColumns; i < after.Columns.Count; i++)
            {
                var heading = after.Columns[i].Heading;
                var column = columnBefore.GetValueOrDefault(heading, -1);
                var thenCell = was is not null && column >= 0 && column < was.Cells.Count ? was.Cells[column] : default;
                var nowCell = row is not null && i < row.Cells.Count ? row.Cells[i] : default;
                var then = was is null ? "–" : thenCell.Display();
                var now = row is null ? "–" : nowCell.Display();
                // Hidden before and after ("<5" or "x" either time): nothing the reader sees has changed.
                if (then != now && !(Hidden(thenCell) && Hidden(nowCell)))
                {
                    lines.Add(new Change(heading, $"{heading}: {then} → {now}"));
                }
            }

            result.Add((key, lines));
        }

        DropSubtotalsThatAddNothing(part, after, result);
        return result;
    }

    /// <summary>
    /// Walks the SUS structure (items, category subtotal, orientation subtotal, total) and empties a
    /// subtotal whose changed figures are all among those of the one changed row under it.
    /// </summary>
    private static bool Hidden(TableCell cell) => cell.Kind != CellKind.Text && cell.Number is null && !string.IsNullOrEmpty(cell.Text);

    private static void DropSubtotalsThatAddNothing(string part, DocumentTable table, List<(RowKey Key, List<Change> Lines)> rows)
    {
        var byKey = rows.ToDictionary(r => r.Key, r => r.Lines);
        List<List<Change>>? category = null;
        var section = new List<List<Change>>();
        var total = new List<List<Change>>();
        foreach (var row in table.Rows)
        {
            if (row.Kind == RowKind.Band)
            {
                category = row.BandLevel == 0 ? null : [];
                if (row.BandLevel == 0)
                {
                    section = [];
                }

                continue;
            }

            var lines = byKey[Key(part, table, row)];
            switch (row.Kind)
            {
                case RowKind.Item:
                    category?.Add(lines);
                    break;
                case RowKind.Subtotal when category is not null:
                    // The level above compares with what changed here, before this subtotal is trimmed.
                    section.Add([.. lines]);
                    Trim(lines, category);
                    category = null;
                    break;
                case RowKind.Subtotal:
                    total.Add([.. lines]);
                    Trim(lines, section);
                    break;
                case RowKind.Total:
                    Trim(lines, total);
                    break;
            }
        }
    }

    private static void Trim(List<Change> subtotal, List<List<Change>> below)
    {
        var changed = below.Where(c => c.Count > 0).ToList();
        if (changed.Count == 1 && subtotal.Select(c => c.Heading).ToHashSet(StringComparer.Ordinal)
                .IsSubsetOf(changed[0].Select(c => c.Heading)))
        {
            subtotal.Clear();
        }
    }
}
