using Microsoft.AspNetCore.Html;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Features.Reports;

namespace Samordning.FollowUp.Api.Ui.Charts;

/// <summary>One measure against its target: a heading, bars in percent and the judgement in words.</summary>
public sealed record TargetChartItem(string Heading, decimal TargetPercent, IndicatorStatus Judgement, string JudgementText, IReadOnlyList<TargetChartBar> Bars);

/// <param name="Percent">Null draws no bar (no exits, or hidden).</param>
/// <param name="ValueText">What is written after the bar, e.g. "42,9 % (12 av 28)".</param>
public sealed record TargetChartBar(string Label, double? Percent, string ValueText, bool Main);

/// <summary>
/// Horizontal bars on a 0–100 % scale with the target as a dashed line, one group per measure
/// (as the PDF draws it, Files/IndicatorChart.cs). The judgement is written out next to the
/// heading: colour is never the only signal.
/// </summary>
public static class TargetBarChart
{
    private const double Width = 900;
    private const double LabelRight = 92;
    private const double ChartX = 100;
    private const double ChartWidth = 560;
    private const double ValueX = ChartX + ChartWidth + 10;
    private const double HeadingHeight = 22;
    private const double TargetLabelHeight = 14;
    private const double MainBar = 16;
    private const double SmallBar = 10;
    private const double Gap = 4;
    private const double GroupGap = 18;
    private const double ScaleHeight = 22;
    private static readonly int[] Ticks = [0, 25, 50, 75, 100];

    private static double X(double percent) => ChartX + (ChartWidth * Math.Clamp(percent, 0, 100) / 100);

    public static string Colour(IndicatorStatus judgement) => judgement switch
    {
        IndicatorStatus.Met => Svg.Ok,
        IndicatorStatus.NotMet => Svg.Bad,
        _ => Svg.Warn,
    };

    public static IHtmlContent Render(string id, string title, string description, IReadOnlyList<TargetChartItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var height = items.Sum(GroupHeight) + ScaleHeight + 4;
        var svg = new Svg(id, Width, height, title, description);
        var y = 0.0;
        foreach (var item in items)
        {
            y = Group(svg, item, y);
        }

        foreach (var tick in Ticks)
        {
            svg.Text(X(tick), y + 14, $"{tick} %", "middle", 12, fill: Svg.Muted);
        }

        return svg.Build();
    }

    private static double BarsHeight(TargetChartItem item) => item.Bars.Sum(b => (b.Main ? MainBar : SmallBar) + Gap) - Gap;

    private static double GroupHeight(TargetChartItem item) => HeadingHeight + TargetLabelHeight + BarsHeight(item) + GroupGap;

    private static double Group(Svg svg, TargetChartItem item, double top)
    {
        var colour = Colour(item.Judgement);
        svg.Text(0, top + 15, item.Heading, size: 14, bold: true);
        svg.Text(Width, top + 15, item.JudgementText, "end", 14, bold: true, fill: colour);

        var barsTop = top + HeadingHeight + TargetLabelHeight;
        var barsBottom = barsTop + BarsHeight(item);
        foreach (var tick in Ticks)
        {
            svg.Line(X(tick), barsTop - 2, X(tick), barsBottom + 2, Svg.Grid, 0.8);
        }

        var y = barsTop;
        foreach (var bar in item.Bars)
        {
            var height = bar.Main ? MainBar : SmallBar;
            var middle = y + (height / 2) + 4;
            svg.Text(LabelRight, middle, bar.Label, "end", 12, fill: Svg.Muted);
            if (bar.Percent is { } percent)
            {
                svg.Rect(ChartX, y, Math.Max(X(percent) - ChartX, 1), height, bar.Main ? colour : Svg.Neutral);
            }

            svg.Text(ValueX, middle, bar.ValueText, size: 12, bold: bar.Main);
            y += height + Gap;
        }

        var target = X((double)item.TargetPercent);
        svg.Line(target, barsTop - 4, target, barsBottom + 4, Svg.Ink, 2, dashed: true);
        svg.Text(target, barsTop - 5, $"mål {SwedishFormat.Percent((double)item.TargetPercent)}", "middle", 12, bold: true);
        return top + GroupHeight(item);
    }
}
