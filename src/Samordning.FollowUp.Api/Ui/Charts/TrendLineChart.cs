using Microsoft.AspNetCore.Html;
using Samordning.FollowUp.Common;

namespace Samordning.FollowUp.Api.Ui.Charts;

/// <summary>One line of a trend chart: a value per column; null leaves a gap (no figure for that tertial).</summary>
/// <param name="Dashed">A target is drawn dashed and without points, so it differs from an outcome in shape, not only colour.</param>
public sealed record TrendLine(string Name, IReadOnlyList<double?> Values, string Colour, bool Dashed = false);

/// <summary>
/// Values over tertials as lines on one scale from zero: percent (0–100) or counts (a round
/// scale above the largest value). Each line is named in a legend above the plot; a missing
/// value breaks its line instead of being drawn as zero. The figures are always in a table beside it.
/// </summary>
public static class TrendLineChart
{
    private const double Width = 720;
    private const double Left = 56;
    private const double Right = 16;
    private const double LegendHeight = 28;
    private const double PlotHeight = 200;
    private const double AxisHeight = 40;

    /// <param name="labels">Column labels, each "T1 2025": the tertial is written above its year.</param>
    /// <param name="percent">A 0–100 % scale; otherwise counts from zero.</param>
    public static IHtmlContent Render(
        string id, string title, string description, IReadOnlyList<string> labels, IReadOnlyList<TrendLine> lines, bool percent)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(lines);
        var max = lines.SelectMany(l => l.Values).Select(v => v ?? 0).DefaultIfEmpty(0).Max();
        var (step, steps) = percent ? (25.0, 4) : ComparisonBarChart.Scale(max);
        var scaleMax = step * steps;
        var top = LegendHeight + 8;
        var plotWidth = Width - Left - Right;
        var columnWidth = plotWidth / Math.Max(labels.Count, 1);
        double X(int column) => Left + (columnWidth * (column + 0.5));
        double Y(double value) => top + PlotHeight - (PlotHeight * Math.Clamp(value, 0, scaleMax) / scaleMax);

        var svg = new Svg(id, Width, top + PlotHeight + AxisHeight, title, description);
        var legendX = 0.0;
        foreach (var line in lines)
        {
            svg.Line(legendX, 14, legendX + 28, 14, line.Colour, 3, line.Dashed);
            if (!line.Dashed)
            {
                svg.Circle(legendX + 14, 14, 4, line.Colour);
            }

            svg.Text(legendX + 34, 18, line.Name, size: 13);
            legendX += 44 + (line.Name.Length * 7.5);
        }

        for (var i = 0; i <= steps; i++)
        {
            var value = step * i;
            svg.Line(Left, Y(value), Width - Right, Y(value), Svg.Grid, 0.8);
            svg.Text(Left - 6, Y(value) + 4, percent ? $"{value:0} %" : SwedishFormat.Number((long)Math.Round(value)), "end", 12, fill: Svg.Muted);
        }

        for (var column = 0; column < labels.Count; column++)
        {
            var parts = labels[column].Split(' ', 2);
            svg.Text(X(column), top + PlotHeight + 16, parts[0], "middle", 12, fill: Svg.Muted);
            if (parts.Length > 1)
            {
                svg.Text(X(column), top + PlotHeight + 31, parts[1], "middle", 12, fill: Svg.Muted);
            }
        }

        foreach (var line in lines)
        {
            // One polyline per unbroken run of values: a missing tertial is a gap, never a zero.
            var run = new List<(double X, double Y)>();
            for (var column = 0; column <= line.Values.Count; column++)
            {
                if (column < line.Values.Count && line.Values[column] is { } value)
                {
                    run.Add((X(column), Y(value)));
                    continue;
                }

                if (run.Count > 1)
                {
                    svg.Polyline(run, line.Colour, line.Dashed ? 2 : 2.5, line.Dashed);
                }

                run.Clear();
            }

            if (!line.Dashed)
            {
                for (var column = 0; column < line.Values.Count; column++)
                {
                    if (line.Values[column] is { } value)
                    {
                        svg.Circle(X(column), Y(value), 4, line.Colour);
                    }
                }
            }
        }

        return svg.Build();
    }
}
