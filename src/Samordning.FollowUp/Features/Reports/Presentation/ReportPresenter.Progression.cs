using Samordning.FollowUp.Common;
using Samordning.FollowUp.Documents;
using Samordning.FollowUp.Features.Indicators;

namespace Samordning.FollowUp.Features.Reports.Presentation;

/// <summary>
/// The progression instruments' part of the report (issue 21): per instrument, the share with
/// positive development against its target, then per intervention the same figure and the change
/// of each factor between the first and the last measurement. The board sees small counts as
/// "&lt;5"; when one count of a factor's three is small, the other two read "x", since the three
/// add up to the number measured.
/// </summary>
public static partial class ReportPresenter
{
    public const string ProgressionPartPrefix = "progression-";

    /// <summary>The data-quality column (and checklist item) of exits without their progression measurement.</summary>
    public const string ExitsWithoutMeasurementHeading = "Avslut utan progressionsmätning";

    internal static IEnumerable<PresentedPart> ProgressionParts(ProgressionReport? progression, ReportAudience audience, int threshold)
    {
        foreach (var instrument in progression?.Instruments ?? [])
        {
            var masking = new ProgressionMasking(audience == ReportAudience.Board, threshold);
            DocumentColumn[] columns =
            [
                new("Insats och faktor", CellKind.Text, 40),
                new("Positiv utveckling (%)", CellKind.OneDecimal, 14),
                new("Med positiv utveckling", CellKind.Integer, 14),
                new("Mätta minst två gånger", CellKind.Integer, 14),
                new("Saknar mätningar", CellKind.Integer, 14),
                new("Förbättrad", CellKind.Integer, 12),
                new("Oförändrad", CellKind.Integer, 12),
                new("Försämrad", CellKind.Integer, 12),
            ];
            var rows = new List<DocumentRow>();
            foreach (var intervention in instrument.Interventions)
            {
                rows.Add(new DocumentRow(RowKind.Subtotal, [TableCell.OfText(intervention.Name), .. masking.Figure(intervention.Total), .. Empty(3)]));
                rows.AddRange(intervention.Factors.Select(f => new DocumentRow(RowKind.Item, [TableCell.OfText(f.Label), .. Empty(4), .. masking.Change(f)])));
            }

            rows.Add(new DocumentRow(RowKind.Total, [TableCell.OfText("Alla insatser"), .. masking.Figure(instrument.Total), .. Empty(3)]));
            rows.Add(new DocumentRow(RowKind.Item, [TableCell.OfText("Kvinnor"), .. masking.Figure(instrument.Woman), .. Empty(3)]));
            rows.Add(new DocumentRow(RowKind.Item, [TableCell.OfText("Män"), .. masking.Figure(instrument.Man), .. Empty(3)]));
            rows.AddRange(instrument.Factors.Select(f => new DocumentRow(RowKind.Item, [TableCell.OfText(f.Label), .. Empty(4), .. masking.Change(f)])));

            var judgement = IndicatorJudgement.Of(instrument.Total) switch
            {
                IndicatorStatus.Met => "målet nås",
                IndicatorStatus.NotMet => "målet nås inte",
                _ => "för få mätta deltagare för att bedöma målet",
            };
            var introduction = $"Positiv utveckling mellan första och sista mätningen: {instrument.Rule}. Mål {SwedishFormat.Percent(instrument.TargetPercent)}; "
                + $"{judgement}. Version {instrument.Version}. Deltagare med färre än två mätningar räknas under ”Saknar mätningar”.";
            var id = ProgressionPartPrefix + instrument.Code.ToLowerInvariant();
            yield return new PresentedPart($"Progressionsmätning: {instrument.Name}",
                new DocumentTable(id, $"Progressionsmätning: {instrument.Name}", Sheet(instrument.Code), columns, rows, Introduction: introduction));
        }
    }

    private static IEnumerable<TableCell> Empty(int count) => Enumerable.Repeat(TableCell.OfText(null), count);

    /// <summary>A sheet name of at most 31 characters, as Excel requires.</summary>
    private static string Sheet(string code) => $"Progression {code}"[..Math.Min(31, 12 + code.Length)];

    private sealed class ProgressionMasking(bool masks, int threshold)
    {
        private bool Small(int count) => masks && count > 0 && count < threshold;

        private TableCell Count(int count) => Small(count) ? TableCell.OfHidden(CellKind.Integer, $"<{threshold}") : TableCell.OfInteger(count);

        public IEnumerable<TableCell> Figure(IndicatorFigure figure)
        {
            var hidden = Small(figure.Numerator) || Small(figure.Denominator);
            yield return DisclosedCounts.Rate(figure.Rate, hidden);
            yield return Count(figure.Numerator);
            yield return Count(figure.Denominator);
            yield return Count(figure.MissingData);
        }

        public IEnumerable<TableCell> Change(ProgressionFactorCount factor)
        {
            int[] counts = [factor.Improved, factor.Unchanged, factor.Worsened];
            var anySmall = counts.Any(Small);
            return counts.Select(c => Small(c) ? Count(c) : anySmall ? TableCell.OfHidden(CellKind.Integer, DisclosedCounts.Protecting) : TableCell.OfInteger(c));
        }
    }
}
