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

        /// <summary>The trend point that is this report's own total.</summary>
        private bool IsThisReport(TrendPoint point, bool yearToDate) =>
            ReportDisclosure.TrendNode(report.Header, point, yearToDate) == ReportDisclosure.TotalNode;

        /// <summary>A trend count as the reader may see it, by the one rule (the trend's counts are in the disclosure table).</summary>
        private TableCell TrendCount(TrendPoint point, bool yearToDate, string measure, long value) =>
            counts.Cell(ReportDisclosure.TrendNode(report.Header, point, yearToDate), measure, "all", value);

        /// <summary>An indicator's rate in the trend, hidden when its numerator or denominator is.</summary>
        private TrendValue TrendRate(TrendPoint point, bool yearToDate, TrendIndicator indicator)
        {
            var rate = counts.Indicator(ReportDisclosure.TrendNode(report.Header, point, yearToDate), indicator.Code, "all", indicator.Total);
            return new TrendValue(Label(point, yearToDate), rate.Rate, rate.RateText);
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
                var active = TrendCount(t, false, "active", t.Active.Total);
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
                var active = TrendCount(point, yearToDate, "active", point.Active.Total);
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
                    TrendCount(point, yearToDate, "new", point.New.Total),
                    TrendCount(point, yearToDate, "ended", point.Ended.Total),
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
