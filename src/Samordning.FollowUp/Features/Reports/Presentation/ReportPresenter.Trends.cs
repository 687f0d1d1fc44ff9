using Samordning.FollowUp.Common;
using Samordning.FollowUp.Documents;
using Samordning.FollowUp.Features.Reports.Disclosure;
using Samordning.FollowUp.Features.Reports.Trends;

namespace Samordning.FollowUp.Features.Reports.Presentation;

public static partial class ReportPresenter
{
    private sealed partial class Context
    {
        /// <summary>"T2 2026", "Hittills 2026".</summary>
        private static string Label(TrendPoint point, bool yearToDate) =>
            yearToDate ? $"Hittills {point.Year} (t.o.m. T{point.Tertial})" : $"T{point.Tertial} {point.Year}";

        /// <summary>The trend point that is this report's own total: its cells follow the report's mask.</summary>
        private bool IsThisReport(TrendPoint point, bool yearToDate) =>
            point.Year == report.Header.Year && point.Tertial == report.Header.Tertial
            && yearToDate == (report.Header.Mode == ReportMode.YearToDate);

        /// <summary>
        /// A trend count as the reader may see it: this report's own total by the report's rule; any
        /// other small count as "&lt;N"; a year-to-date count as "x" when a tertial of that year is
        /// masked in the table (the year is the sum of its tertials).
        /// </summary>
        private TableCell TrendCount(TrendPoint point, bool yearToDate, string measure, long value, IReadOnlyList<TrendPoint> tertials)
        {
            if (IsThisReport(point, yearToDate))
            {
                return counts.Cell(ReportDisclosure.TotalNode, measure, "all", value);
            }

            if (!counts.Masks)
            {
                return TableCell.OfInteger(value);
            }

            if (SwedishFormat.IsSmall(value, counts.Threshold))
            {
                return TableCell.OfHidden(CellKind.Integer, $"<{counts.Threshold}");
            }

            var sameYear = tertials.Where(t => t.Year == point.Year && t.Tertial <= point.Tertial);
            return yearToDate && measure is "new" or "ended"
                && sameYear.Any(t => Hides(t, measure, tertials))
                ? TableCell.OfHidden(CellKind.Integer, DisclosedCounts.Protecting)
                : TableCell.OfInteger(value);
        }

        private bool Hides(TrendPoint tertial, string measure, IReadOnlyList<TrendPoint> tertials)
        {
            var value = measure == "new" ? tertial.New.Total : tertial.Ended.Total;
            var cell = TrendCount(tertial, yearToDate: false, measure, value, tertials);
            return cell.Number is null && !string.IsNullOrEmpty(cell.Text);
        }

        /// <summary>An indicator's rate in the trend, hidden when its numerator or denominator would be.</summary>
        private TrendValue TrendRate(TrendPoint point, bool yearToDate, TrendIndicator indicator)
        {
            var label = Label(point, yearToDate);
            if (IsThisReport(point, yearToDate))
            {
                var rate = counts.Indicator(ReportDisclosure.TotalNode, indicator.Code, "all", indicator.Total);
                return new TrendValue(label, rate.Rate, rate.RateText);
            }

            var hidden = counts.Masks && (SwedishFormat.IsSmall(indicator.Total.Numerator, counts.Threshold)
                || SwedishFormat.IsSmall(indicator.Total.Denominator, counts.Threshold));
            return hidden
                ? new TrendValue(label, null, DisclosedCounts.Protecting)
                : new TrendValue(label, indicator.Total.Denominator == 0 ? null : indicator.Total.Rate, SwedishFormat.Percent(indicator.Total.Rate));
        }

        private int PlannedOf(TrendPoint point, bool yearToDate) =>
            IsThisReport(point, yearToDate) ? PlannedIndividual(AllRows) : Whole(point.PlannedIndividualProRata);

        public PresentedTrend Trend(ReportTrend trend)
        {
            var codes = trend.Tertials.SelectMany(t => t.Indicators).DistinctBy(i => i.Code).ToList();
            var series = codes.Select(c => new TrendSeries(c.Code, c.Name, c.TargetPercent,
                [.. trend.Tertials.Select(t => t.Indicators.FirstOrDefault(i => i.Code == c.Code) is { } i
                    ? TrendRate(t, false, i)
                    : new TrendValue(Label(t, false), null, SwedishFormat.None))])).ToList();
            var volumes = trend.Tertials.Select(t =>
            {
                var active = TrendCount(t, false, "active", t.Active.Total, trend.Tertials);
                return new PlanBar(Label(t, false), PlannedOf(t, false), active.Number is { } n ? (int)n : null, active.Display());
            }).ToList();
            return new PresentedTrend(series, volumes);
        }

        /// <summary>The trend table: one row per tertial, then year to date this year and last year.</summary>
        public PresentedPart TrendPart(ReportTrend trend)
        {
            var codes = trend.Tertials.Concat([trend.YearToDate]).SelectMany(t => t.Indicators).DistinctBy(i => i.Code).ToList();
            DocumentColumn[] columns =
            [
                new("Period", CellKind.Text, 26),
                new("Status", CellKind.Text, 16),
                new("Planerat (individ)", CellKind.Integer, 12),
                new("Aktiva", CellKind.Integer, 10),
                new("% av plan", CellKind.OneDecimal, 10),
                new("Nya", CellKind.Integer, 10),
                new("Avslutade", CellKind.Integer, 10),
                .. codes.Select(c => new DocumentColumn($"{c.Code} andel (%)", CellKind.OneDecimal, 12, "Indikatorer", c.Code)),
            ];

            DocumentRow Row(TrendPoint point, bool yearToDate)
            {
                var planned = PlannedOf(point, yearToDate);
                var active = TrendCount(point, yearToDate, "active", point.Active.Total, trend.Tertials);
                var status = point.Adopted ? "Fastställd" : "Aktuella siffror";
                if (point.IsSameTertialLastYear)
                {
                    status += " · samma tertial i fjol";
                }

                return new DocumentRow(yearToDate ? RowKind.Subtotal : RowKind.Item,
                [
                    TableCell.OfText(Label(point, yearToDate)),
                    TableCell.OfText(status),
                    TableCell.OfInteger(planned),
                    active,
                    active.Number is null ? TableCell.OfHidden(CellKind.OneDecimal, DisclosedCounts.Protecting) : TableCell.OfOneDecimal(PercentOf(point.Active.Total, planned)),
                    TrendCount(point, yearToDate, "new", point.New.Total, trend.Tertials),
                    TrendCount(point, yearToDate, "ended", point.Ended.Total, trend.Tertials),
                    .. codes.Select(c => point.Indicators.FirstOrDefault(i => i.Code == c.Code) is { } i
                        ? TrendRate(point, yearToDate, i) is var v && v.Rate is { } r ? TableCell.OfOneDecimal(r)
                            : v.Text == SwedishFormat.None ? TableCell.OfOneDecimal(null) : TableCell.OfHidden(CellKind.OneDecimal, v.Text)
                        : TableCell.OfOneDecimal(null)),
                ]);
            }

            var rows = new List<DocumentRow>();
            rows.AddRange(trend.Tertials.Select(t => Row(t, yearToDate: false)));
            rows.Add(DocumentRow.BandOf("Hittills i år mot samma period i fjol", 1));
            rows.Add(Row(trend.YearToDate, yearToDate: true));
            rows.Add(Row(trend.YearToDateLastYear, yearToDate: true));
            return new PresentedPart("Utveckling över tid", new DocumentTable("utveckling", "De sex senaste tertialen och hittills i år mot i fjol, förbundet totalt",
                "Utveckling", columns, rows,
                Introduction: "Fastställda tertial visas som de fastställdes; öppna med dagens siffror. Volyminsatser ingår inte i planerat och aktiva."));
        }
    }
}
