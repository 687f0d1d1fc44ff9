using Samordning.FollowUp.Common;
using Samordning.FollowUp.Features.Reports.Presentation;
using SkiaSharp;
using Samordning.FollowUp.Documents;

namespace Samordning.FollowUp.Features.Reports.Files;

/// <summary>
/// The indicators against their targets as horizontal bars (total, women, men) on a 0–100 %
/// scale with the target as a dashed line. The judgement is written out ("✓ uppfyllt",
/// "✗ ej uppfyllt", "– för få"): colour is never the only signal.
/// </summary>
internal static class IndicatorChart
{
    private const float NameWidth = 190f;
    private const float ChartX = PdfFlow.Margin + 232f;
    private const float ChartWidth = 330f;
    private const float ValueX = ChartX + ChartWidth + 8f;
    private const float StatusX = ValueX + 104f;
    private const float BarGap = 4f;
    private const float TargetLabelSpace = 12f;
    private static readonly int[] Ticks = [0, 25, 50, 75, 100];

    public static void Draw(PdfFlow flow, IReadOnlyList<PresentedIndicator> lines)
    {
        if (lines.Count == 0)
        {
            flow.Paragraph("Inga indikatorer ingår i rapporten.", flow.Style.Body, PdfStyle.Muted);
            return;
        }

        foreach (var line in lines)
        {
            var (color, _) = Judgement(line.Status);
            DrawIndicator(flow, $"{line.Code} {line.Name}", Description(line), line.Status, line.TargetPercent,
            [
                new("Totalt", line.Total, 11f, color),
                new("Kvinnor", line.Women, 7f, PdfStyle.Neutral),
                new("Män", line.Men, 7f, PdfStyle.Neutral),
            ]);
        }

        DrawScale(flow);
        flow.Paragraph(
            "Stapeln visar andelen av avsluten som nått målet; den streckade linjen är målet. Bedömningen görs på totalen: "
            + "\"för få\" när underlaget är för litet för att bedöma.",
            flow.Style.Small,
            PdfStyle.Muted);
    }

    private static float X(double percent) => ChartX + (ChartWidth * (float)Math.Clamp(percent, 0, 100) / 100f);

    private static (SKColor Color, string Text) Judgement(IndicatorStatus status) => (status switch
    {
        IndicatorStatus.Met => PdfStyle.Met,
        IndicatorStatus.NotMet => PdfStyle.NotMet,
        _ => PdfStyle.TooFew,
    }, ReportText.Judgement(status));

    /// <summary>
    /// Each indicator's rate over the last six tertials (the report's own last, in its judgement's
    /// colour), against the target; a rate the reader may not see has no bar.
    /// </summary>
    public static void DrawTrend(PdfFlow flow, PresentedTrend trend, IReadOnlyList<PresentedIndicator> current)
    {
        foreach (var series in trend.Indicators)
        {
            var status = current.FirstOrDefault(i => i.Code == series.Code)?.Status ?? IndicatorStatus.TooFew;
            var (color, _) = Judgement(status);
            DrawIndicator(flow, $"{series.Code} {series.Name}", ["De sex senaste tertialen"], status, series.TargetPercent,
            [
                .. series.Values.Select((v, i) => new Bar(v.Label, new PresentedRate(v.Rate, v.Text, string.Empty, string.Empty),
                    i == series.Values.Count - 1 ? 9f : 6f, i == series.Values.Count - 1 ? color : PdfStyle.Neutral)),
            ], showCounts: false);
        }
    }

    private static void DrawIndicator(PdfFlow flow, string title, List<string> description, IndicatorStatus status, decimal target, Bar[] bars,
        bool showCounts = true)
    {
        var style = flow.Style;
        var (color, judgement) = Judgement(status);
        var name = PdfText.Wrap(title, style.BodyBold, NameWidth);
        var barsHeight = bars.Sum(b => b.Height + BarGap) - BarGap;
        var textHeight = (name.Count * PdfStyle.LineHeight(style.BodyBold)) + (description.Count * PdfStyle.LineHeight(style.Small));
        var height = Math.Max(TargetLabelSpace + barsHeight + BarGap, textHeight);
        flow.EnsureSpace(height + 10);

        var top = flow.Y;
        var barTop = top + TargetLabelSpace;
        DrawDescription(flow, name, description, top);
        DrawBars(flow, bars, barTop, barTop + barsHeight, showCounts);
        DrawTarget(flow, target, barTop, barTop + barsHeight);
        flow.Text(judgement, StatusX, PdfStyle.Baseline(style.BodyBold, barTop - 1), style.BodyBold, color);
        if (showCounts)
        {
            flow.Text($"{bars[0].Figure.DenominatorText} avslut", StatusX,
                PdfStyle.Baseline(style.Small, barTop + 12), style.Small, PdfStyle.Muted);
        }
        flow.Y = top + height + 10;
    }

    private static void DrawBars(PdfFlow flow, Bar[] bars, float top, float bottom, bool showCounts)
    {
        foreach (var tick in Ticks)
        {
            flow.Line(X(tick), top - 2, X(tick), bottom + 2, PdfStyle.Rule, 0.4f);
        }

        var y = top;
        foreach (var bar in bars)
        {
            DrawBar(flow, bar, y, showCounts);
            y += bar.Height + BarGap;
        }
    }

    private static void DrawTarget(PdfFlow flow, decimal target, float top, float bottom)
    {
        var x = X((double)target);
        flow.Line(x, top - 3, x, bottom + 3, PdfStyle.Ink, 1.2f, dashed: true);
        flow.Text($"mål {SwedishFormat.Percent(target)}", x, top - 5, flow.Style.SmallBold, PdfStyle.Ink, SKTextAlign.Center);
    }

    private static List<string> Description(PresentedIndicator line)
    {
        var lines = new List<string>();
        lines.AddRange(line.Details.Split(" · avslut ", StringSplitOptions.None) is [var version, var exits]
            ? [version, $"Avslut {exits}"]
            : [line.Details]);
        if (line.ResponseText is { } response)
        {
            lines.Add(response);
        }

        return lines;
    }

    private static void DrawDescription(PdfFlow flow, List<string> name, List<string> description, float top)
    {
        var style = flow.Style;
        var y = top;
        foreach (var text in name)
        {
            flow.Text(text, PdfFlow.Left, PdfStyle.Baseline(style.BodyBold, y), style.BodyBold, PdfStyle.Ink);
            y += PdfStyle.LineHeight(style.BodyBold);
        }

        foreach (var text in description)
        {
            flow.Text(text, PdfFlow.Left, PdfStyle.Baseline(style.Small, y), style.Small, PdfStyle.Muted);
            y += PdfStyle.LineHeight(style.Small);
        }
    }

    private static void DrawBar(PdfFlow flow, Bar bar, float top, bool showCounts)
    {
        var style = flow.Style;
        var figure = bar.Figure;
        var baseline = top + (bar.Height / 2) + (style.Small.Metrics.CapHeight / 2);
        flow.Text(bar.Label, ChartX - 5, baseline, style.Small, PdfStyle.Muted, SKTextAlign.Right);
        if (figure.Rate is { } rate)
        {
            flow.Rect(new SKRect(ChartX, top, Math.Max(X(rate), ChartX + 0.8f), top + bar.Height), bar.Color);
        }

        var value = !showCounts ? figure.RateText
            : figure.DenominatorText == "0" ? "inga avslut"
            : $"{figure.RateText} ({figure.NumeratorText} av {figure.DenominatorText})";
        flow.Text(value, ValueX, baseline, bar.Label == "Totalt" ? style.SmallBold : style.Small, PdfStyle.Ink);
    }

    private static void DrawScale(PdfFlow flow)
    {
        var style = flow.Style;
        flow.EnsureSpace(PdfStyle.LineHeight(style.Small));
        var top = flow.Y - 8;
        foreach (var tick in Ticks)
        {
            flow.Text($"{tick}{SwedishFormat.NoBreakSpace}%", X(tick), PdfStyle.Baseline(style.Small, top), style.Small, PdfStyle.Muted, SKTextAlign.Center);
        }

        flow.Y = top + PdfStyle.LineHeight(style.Small) + 4;
    }

    private sealed record Bar(string Label, PresentedRate Figure, float Height, SKColor Color);
}
