using Samordning.FollowUp.Common;
using Samordning.FollowUp.Documents;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Features.Reports.Disclosure;

namespace Samordning.FollowUp.Features.Reports.Presentation;

/// <summary>
/// Counts as one reader may see them, by the disclosure rule (<see cref="ReportDisclosure"/>):
/// a small count reads "&lt;5", a count masked to protect one reads "x", everything else is the number.
/// </summary>
internal sealed class DisclosedCounts(MaskedCells masked, int threshold)
{
    public const string Protecting = "x";

    public int Threshold => threshold;

    public bool Masks => masked.Keys.Count > 0;

    public bool Hidden(string node, string measure, string gender) => masked.IsMasked(node, measure, gender);

    public TableCell Cell(string node, string measure, string gender, long value) =>
        Hidden(node, measure, gender)
            ? TableCell.OfHidden(CellKind.Integer, masked.IsShownSmall(node, measure, gender) ? $"<{threshold}" : Protecting)
            : TableCell.OfInteger(value);

    public string Text(string node, string measure, string gender, long value) => Cell(node, measure, gender, value).Display();

    /// <summary>A share or rate: hidden when its numerator or denominator is.</summary>
    public static TableCell Rate(double? rate, bool hidden) =>
        hidden ? TableCell.OfHidden(CellKind.OneDecimal, Protecting) : TableCell.OfOneDecimal(rate);

    /// <summary>An indicator's rate as this reader may see it, with its numerator and denominator.</summary>
    public PresentedRate Indicator(string node, string code, string gender, IndicatorFigure figure)
    {
        var numerator = $"indicator:{code}:numerator";
        var denominator = $"indicator:{code}:denominator";
        var hidden = Hidden(node, numerator, gender) || Hidden(node, denominator, gender);
        return new PresentedRate(
            hidden || figure.Denominator == 0 ? null : figure.Rate,
            hidden ? Protecting : SwedishFormat.Percent(figure.Rate),
            Text(node, numerator, gender, figure.Numerator),
            Text(node, denominator, gender, figure.Denominator));
    }
}
