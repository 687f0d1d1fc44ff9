using Samordning.FollowUp.Common;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Files;

namespace Samordning.FollowUp.Api.Pages.Reports;

/// <summary>
/// One group of the restatement summary: an intervention, a subtotal, the association's total or a
/// provider's data quality, with each changed figure as a line in words ("Avslutade kvinnor: 2 → 3").
/// </summary>
public sealed record RestatementGroup(string Heading, string? Detail, IReadOnlyList<string> Lines);

/// <summary>
/// What changed between the adopted report and today's figures, per intervention and figure, as
/// the reader sees the figures: a count the board sees as "&lt;5" both before and after is no
/// change to the board. A subtotal (category, orientation, association) is shown only where it
/// adds something: when more than one group under it changed, or when it shows a figure changing
/// that the one changed group under it does not (a masked count that adds up to a shown one).
/// </summary>
public static class Restatement
{
    private sealed record Change(string Key, string Text);

    private sealed record Figure(string Key, string Label, Func<ReportFigures, string> Value);

    public static IReadOnlyList<RestatementGroup> Summary(TertialReport adopted, TertialReport current, Counts counts)
    {
        ArgumentNullException.ThrowIfNull(adopted);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(counts);
        var figures = Figures(adopted, current, counts);
        var indicatorNames = adopted.Header.IndicatorDefinitions.Concat(current.Header.IndicatorDefinitions)
            .DistinctBy(d => d.Code).ToDictionary(d => d.Code, d => d.Name, StringComparer.Ordinal);
        List<Change> Of(ReportFigures? before, ReportFigures? after) => Changes(before, after, figures, indicatorNames, counts);

        var groups = new List<RestatementGroup>();
        var sectionChanges = new List<List<Change>>();
        foreach (var (sectionBefore, sectionAfter) in Pair(adopted.Sections, current.Sections, s => s.Orientation))
        {
            var section = sectionAfter ?? sectionBefore!;
            var categoryChanges = new List<List<Change>>();
            foreach (var (categoryBefore, categoryAfter) in Pair(sectionBefore?.Categories ?? [], sectionAfter?.Categories ?? [], c => c.Category))
            {
                var category = categoryAfter ?? categoryBefore!;
                var rowChanges = new List<List<Change>>();
                foreach (var (rowBefore, rowAfter) in Pair(categoryBefore?.Interventions ?? [], categoryAfter?.Interventions ?? [], r => r.InterventionId))
                {
                    var row = rowAfter ?? rowBefore!;
                    var changes = Of(rowBefore?.Figures, rowAfter?.Figures);
                    changes.InsertRange(0, RowChanges(rowBefore, rowAfter));
                    rowChanges.Add(changes);
                    if (changes.Count > 0)
                    {
                        var detail = (rowBefore, rowAfter) switch
                        {
                            (null, _) => $"{row.ProviderName} · ny i rapporten sedan fastställandet",
                            (_, null) => $"{row.ProviderName} · finns inte längre i rapporten",
                            _ => row.ProviderName,
                        };
                        groups.Add(new RestatementGroup(row.Name, detail, [.. changes.Select(c => c.Text)]));
                    }
                }

                var subtotal = Of(categoryBefore?.Subtotal, categoryAfter?.Subtotal);
                AddSubtotal(groups, ReportLines.Subtotal(section, category).Name, subtotal, rowChanges);
                categoryChanges.Add(subtotal);
            }

            var sectionSubtotal = Of(sectionBefore?.Subtotal, sectionAfter?.Subtotal);
            AddSubtotal(groups, ReportLines.Subtotal(section).Name, sectionSubtotal, categoryChanges);
            sectionChanges.Add(sectionSubtotal);
        }

        AddSubtotal(groups, "Totalt för förbundet", Of(adopted.Total, current.Total), sectionChanges);

        foreach (var (before, after) in Pair(adopted.DataQuality, current.DataQuality, r => r.ProviderId))
        {
            var lines = DataQuality(before, after, counts);
            if (lines.Count > 0)
            {
                groups.Add(new RestatementGroup($"Datakvalitet: {(after ?? before)!.ProviderName}", null, lines));
            }
        }

        return groups;
    }

    private static void AddSubtotal(List<RestatementGroup> groups, string heading, List<Change> changes, List<List<Change>> below)
    {
        var changedBelow = below.Where(c => c.Count > 0).ToList();
        var addsSomething = changes.Count > 0
            && (changedBelow.Count != 1 || !changes.Select(c => c.Key).ToHashSet(StringComparer.Ordinal).IsSubsetOf(changedBelow[0].Select(c => c.Key)));
        if (addsSomething)
        {
            groups.Add(new RestatementGroup(heading, null, [.. changes.Select(c => c.Text)]));
        }
    }

    private static List<Figure> Figures(TertialReport adopted, TertialReport current, Counts counts)
    {
        Figure Count(string key, string label, Func<ReportFigures, int> value) => new(key, label, f => counts.Of(value(f)));
        var planned = current.Header.Mode == ReportMode.YearToDate ? "Planerat hittills" : "Planerat för perioden";
        var figures = new List<Figure>
        {
            new("plannedYear", "Planerat helår", f => SwedishFormat.Number((long)f.PlannedParticipantsYear)),
            new("plannedProRata", planned, f => SwedishFormat.OneDecimal(f.PlannedParticipantsProRata)),
        };
        foreach (var (key, label, count) in new (string, string, Func<ReportFigures, GenderCount>)[]
                 {
                     ("active", "Aktiva", f => f.Active),
                     ("new", "Nya", f => f.New),
                     ("ended", "Avslutade", f => f.Ended),
                 })
        {
            figures.Add(Count(key, label, f => count(f).Total));
            figures.Add(Count($"{key}.women", $"{label} kvinnor", f => count(f).Women));
            figures.Add(Count($"{key}.men", $"{label} män", f => count(f).Men));
        }

        figures.AddRange(
        [
            Count("ongoing", "Pågående vid periodens slut", f => f.OngoingAtEnd.Total),
            Count("ongoing.women", "Pågående kvinnor vid periodens slut", f => f.OngoingAtEnd.Women),
            Count("ongoing.men", "Pågående män vid periodens slut", f => f.OngoingAtEnd.Men),
            Count("countOnly", "Antal (volyminsats) i år", f => f.CountOnly.Total),
            Count("countOnly.women", "Volyminsats kvinnor", f => f.CountOnly.Women),
            Count("countOnly.men", "Volyminsats män", f => f.CountOnly.Men),
        ]);
        foreach (var code in Codes(adopted, current, f => f.ExitsByReason))
        {
            figures.Add(Count($"reason.{code.Code}", $"{code.Label} (avslutsorsak)", f => Sum(f.ExitsByReason, code.Code)));
        }

        foreach (var code in Codes(adopted, current, f => f.OccupationAtExit))
        {
            figures.Add(Count($"occupation.{code.Code}", $"{code.Label} (sysselsättning vid avslut)", f => Sum(f.OccupationAtExit, code.Code)));
        }

        figures.AddRange(
        [
            new("budget", "Budget", f => SwedishFormat.Kronor(f.BudgetSek)),
            new("cost", "Utfall", f => SwedishFormat.Kronor(f.ActualCostSek)),
            new("budgetUsed", "Förbrukat", f => SwedishFormat.Percent(f.BudgetUsedPercent)),
            new("costPerParticipant", "Kostnad per deltagare", f => f.CostPerParticipantSek is { } c ? SwedishFormat.Kronor(c) : "–"),
            Count("costDenominator", "Deltagare i år", f => f.CostPerParticipantDenominator),
        ]);
        return figures;
    }

    private static List<Change> Changes(
        ReportFigures? before, ReportFigures? after, List<Figure> figures, Dictionary<string, string> indicatorNames, Counts counts)
    {
        var changes = new List<Change>();
        foreach (var figure in figures)
        {
            var was = before is null ? "–" : figure.Value(before);
            var now = after is null ? "–" : figure.Value(after);
            if (was != now)
            {
                changes.Add(new Change(figure.Key, $"{figure.Label}: {was} → {now}"));
            }
        }

        foreach (var (was, now) in Pair(before?.Indicators ?? [], after?.Indicators ?? [], i => i.Code))
        {
            var indicator = (now ?? was)!;
            var rateWas = was is null ? "–" : counts.Rate(was.Total);
            var rateNow = now is null ? "–" : counts.Rate(now.Total);
            var statusWas = was is null ? "–" : ReportText.Status(was.Status);
            var statusNow = now is null ? "–" : ReportText.Status(now.Status);
            if (rateWas == rateNow && statusWas == statusNow)
            {
                continue;
            }

            var text = $"{indicator.Code} {indicatorNames.GetValueOrDefault(indicator.Code, indicator.Code)}: {rateWas} → {rateNow} "
                + $"(mål {SwedishFormat.Percent(indicator.Total.TargetPercent)})";
            if (statusWas != statusNow)
            {
                text += $", bedömning {statusWas} → {statusNow}";
            }

            changes.Add(new Change($"indicator.{indicator.Code}", text));
        }

        return changes;
    }

    private static IEnumerable<Change> RowChanges(ReportRow? before, ReportRow? after)
    {
        if (before is null || after is null)
        {
            yield break;
        }

        if (before.Name != after.Name)
        {
            yield return new Change("name", $"Namn: {before.Name} → {after.Name}");
        }

        if (before.ProviderName != after.ProviderName)
        {
            yield return new Change("provider", $"Utförare: {before.ProviderName} → {after.ProviderName}");
        }

        if (!Equals(before.Note is null ? null : before.Note with { UpdatedAtUtc = default },
                after.Note is null ? null : after.Note with { UpdatedAtUtc = default }))
        {
            yield return new Change("note", after.Note is null ? "Utförarens kommentar har tagits bort" : "Utförarens kommentar har ändrats");
        }
    }

    private static List<string> DataQuality(DataQualityRow? before, DataQualityRow? after, Counts counts)
    {
        var lines = new List<string>();
        foreach (var (label, value) in new (string, Func<DataQualityRow, int>)[]
                 {
                     ("Pågående längre än förväntat utan avslut", r => r.PastExpectedLengthWithoutExit),
                     ("Avslut utan sysselsättning vid avslut", r => r.ExitsWithoutOutcome),
                     ("Avslut utan steg", r => r.ExitsWithoutStep),
                     ("Försenade uppföljningar", r => r.OverdueFollowUps),
                 })
        {
            var was = counts.Of(before is null ? 0 : value(before));
            var now = counts.Of(after is null ? 0 : value(after));
            if (was != now)
            {
                lines.Add($"{label}: {was} → {now}");
            }
        }

        return lines;
    }

    private static IEnumerable<CodeCount> Codes(TertialReport adopted, TertialReport current, Func<ReportFigures, IReadOnlyList<CodeCount>> counts) =>
        ReportLines.All(current).Concat(ReportLines.All(adopted)).SelectMany(l => counts(l.Figures)).DistinctBy(c => c.Code);

    private static int Sum(IReadOnlyList<CodeCount> counts, string code) => counts.Where(c => c.Code == code).Sum(c => c.Count);

    /// <summary>Items of the adopted and the current list matched by key: today's order, then what is only in the adopted.</summary>
    private static List<(T? Adopted, T? Current)> Pair<T, TKey>(IReadOnlyList<T> adopted, IReadOnlyList<T> current, Func<T, TKey> key)
        where T : class
        where TKey : notnull
    {
        var before = adopted.ToDictionary(key);
        var now = current.Select(key).ToHashSet();
        return [.. current.Select(c => (before.GetValueOrDefault(key(c)), (T?)c)), .. adopted.Where(a => !now.Contains(key(a))).Select(a => ((T?)a, (T?)null))];
    }
}
