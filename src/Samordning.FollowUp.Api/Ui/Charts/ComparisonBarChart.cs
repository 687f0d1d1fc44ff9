using Microsoft.AspNetCore.Html;
using Samordning.FollowUp.Common;

namespace Samordning.FollowUp.Api.Ui.Charts;

/// <summary>One row of a comparison: a heading and two or more bars on a common scale.</summary>
public sealed record ComparisonItem(string Heading, IReadOnlyList<ComparisonBar> Bars);

/// <param name="Value">Null draws no bar (e.g. a masked small number); the text still says what it is.</param>
/// <param name="Planned">A plan is drawn as an outlined bar, an outcome as a filled one.</param>
public sealed record ComparisonBar(string Label, double? Value, string ValueText, bool Planned);

/// <summary>
/// Planned against actual as pairs of horizontal bars on one scale from zero. The plan is an
/// outlined bar and the outcome a filled one, so the two differ in shape as well as colour.
/// </summary>
public static class ComparisonBarChart
{
    private const double Width = 900;
    private const double LabelRight = 142;
    private const double ChartX = 150;
    private const double ChartWidth = 600;
    private const double ValueX = ChartX + ChartWidth + 10;
    private const double HeadingHeight = 20;
    private const double Bar = 13;
    private const double Gap = 3;
    private const double GroupGap = 12;
    private const double ScaleHeight = 22;

    public static IHtmlContent Render(string id, string title, string description, IReadOnlyList<ComparisonItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var max = items.SelectMany(i => i.Bars).Select(b => b.Value ?? 0).DefaultIfEmpty(0).Max();
        var (step, steps) = Scale(max);
        var scaleMax = step * steps;
        var ticks = Enumerable.Range(0, steps + 1).Select(i => step * i).ToList();
        double X(double value) => ChartX + (ChartWidth * Math.Clamp(value, 0, scaleMax) / scaleMax);

        var height = items.Sum(i => HeadingHeight + (i.Bars.Count * (Bar + Gap)) + GroupGap) + ScaleHeight;
        var svg = new Svg(id, Width, height, title, description);
        var y = 0.0;
        foreach (var item in items)
        {
            svg.Text(0, y + 14, item.Heading, size: 13, bold: true);
            var barsTop = y + HeadingHeight;
            var barsBottom = barsTop + (item.Bars.Count * (Bar + Gap)) - Gap;
            foreach (var tick in ticks)
            {
                svg.Line(X(tick), barsTop - 2, X(tick), barsBottom + 2, Svg.Grid, 0.8);
            }

            var barTop = barsTop;
            foreach (var bar in item.Bars)
            {
                svg.Text(LabelRight, barTop + Bar - 2, bar.Label, "end", 12, fill: Svg.Muted);
                if (bar.Value is { } value && value > 0)
                {
                    var width = Math.Max(X(value) - ChartX, 1);
                    if (bar.Planned)
                    {
                        svg.Rect(ChartX, barTop, width, Bar, Svg.Brand);
                        if (width > 4)
                        {
                            svg.Rect(ChartX + 2, barTop + 2, width - 4, Bar - 4, "#ffffff");
                        }
                    }
                    else
                    {
                        svg.Rect(ChartX, barTop, width, Bar, Svg.Brand);
                    }
                }

                svg.Text(ValueX, barTop + Bar - 2, bar.ValueText, size: 12, bold: !bar.Planned);
                barTop += Bar + Gap;
            }

            y = barsBottom + Gap + GroupGap;
        }

        foreach (var tick in ticks)
        {
            svg.Text(X(tick), y + 12, SwedishFormat.Number((long)Math.Round(tick)), "middle", 12, fill: Svg.Muted);
        }

        return svg.Build();
    }

    /// <summary>
    /// The scale fitted to the data: the smallest step of 1, 2 or 5 times a power of ten with
    /// which at most six steps reach <paramref name="max"/> (93 → 5 × 20 = 100, not 200).
    /// </summary>
    internal static (double Step, int Steps) Scale(double max)
    {
        var step = 1.0;
        while (Math.Ceiling(max / step) > 6)
        {
            step = NextStep(step);
        }

        return (step, Math.Max(2, (int)Math.Ceiling(max / step)));
    }

    private static double NextStep(double step)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(step)));
        return (step / power) switch
        {
            < 2 => 2 * power,
            < 5 => 5 * power,
            _ => 10 * power,
        };
    }
}
