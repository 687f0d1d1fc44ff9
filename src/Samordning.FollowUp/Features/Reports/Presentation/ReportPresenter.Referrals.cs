using Samordning.FollowUp.Common;
using Samordning.FollowUp.Documents;
using Samordning.FollowUp.Features.Reports.Disclosure;
using Samordning.FollowUp.Features.Reports.Trends;

namespace Samordning.FollowUp.Features.Reports.Presentation;

/// <summary>
/// The referral parts of the report (issue 19): inflow and queue per intervention, received by
/// referring party, declined by reason, the inflow over the last tertials; every count through the
/// one disclosure rule, and the days to start shown only where enough people started.
/// </summary>
public static partial class ReportPresenter
{
    private static readonly string Received = ReportDisclosure.ReferralPrefix + "received";
    private static readonly string StartedMeasure = ReportDisclosure.ReferralPrefix + "started";
    private static readonly string DeclinedMeasure = ReportDisclosure.ReferralPrefix + "declined";
    private static readonly string WithdrawnMeasure = ReportDisclosure.ReferralPrefix + "withdrawn";

    private sealed partial class Context
    {
        /// <summary>The report shows referrals when the period has any (a förbund without referrals sees no empty tables).</summary>
        public bool ShowsReferrals => ReportDisclosure.HasReferrals(report.Total.Referrals);

        private ReferralFigures TotalReferrals => report.Total.Referrals ?? ReferralFigures.None;

        /// <summary>Days to start for the board only where at least the threshold started and the count is shown: one person's wait is theirs.</summary>
        private TableCell Days(Line line, double? days, int decimals)
        {
            var started = (line.Figures.Referrals ?? ReferralFigures.None).Started.Total;
            var withheld = counts.Masks && (Hidden(line, StartedMeasure) || SwedishFormat.IsSmall(started, counts.Threshold));
            return withheld
                ? TableCell.OfHidden(decimals == 0 ? CellKind.Integer : CellKind.OneDecimal, DisclosedCounts.Protecting)
                : decimals == 0 ? TableCell.OfInteger((long?)days) : TableCell.OfOneDecimal(days);
        }

        public List<PresentedPart> ReferralParts(ReportTrend? trend)
        {
            if (!ShowsReferrals)
            {
                return [];
            }

            var parts = new List<PresentedPart>
            {
                new("Anvisningar och kö per insats", ReferralsPerIntervention()),
                new("Mottagna anvisningar per anvisande part", ReferringParties()),
                new("Avböjda anvisningar per orsak", DeclineReasons()),
            };
            if (trend is not null && ReportDisclosure.HasReferrals(trend))
            {
                parts.Add(new("Inflöde av anvisningar över tid", ReferralTrend(trend)));
            }

            parts.Insert(1, new("Anvisningar per insats och anvisande part", ReferralsByPartyPerIntervention()));
            return parts;
        }

        private DocumentTable ReferralsPerIntervention()
        {
            const string ReceivedGroup = "Mottagna under perioden";
            DocumentColumn[] columns =
            [
                .. KeyColumns,
                new("Mottagna kvinnor", CellKind.Integer, 10, ReceivedGroup, "Kvinnor"),
                new("Mottagna män", CellKind.Integer, 10, ReceivedGroup, "Män"),
                new("Mottagna totalt", CellKind.Integer, 10, ReceivedGroup, "Totalt"),
                new("Påbörjade", CellKind.Integer, 10, "Beslut under perioden", "Påbörjade"),
                new("Avböjda", CellKind.Integer, 10, "Beslut under perioden", "Avböjda"),
                new("Återkallade", CellKind.Integer, 10, "Beslut under perioden", "Återkallade"),
                new("Väntande vid periodens slut", CellKind.Integer, 12, "Kö", "Väntande vid slut"),
                new("Median dagar till start", CellKind.OneDecimal, 12, "Dagar från anvisning till start", "Median"),
                new("90:e percentilen dagar till start", CellKind.Integer, 12, "Dagar från anvisning till start", "90:e percentilen"),
            ];
            return new DocumentTable("anvisningar", "Anvisningar, beslut och kö per insats", "Anvisningar", columns, Rows(line =>
            {
                var r = (line.Figures.Referrals ?? ReferralFigures.None);
                return
                [
                    Count(line, Received, "women", r.Received.Women),
                    Count(line, Received, "men", r.Received.Men),
                    Count(line, Received, "all", r.Received.Total),
                    Count(line, StartedMeasure, "all", r.Started.Total),
                    Count(line, DeclinedMeasure, "all", r.Declined),
                    Count(line, WithdrawnMeasure, "all", r.Withdrawn),
                    Count(line, ReportDisclosure.ReferralsWaiting, "all", r.WaitingAtEnd.Total),
                    Days(line, r.MedianDaysToStart, 1),
                    Days(line, r.Percentile90DaysToStart, 0),
                ];
            }), KeyColumns: 2,
            Introduction: "Mottagna: anvisningar som kom in under perioden. Påbörjade: anvisningar som blev en insats under perioden, och dagarna från anvisning till start för dem. "
                + "Väntande: mottagna men varken påbörjade, avböjda eller återkallade vid periodens slut."
                + (counts.Masks ? $" Väntetiden visas där minst {counts.Threshold} har påbörjat." : string.Empty));
        }

        private DocumentTable ReferringParties()
        {
            var node = ReportDisclosure.TotalNode;
            var total = TotalReferrals;
            DocumentColumn[] columns =
            [
                new("Anvisande part", CellKind.Text, 36),
                new("Kvinnor", CellKind.Integer, 10),
                new("Män", CellKind.Integer, 10),
                new("Totalt", CellKind.Integer, 10),
                new("Andel av mottagna (%)", CellKind.OneDecimal, 14),
            ];
            var rows = total.ReceivedByParty.Where(p => p.Count.Total > 0).Select(p =>
            {
                var measure = ReportDisclosure.ReferralMeasure("received", p.Code);
                var hidden = counts.Hidden(node, measure, "all") || counts.Hidden(node, Received, "all");
                return new DocumentRow(RowKind.Item,
                [
                    TableCell.OfText(p.Label),
                    counts.Cell(node, measure, "women", p.Count.Women),
                    counts.Cell(node, measure, "men", p.Count.Men),
                    counts.Cell(node, measure, "all", p.Count.Total),
                    DisclosedCounts.Rate(p.Count.Total * 100.0 / total.Received.Total, hidden),
                ]);
            }).ToList();
            rows.Add(new DocumentRow(RowKind.Total,
            [
                TableCell.OfText("Mottagna totalt"),
                counts.Cell(node, Received, "women", total.Received.Women),
                counts.Cell(node, Received, "men", total.Received.Men),
                counts.Cell(node, Received, "all", total.Received.Total),
                total.Received.Total > 0 ? TableCell.OfOneDecimal(100) : TableCell.OfText(null),
            ]));
            return new DocumentTable("anvisande-parter", "Mottagna anvisningar per anvisande part, förbundet totalt", "Anvisande parter", columns, rows,
                Introduction: "För förbundet som helhet; per insats finns i delen Anvisningar per insats och anvisande part.");
        }

        private DocumentTable DeclineReasons()
        {
            var node = ReportDisclosure.TotalNode;
            var total = TotalReferrals;
            DocumentColumn[] columns =
            [
                new("Orsak", CellKind.Text, 36),
                new("Antal", CellKind.Integer, 10),
                new("Andel av avböjda (%)", CellKind.OneDecimal, 14),
            ];
            var rows = total.DeclinedByReason.Where(r => r.Count > 0).Select(r =>
            {
                var measure = ReportDisclosure.ReferralMeasure("declined", r.Code);
                var hidden = counts.Hidden(node, measure, "all") || counts.Hidden(node, DeclinedMeasure, "all");
                return new DocumentRow(RowKind.Item,
                [
                    TableCell.OfText(r.Label),
                    counts.Cell(node, measure, "all", r.Count),
                    DisclosedCounts.Rate(r.Count * 100.0 / total.Declined, hidden),
                ]);
            }).ToList();
            rows.Add(new DocumentRow(RowKind.Total,
            [
                TableCell.OfText("Avböjda totalt"),
                counts.Cell(node, DeclinedMeasure, "all", total.Declined),
                total.Declined > 0 ? TableCell.OfOneDecimal(100) : TableCell.OfText(null),
            ]));
            return new DocumentTable("avbojda-anvisningar", "Avböjda anvisningar per orsak, förbundet totalt", "Avböjda anvisningar", columns, rows);
        }

        /// <summary>Referrals per intervention and subtotal: received by party (women and men) and declined by reason, each count by the one rule.</summary>
        private DocumentTable ReferralsByPartyPerIntervention()
        {
            var lines = Structure().Select(s => s.Line).OfType<Line>().ToList();
            var parties = TotalReferrals.ReceivedByParty.Where(p => p.Count.Total > 0).ToList();
            var reasons = TotalReferrals.DeclinedByReason.Where(r => r.Count > 0).ToList();
            DocumentColumn[] columns =
            [
                .. KeyColumns,
                .. parties.SelectMany(p => new DocumentColumn[]
                {
                    new($"{p.Label}: kvinnor", CellKind.Integer, 10, p.Label, "Kvinnor"),
                    new($"{p.Label}: män", CellKind.Integer, 10, p.Label, "Män"),
                }),
                .. reasons.Select(r => new DocumentColumn($"Avböjd: {r.Label}", CellKind.Integer, 14, "Avböjda per orsak", r.Label)),
            ];
            return new DocumentTable("anvisningar-per-part", "Mottagna anvisningar per insats och anvisande part, avböjda per orsak", "Anvisningar per part", columns,
                Rows(line =>
                {
                    var r = line.Figures.Referrals ?? ReferralFigures.None;
                    return
                    [
                        .. parties.SelectMany(p =>
                        {
                            var count = r.ReceivedByParty.FirstOrDefault(x => x.Code == p.Code)?.Count ?? GenderCount.Zero;
                            var measure = ReportDisclosure.ReferralMeasure("received", p.Code);
                            return new[] { Count(line, measure, "women", count.Women), Count(line, measure, "men", count.Men) };
                        }),
                        .. reasons.Select(x => Count(line, ReportDisclosure.ReferralMeasure("declined", x.Code), "all",
                            r.DeclinedByReason.Where(d => d.Code == x.Code).Sum(d => d.Count))),
                    ];
                }), KeyColumns: 2,
                Introduction: "Mottagna anvisningar under perioden per anvisande part, kvinnor och män, och avböjda anvisningar per orsak.");
        }

        /// <summary>Received in a trend point as the reader may see it.</summary>
        private TableCell TrendReferrals(TrendPoint point, bool yearToDate, string measure, Func<TrendReferrals, int> pick) =>
            point.Referrals is { } r ? TrendCount(point, yearToDate, measure, pick(r)) : TableCell.OfText(SwedishFormat.None);

        /// <summary>"fler", "färre" or "lika många" received than in the point before; "–" where either is not shown.</summary>
        private static string Change(TableCell before, TableCell now) => (before.Number, now.Number) switch
        {
            ({ } b, { } n) when n > b => $"▲ {SwedishFormat.Number((long)(n - b))} fler",
            ({ } b, { } n) when n < b => $"▼ {SwedishFormat.Number((long)(b - n))} färre",
            ({ }, { }) => "oförändrat",
            _ => SwedishFormat.None,
        };

        /// <summary>The inflow over the last six tertials, then year to date this year and last year.</summary>
        private DocumentTable ReferralTrend(ReportTrend trend)
        {
            DocumentColumn[] columns =
            [
                new("Period", CellKind.Text, 26),
                new("Mottagna", CellKind.Integer, 10),
                new("Förändring i inflöde", CellKind.Text, 16),
                new("Påbörjade", CellKind.Integer, 10),
                new("Avböjda", CellKind.Integer, 10),
                new("Väntande vid periodens slut", CellKind.Integer, 12),
            ];

            DocumentRow Row(TrendPoint point, bool yearToDate, TableCell? before)
            {
                var received = TrendReferrals(point, yearToDate, Received, r => r.Received);
                return new DocumentRow(yearToDate ? RowKind.Subtotal : RowKind.Item,
                [
                    TableCell.OfText(Label(point, yearToDate)),
                    received,
                    TableCell.OfText(before is { } b ? Change(b, received) : SwedishFormat.None),
                    TrendReferrals(point, yearToDate, StartedMeasure, r => r.Started),
                    TrendReferrals(point, yearToDate, DeclinedMeasure, r => r.Declined),
                    TrendReferrals(point, yearToDate, ReportDisclosure.ReferralsWaiting, r => r.Waiting),
                ]);
            }

            var rows = new List<DocumentRow>();
            TableCell? previous = null;
            foreach (var point in trend.Tertials)
            {
                rows.Add(Row(point, false, previous));
                previous = TrendReferrals(point, false, Received, r => r.Received);
            }

            rows.Add(DocumentRow.BandOf("Hittills i år mot samma period i fjol", 1));
            var lastYear = TrendReferrals(trend.YearToDateLastYear, true, Received, r => r.Received);
            rows.Add(Row(trend.YearToDate, true, lastYear));
            rows.Add(Row(trend.YearToDateLastYear, true, null));
            return new DocumentTable("anvisningar-utveckling", "Inflöde av anvisningar de sex senaste tertialen, förbundet totalt", "Inflöde över tid", columns, rows,
                Introduction: "Förändringen jämför med tertialen före, och hittills i år med samma period i fjol. "
                    + "Fastställda tertial visas som de fastställdes; tertial fastställda innan anvisningar redovisades visas med –.");
        }

        /// <summary>The first screen's referral figure: received, started and waiting, and the inflow against the period before.</summary>
        public KeyFigure? ReferralKeyFigure(ReportTrend? trend)
        {
            if (!ShowsReferrals)
            {
                return null;
            }

            var node = ReportDisclosure.TotalNode;
            var r = TotalReferrals;
            var received = counts.Cell(node, Received, "all", r.Received.Total);
            string? more = null;
            if (trend is not null && ReportDisclosure.HasReferrals(trend))
            {
                var yearToDate = Header.Mode == ReportMode.YearToDate;
                var before = yearToDate ? trend.YearToDateLastYear : trend.Tertials.Count > 1 ? trend.Tertials[^2] : null;
                if (before is not null && Change(TrendReferrals(before, yearToDate, Received, x => x.Received), received) is var change
                    && change != SwedishFormat.None)
                {
                    more = $"{change} än {(yearToDate ? "samma period i fjol" : "tertialen före")}";
                }
            }

            return new KeyFigure("Anvisningar", $"{received.Display()} mottagna",
                $"{counts.Text(node, StartedMeasure, "all", r.Started.Total)} påbörjade · {counts.Text(node, ReportDisclosure.ReferralsWaiting, "all", r.WaitingAtEnd.Total)} väntar vid periodens slut",
                more, FigureTone.Neutral);
        }
    }
}
