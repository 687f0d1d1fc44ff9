using Samordning.FollowUp.Common;
using Samordning.FollowUp.Documents;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Reports.Disclosure;
using Samordning.FollowUp.Features.Reports.Files;
using Samordning.FollowUp.Features.Reports.Trends;

namespace Samordning.FollowUp.Features.Reports.Presentation;

/// <summary>
/// Turns a tertial report into what its reader sees (<see cref="ReportPresentation"/>): the key
/// figures first, each indicator against its target, participants against plan (individual and
/// count-only apart), the tables in the SUS structure with empty categories left out, the
/// providers' words, and every count masked for the board by one rule.
/// </summary>
public static partial class ReportPresenter
{
    public const string ExactMarking = "Innehåller exakta tal – lämnas inte ut";

    /// <summary>The data-quality column (and checklist item) of count-only interventions without the year's count.</summary>
    public const string CountOnlyWithoutFiguresHeading = "Antalsinsatser utan registrerade antal";

    public const string DraftBanner = "Utkast – siffrorna kan ändras tills tertialen fastställs";

    internal static readonly (string Heading, Func<TertialNoteResponse, string?> Text)[] NoteParts =
    [
        ("Inflöde och kö", n => n.ReferralFlowAndQueue),
        ("Vad har fungerat", n => n.WhatWorked),
        ("Avvikelser och risker", n => n.DeviationsAndRisks),
        ("Mjuka värden", n => n.SoftValues),
    ];

    /// <param name="masks">
    /// The board's masks when decided with the rest of the year (<see cref="BoardDisclosure"/>);
    /// without them, the report is masked on its own.
    /// </param>
    public static ReportPresentation Present(TertialReportView view, ReportAudience audience, int threshold, PlanThresholds? plan = null,
        ReportTrend? trend = null, MaskedCells? masks = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        var report = view.Report;
        var masked = audience == ReportAudience.Office
            ? MaskedCells.None
            : masks ?? ReportDisclosure.Mask(report, threshold, showsSmall: true, detailAtTotalOnly: true, trend);
        var context = new Context(report, new DisclosedCounts(masked, threshold), plan ?? PlanThresholds.Default, audience);
        var header = report.Header;

        var banners = new List<string>();
        if (view.Status == ReportStatus.Draft)
        {
            banners.Add(DraftBanner);
        }

        if (audience == ReportAudience.Office)
        {
            banners.Add(ExactMarking);
        }

        var notes = Notes(report);
        return new ReportPresentation(
            audience,
            view.Status,
            $"{ReportText.Title(header)} – {header.AssociationName}",
            header.AssociationName,
            SwedishFormat.Period(header.PeriodFrom, header.PeriodTo),
            ReportText.Mode(header.Mode),
            StatusText(view),
            $"Framtagen {SwedishFormat.Timestamp(header.GeneratedAtUtc)}",
            banners,
            MaskingNote(audience, threshold),
            FileStem(header, view.Status, audience),
            [.. context.KeyFigures(), .. context.ReferralKeyFigure(trend) is { } referrals ? [referrals] : Array.Empty<KeyFigure>(), .. EconomyKeyFigures(report.Economy)],
            context.Indicators(),
            context.PlanBars(),
            [.. Parts(context, trend, report.Economy), .. ProgressionParts(report.Progression, audience, threshold)],
            notes.Notes,
            notes.Without)
        {
            Heading = ReportText.Title(header),
            AdoptionNote = ReportText.AdoptionOverride((view.Adopted ?? report).Header),
            Trend = trend is null ? null : context.Trend(trend),
        };
    }

    /// <summary>The parts in reading order; the trend table follows the indicators, the referrals come before the budget, the economy follows the budget per intervention.</summary>
    private static List<PresentedPart> Parts(Context context, ReportTrend? trend, Economy.EconomyReport? economy)
    {
        var parts = context.Parts();
        parts.InsertRange(parts.FindIndex(p => p.Id == "ekonomi") + 1, EconomyParts(economy));
        parts.InsertRange(parts.FindIndex(p => p.Id == "ekonomi"), context.ReferralParts(trend));
        if (trend is not null)
        {
            parts.Insert(parts.FindIndex(p => p.Id == "indikatorer") + 1, context.TrendPart(trend));
        }

        return parts;
    }

    public static string StatusText(TertialReportView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.Status switch
        {
            ReportStatus.Draft => "Utkast – ej fastställd",
            ReportStatus.Adopted => ReportText.Adoption(view.Report.Header),
            _ => view.Differences.Count > 0 ? "Fastställd, med rättelser (aktuella siffror)" : "Fastställd, inga rättelser sedan dess",
        };
    }

    /// <summary>The file name without extension: year, tertial, mode and status, e.g. "tertialrapport-2026-T2-perioden-utkast".</summary>
    public static string FileStem(ReportHeader header, ReportStatus status, ReportAudience audience)
    {
        ArgumentNullException.ThrowIfNull(header);
        var mode = header.Mode == ReportMode.Period ? "perioden" : "hittills-i-ar";
        var state = status switch
        {
            ReportStatus.Draft => "utkast",
            ReportStatus.Adopted => "faststalld",
            _ => "aktuell-med-rattelser",
        };
        var exact = audience == ReportAudience.Office ? "-exakta-tal" : string.Empty;
        return $"tertialrapport-{header.Year}-T{header.Tertial}-{mode}-{state}{exact}";
    }

    private static string MaskingNote(ReportAudience audience, int threshold) => audience == ReportAudience.Office
        ? $"Du ser exakta antal. Styrelsen ser antal personer som är färre än {threshold} som \"<{threshold}\", och tal som annars skulle avslöja ett sådant som \"{DisclosedCounts.Protecting}\"."
        : $"Antal personer som är färre än {threshold} visas som \"<{threshold}\", och tal som annars skulle gå att räkna fram ur dem visas som \"{DisclosedCounts.Protecting}\", så att ingen enskild person kan identifieras.";

    private static (IReadOnlyList<PresentedNote> Notes, IReadOnlyList<string> Without) Notes(TertialReport report)
    {
        var rows = report.Sections.SelectMany(s => s.Categories).SelectMany(c => c.Interventions).ToList();
        var notes = rows.Where(r => r.Note is not null).Select(r => new PresentedNote(
            r.Name,
            r.ProviderName,
            $"uppdaterad {SwedishFormat.DateOf(r.Note!.UpdatedAtUtc)}",
            [.. NoteParts.Select(p => p.Text(r.Note!) is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text)
                ? new NotePart(p.Heading, text, Empty: false)
                : new NotePart(p.Heading, "Ingen uppgift.", Empty: true))])).ToList();
        return (notes, [.. rows.Where(r => r.Note is null).Select(r => r.Name)]);
    }

    /// <summary>The report's lines with their disclosure keys, in reading order, empty categories and orientations left out.</summary>
    private sealed record Line(RowKind Kind, string Node, string Name, string Provider, ReportFigures Figures, IReadOnlyList<ReportRow> Rows);

    private sealed partial class Context(TertialReport report, DisclosedCounts counts, PlanThresholds plan, ReportAudience audience)
    {
        private ReportHeader Header => report.Header;

        private string PlannedHeading => Header.Mode == ReportMode.YearToDate ? "Planerat hittills" : "Planerat för perioden";

        private static readonly string[] Genders = ["women", "men", "all"];

        /// <summary>Bands and lines of the SUS structure: orientation → category → intervention, subtotals, the total.</summary>
        private IEnumerable<(string? Band, int Level, Line? Line)> Structure()
        {
            var all = new List<ReportRow>();
            foreach (var section in report.Sections)
            {
                var categories = section.Categories.Where(c => c.Interventions.Count > 0).ToList();
                if (categories.Count == 0)
                {
                    continue;
                }

                yield return (ReportText.SectionTitle(section.Orientation), 0, null);
                var sectionRows = new List<ReportRow>();
                foreach (var category in categories)
                {
                    yield return (category.Label, 1, null);
                    foreach (var row in category.Interventions)
                    {
                        yield return (null, 0, new Line(RowKind.Item, ReportDisclosure.Row(row), row.Name, row.ProviderName, row.Figures, [row]));
                    }

                    sectionRows.AddRange(category.Interventions);
                    yield return (null, 0, new Line(RowKind.Subtotal, ReportDisclosure.Category(category), $"Delsumma {category.Label}",
                        string.Empty, category.Subtotal, category.Interventions));
                }

                all.AddRange(sectionRows);
                yield return (null, 0, new Line(RowKind.Subtotal, ReportDisclosure.Section(section),
                    $"Delsumma {ReportText.SectionTitle(section.Orientation).ToLower(SwedishFormat.Culture)}", string.Empty, section.Subtotal, sectionRows));
            }

            yield return (null, 0, new Line(RowKind.Total, ReportDisclosure.TotalNode, "Totalt för förbundet", string.Empty, report.Total, all));
        }

        private IEnumerable<ReportRow> AllRows => report.Sections.SelectMany(s => s.Categories).SelectMany(c => c.Interventions);

        private TableCell Count(Line line, string measure, string gender, long value) => counts.Cell(line.Node, measure, gender, value);

        private bool Hidden(Line line, string measure, string gender = "all") => counts.Hidden(line.Node, measure, gender);

        // ---- participants against plan ----

        private static bool Individual(ReportRow row) => row.RegistrationMode != RegistrationMode.CountOnly;

        /// <summary>Planned people of the individual interventions, each row's pro-rata plan in whole people, so subtotals add up.</summary>
        private static int PlannedIndividual(IEnumerable<ReportRow> rows) => rows.Where(Individual).Sum(r => Whole(r.Figures.PlannedParticipantsProRata));

        private static int PlannedIndividualYear(IEnumerable<ReportRow> rows) => rows.Where(Individual).Sum(r => r.Figures.PlannedParticipantsYear);

        private static int PlannedCountOnlyYear(IEnumerable<ReportRow> rows) => rows.Where(r => !Individual(r)).Sum(r => r.Figures.PlannedParticipantsYear);

        /// <summary>Planned people are whole people: the pro-rata plan rounded half away from zero.</summary>
        private static int Whole(double planned) => (int)Math.Round(planned, MidpointRounding.AwayFromZero);

        private static double? PercentOf(long actual, double planned) => ReportCounting.PercentOfPlan(actual, planned);

        private PlanStatus StatusOf(double? percent, bool hidden) => (percent, hidden) switch
        {
            (_, true) => PlanStatus.Hidden,
            (null, _) => PlanStatus.NoPlan,
            ({ } p, _) when p < plan.BelowPercent => PlanStatus.Below,
            ({ } p, _) when p > plan.AbovePercent => PlanStatus.Above,
            _ => PlanStatus.OnTrack,
        };

        private static string Words(PlanStatus status) => status switch
        {
            PlanStatus.OnTrack => "✓ enligt plan",
            PlanStatus.Below => "▼ under plan",
            PlanStatus.Above => "▲ över plan",
            PlanStatus.NoPlan => "– ingen plan",
            _ => "– visas inte",
        };

        private static FigureTone Tone(PlanStatus status) => status switch
        {
            PlanStatus.OnTrack => FigureTone.Good,
            PlanStatus.Below => FigureTone.Bad,
            PlanStatus.Above => FigureTone.Caution,
            _ => FigureTone.Neutral,
        };

        public List<KeyFigure> KeyFigures()
        {
            var total = report.Total;
            var totalLine = new Line(RowKind.Total, ReportDisclosure.TotalNode, string.Empty, string.Empty, total, [.. AllRows]);
            var figures = new List<KeyFigure>();
            foreach (var indicator in Indicators())
            {
                figures.Add(new KeyFigure($"{indicator.Code} {indicator.Name}", indicator.Total.RateText,
                    $"mål {SwedishFormat.Percent(indicator.TargetPercent)} · {indicator.Total.NumeratorText} av {indicator.Total.DenominatorText}",
                    indicator.Judgement,
                    indicator.Status switch { IndicatorStatus.Met => FigureTone.Good, IndicatorStatus.NotMet => FigureTone.Bad, _ => FigureTone.Neutral }));
            }

            var rows = totalLine.Rows;
            var planned = PlannedIndividual(rows);
            var activeHidden = Hidden(totalLine, "active");
            var percent = PercentOf(total.Active.Total, planned);
            var status = StatusOf(percent, activeHidden);
            figures.Add(new KeyFigure("Deltagare mot plan",
                activeHidden ? DisclosedCounts.Protecting : percent is { } p ? $"{SwedishFormat.Percent(p)} av plan" : SwedishFormat.None,
                $"{Count(totalLine, "active", "all", total.Active.Total).Display()} aktiva av {SwedishFormat.Number(planned)} planerade",
                Words(status), Tone(status)));

            var countOnlyPlan = PlannedCountOnlyYear(rows);
            if (countOnlyPlan > 0 || total.CountOnly.Total > 0)
            {
                var countHidden = Hidden(totalLine, "countOnly");
                var countPercent = PercentOf(total.CountOnly.Total, countOnlyPlan);
                var countStatus = StatusOf(countPercent, countHidden);
                figures.Add(new KeyFigure("Volyminsatser mot årsplan",
                    countHidden ? DisclosedCounts.Protecting : countPercent is { } c ? $"{SwedishFormat.Percent(c)} av årsplan" : SwedishFormat.None,
                    $"{Count(totalLine, "countOnly", "all", total.CountOnly.Total).Display()} i år av {SwedishFormat.Number(countOnlyPlan)} planerade",
                    Words(countStatus), Tone(countStatus)));
            }

            figures.Add(new KeyFigure("Nya och avslutade",
                $"{Count(totalLine, "new", "all", total.New.Total).Display()} / {Count(totalLine, "ended", "all", total.Ended.Total).Display()}",
                "nya / avslutade under perioden",
                $"{Count(totalLine, "ongoing", "all", total.OngoingAtEnd.Total).Display()} pågår vid periodens slut", FigureTone.Neutral));
            figures.Add(new KeyFigure("Utfall mot budget", SwedishFormat.Kronor(total.ActualCostSek),
                $"budget {SwedishFormat.Kronor(total.BudgetSek)}", $"förbrukat {SwedishFormat.Percent(total.BudgetUsedPercent)}", FigureTone.Neutral));
            var costHidden = Hidden(totalLine, ReportDisclosure.ParticipantsYear);
            figures.Add(new KeyFigure("Kostnad per deltagare",
                costHidden ? DisclosedCounts.Protecting : total.CostPerParticipantSek is { } cost ? SwedishFormat.Kronor(cost) : SwedishFormat.None,
                $"{Count(totalLine, ReportDisclosure.ParticipantsYear, "all", total.CostPerParticipantDenominator).Display()} deltagare i år", null, FigureTone.Neutral));
            return figures;
        }

        public IReadOnlyList<PresentedIndicator> Indicators()
        {
            var definitions = Header.IndicatorDefinitions.DistinctBy(d => d.Code).ToDictionary(d => d.Code, StringComparer.Ordinal);
            var node = ReportDisclosure.TotalNode;
            return [.. report.Total.Indicators
                .OrderBy(i => i.Code, CodeOrder.Instance)
                .Select(i =>
                {
                    var definition = definitions.GetValueOrDefault(i.Code);
                    var details = $"Version {i.DefinitionVersion}"
                        + (definition is null ? string.Empty : $" · {SwedishFormat.Label(definition.MeasurementPoint)}")
                        + $" · avslut {SwedishFormat.Period(i.ExitsFrom, i.ExitsTo)}";
                    var total = counts.Indicator(node, i.Code, "all", i.Total);
                    var response = i.Total.ResponseRate is null || total.Rate is null
                        ? null
                        : $"Svarsfrekvens {SwedishFormat.Percent(i.Total.ResponseRate)} ({SwedishFormat.Number(i.Total.Reached ?? 0)} av {total.DenominatorText} nådda)";
                    if (response is not null && counts.Masks && SwedishFormat.IsSmall(i.Total.Reached ?? 0, counts.Threshold))
                    {
                        response = $"Svarsfrekvens visas inte (färre än {counts.Threshold} nådda)";
                    }
                    else if (response is not null && i.SelfReported is > 0 and var answers && i.Total.Reached is > 0 and var reached)
                    {
                        // The share the person answered through the link (issue 22); a small count is not shown to the board.
                        response += counts.Masks && SwedishFormat.IsSmall(answers, counts.Threshold)
                            ? $" · färre än {counts.Threshold} svarade själva via länken"
                            : $" · {SwedishFormat.Number(answers)} av de nådda ({SwedishFormat.Percent(Math.Round(100.0 * answers / reached, 1))}) svarade själva via länken";
                    }

                    return new PresentedIndicator(i.Code, definition?.Name ?? i.Code, details, definition?.TargetPercent ?? i.Total.TargetPercent,
                        i.Status, ReportText.Judgement(i.Status), total,
                        counts.Indicator(node, i.Code, "women", i.Woman), counts.Indicator(node, i.Code, "men", i.Man), response);
                })];
        }

        public IReadOnlyList<PlanBar> PlanBars() =>
        [
            .. Structure().Select(s => s.Line).OfType<Line>()
                .Where(l => l.Kind == RowKind.Item && Individual(l.Rows[0]))
                .Select(l => new PlanBar(l.Name, Whole(l.Figures.PlannedParticipantsProRata),
                    Hidden(l, "active") ? null : l.Figures.Active.Total, Count(l, "active", "all", l.Figures.Active.Total).Display())),
        ];

        public List<PresentedPart> Parts()
        {
            var parts = new List<PresentedPart>
            {
                new("Deltagare mot plan per insats", Participants()),
                new("Kvinnor och män per insats", ByGender()),
                new("Indikatorer mot mål", IndicatorTable()),
                new("Avslutsorsaker", Breakdown("avslutsorsaker", "Avslutsorsaker", "Avslutsorsak", "exitReason", Codes(report.Total.ExitsByReason))),
                new("Sysselsättning vid avslut", Breakdown("sysselsattning", "Sysselsättning", "Sysselsättning vid avslut", "occupationAtExit", Codes(report.Total.OccupationAtExit))),
                new("Budget och kostnad per deltagare", Economy()),
            };
            if (audience == ReportAudience.Office)
            {
                parts.Add(new("Avslut per insats", ExitsPerIntervention()));
                parts.Add(new("Datakvalitet per utförare", DataQuality()));
            }

            return parts;
        }

        private List<DocumentRow> Rows(Func<Line, IReadOnlyList<TableCell>> figures) =>
        [
            .. Structure().Select(s => s.Band is { } band
                ? DocumentRow.BandOf(band, s.Level)
                : new DocumentRow(s.Line!.Kind, [TableCell.OfText(s.Line.Name), TableCell.OfText(s.Line.Provider), .. figures(s.Line)])),
        ];

        private static DocumentColumn[] KeyColumns =>
        [
            new("Insats", CellKind.Text, 40),
            new("Utförare", CellKind.Text, 28),
        ];

        private DocumentTable Participants()
        {
            DocumentColumn[] columns =
            [
                .. KeyColumns,
                new("Planerat helår (individ)", CellKind.Integer, 12, "Individinriktat", "Planerat helår"),
                new($"{PlannedHeading} (individ)", CellKind.Integer, 12, "Individinriktat", PlannedHeading),
                new("Aktiva", CellKind.Integer, 10, "Individinriktat", "Aktiva"),
                new("% av plan", CellKind.OneDecimal, 10, "Individinriktat", "% av plan"),
                new("Nya", CellKind.Integer, 10, "Individinriktat", "Nya"),
                new("Avslutade", CellKind.Integer, 10, "Individinriktat", "Avslutade"),
                new("Pågående vid periodens slut", CellKind.Integer, 12, "Individinriktat", "Pågående vid slut"),
                new("Planerat helår (volyminsats)", CellKind.Integer, 12, "Volyminsatser (antal)", "Planerat helår"),
                new("Antal i år (volyminsats)", CellKind.Integer, 12, "Volyminsatser (antal)", "Antal i år"),
                new("% av årsplan (volyminsats)", CellKind.OneDecimal, 12, "Volyminsatser (antal)", "% av årsplan"),
            ];
            return new DocumentTable("deltagare", "Planerat och faktiskt antal deltagare per insats", "Deltagare", columns, Rows(line =>
            {
                var f = line.Figures;
                var individual = line.Rows.Any(Individual);
                var countOnly = line.Rows.Any(r => !Individual(r));
                var planned = PlannedIndividual(line.Rows);
                var activeHidden = Hidden(line, "active");
                var countHidden = Hidden(line, "countOnly");
                var countPlan = PlannedCountOnlyYear(line.Rows);
                return
                [
                    individual ? TableCell.OfInteger(PlannedIndividualYear(line.Rows)) : TableCell.OfText(null),
                    individual ? TableCell.OfInteger(planned) : TableCell.OfText(null),
                    individual ? Count(line, "active", "all", f.Active.Total) : TableCell.OfText(null),
                    individual ? DisclosedCounts.Rate(PercentOf(f.Active.Total, planned), activeHidden) : TableCell.OfText(null),
                    individual ? Count(line, "new", "all", f.New.Total) : TableCell.OfText(null),
                    individual ? Count(line, "ended", "all", f.Ended.Total) : TableCell.OfText(null),
                    individual ? Count(line, "ongoing", "all", f.OngoingAtEnd.Total) : TableCell.OfText(null),
                    countOnly ? TableCell.OfInteger(countPlan) : TableCell.OfText(null),
                    countOnly ? Count(line, "countOnly", "all", f.CountOnly.Total) : TableCell.OfText(null),
                    countOnly ? DisclosedCounts.Rate(PercentOf(f.CountOnly.Total, countPlan), countHidden) : TableCell.OfText(null),
                ];
            }), KeyColumns: 2,
            Introduction: $"Individinriktade insatser jämförs med planen för perioden (årsplanen pro rata). Volyminsatser redovisar antal för hela året och jämförs med årsplanen. Enligt plan betyder {plan.BelowPercent}–{plan.AbovePercent} % av planen.");
        }

        private DocumentTable ByGender()
        {
            (string Heading, string Women, string Men, string Measure, Func<ReportFigures, GenderCount> Count)[] measures =
            [
                ("Aktiva", "Aktiva kvinnor", "Aktiva män", "active", f => f.Active),
                ("Nya", "Nya kvinnor", "Nya män", "new", f => f.New),
                ("Avslutade", "Avslutade kvinnor", "Avslutade män", "ended", f => f.Ended),
                ("Pågående vid periodens slut", "Pågående kvinnor vid periodens slut", "Pågående män vid periodens slut", "ongoing", f => f.OngoingAtEnd),
                ("Volyminsats i år", "Volyminsats kvinnor i år", "Volyminsats män i år", "countOnly", f => f.CountOnly),
            ];
            DocumentColumn[] columns =
            [
                .. KeyColumns,
                .. measures.SelectMany(m => new DocumentColumn[]
                {
                    new(m.Women, CellKind.Integer, 10, m.Heading, "Kvinnor"),
                    new(m.Men, CellKind.Integer, 10, m.Heading, "Män"),
                }),
            ];
            return new DocumentTable("kon", "Aktiva, nya och avslutade deltagare per insats, kvinnor och män", "Kvinnor och män", columns, Rows(line =>
                [.. measures.SelectMany(m => new[]
                {
                    Count(line, m.Measure, "women", m.Count(line.Figures).Women),
                    Count(line, m.Measure, "men", m.Count(line.Figures).Men),
                })]), KeyColumns: 2);
        }

        private DocumentTable IndicatorTable()
        {
            DocumentColumn[] columns =
            [
                new("Indikator", CellKind.Text, 40),
                new("Mål (%)", CellKind.OneDecimal, 10),
                new("Andel totalt (%)", CellKind.OneDecimal, 12),
                new("Nått målet", CellKind.Integer, 10),
                new("Avslut", CellKind.Integer, 10),
                new("Andel kvinnor (%)", CellKind.OneDecimal, 12),
                new("Andel män (%)", CellKind.OneDecimal, 12),
                new("Bedömning", CellKind.Text, 16),
                new("Underlag", CellKind.Text, 48),
            ];
            var figures = report.Total.Indicators.ToDictionary(i => i.Code, i => i.Total, StringComparer.Ordinal);
            var node = ReportDisclosure.TotalNode;
            var rows = Indicators().Select(i => new DocumentRow(RowKind.Item,
            [
                TableCell.OfText($"{i.Code} {i.Name}"),
                TableCell.OfOneDecimal((double)i.TargetPercent),
                RateCell(i.Total),
                counts.Cell(node, $"indicator:{i.Code}:numerator", "all", figures[i.Code].Numerator),
                counts.Cell(node, $"indicator:{i.Code}:denominator", "all", figures[i.Code].Denominator),
                RateCell(i.Women),
                RateCell(i.Men),
                TableCell.OfText(i.Judgement),
                TableCell.OfText(i.ResponseText is null ? i.Details : $"{i.Details} · {i.ResponseText}"),
            ])).ToList();
            return new DocumentTable("indikatorer", "Indikatorer mot mål, förbundet totalt", "Indikatorer", columns, rows,
                Introduction: "Bedömningen görs på totalen. \"För få\" betyder att underlaget är för litet för att bedöma.");
        }

        /// <summary>A rate's cell: the number, "x" where it is withheld, or empty where there is nothing to divide.</summary>
        private static TableCell RateCell(PresentedRate rate) => (rate.Rate, rate.RateText) switch
        {
            ({ } r, _) => TableCell.OfOneDecimal(r),
            (null, DisclosedCounts.Protecting) => TableCell.OfHidden(CellKind.OneDecimal, DisclosedCounts.Protecting),
            _ => TableCell.OfOneDecimal(null),
        };

        /// <summary>The board sees codes with few exits grouped as "Övriga" (the rule's own grouping); the office every code.</summary>
        private IReadOnlyList<CodeCount> Codes(IReadOnlyList<CodeCount> codes) =>
            audience == ReportAudience.Office ? codes : ReportDisclosure.Grouped(codes, counts.Threshold);

        /// <summary>Exit reasons or occupations for the association as a whole: count and share of all exits.</summary>
        private DocumentTable Breakdown(string id, string sheet, string heading, string measure, IReadOnlyList<CodeCount> codes)
        {
            var node = ReportDisclosure.TotalNode;
            var ended = report.Total.Ended.Total;
            DocumentColumn[] columns =
            [
                new(heading, CellKind.Text, 40),
                new("Antal", CellKind.Integer, 10),
                new("Andel av avslutade (%)", CellKind.OneDecimal, 14),
            ];
            var rows = codes.Where(c => c.Count > 0).Select(c =>
            {
                var hidden = counts.Hidden(node, $"{measure}:{c.Code}", "all") || counts.Hidden(node, "ended", "all");
                return new DocumentRow(RowKind.Item,
                [
                    TableCell.OfText(c.Label),
                    counts.Cell(node, $"{measure}:{c.Code}", "all", c.Count),
                    DisclosedCounts.Rate(ended > 0 ? c.Count * 100.0 / ended : null, hidden),
                ]);
            }).ToList();
            rows.Add(new DocumentRow(RowKind.Total,
            [
                TableCell.OfText("Avslutade totalt"),
                counts.Cell(node, "ended", "all", ended),
                ended > 0 ? TableCell.OfOneDecimal(100) : TableCell.OfText(null),
            ]));
            return new DocumentTable(id, $"{heading}, förbundet totalt", sheet, columns, rows,
                Introduction: audience == ReportAudience.Office
                    ? "För förbundet som helhet; per insats finns i delen Avslut per insats."
                    : $"För förbundet som helhet: per insats blir antalen så små att de inte kan visas. {heading} med färre än {counts.Threshold} avslut redovisas tillsammans som Övriga.");
        }

        private DocumentTable Economy()
        {
            DocumentColumn[] columns =
            [
                .. KeyColumns,
                new("Budget (kr)", CellKind.Integer, 14),
                new("Utfall (kr)", CellKind.Integer, 14),
                new("Förbrukat (%)", CellKind.OneDecimal, 12),
                new("Kostnad per deltagare (kr)", CellKind.Integer, 14),
                new("Deltagare i år", CellKind.Integer, 12),
            ];
            return new DocumentTable("ekonomi", "Budget, utfall och kostnad per deltagare per insats", "Ekonomi", columns, Rows(line =>
            {
                var f = line.Figures;
                var hidden = Hidden(line, ReportDisclosure.ParticipantsYear);
                return
                [
                    TableCell.OfInteger(f.BudgetSek),
                    TableCell.OfInteger(f.ActualCostSek),
                    TableCell.OfOneDecimal(f.BudgetUsedPercent),
                    hidden ? TableCell.OfHidden(CellKind.Integer, DisclosedCounts.Protecting) : TableCell.OfInteger(f.CostPerParticipantSek),
                    Count(line, ReportDisclosure.ParticipantsYear, "all", f.CostPerParticipantDenominator),
                ];
            }), KeyColumns: 2, Introduction: $"Kostnad per deltagare: {report.Total.CostPerParticipantBasis}");
        }

        /// <summary>The office's exact exits per intervention, one column per reason and occupation that occurs.</summary>
        private DocumentTable ExitsPerIntervention()
        {
            var lines = Structure().Select(s => s.Line).OfType<Line>().ToList();
            var reasons = lines.SelectMany(l => l.Figures.ExitsByReason).DistinctBy(c => c.Code).ToList();
            var occupations = lines.SelectMany(l => l.Figures.OccupationAtExit).DistinctBy(c => c.Code).ToList();
            DocumentColumn[] columns =
            [
                .. KeyColumns,
                new("Avslutade totalt", CellKind.Integer, 10),
                .. reasons.Select(c => new DocumentColumn($"Avslutsorsak: {c.Label}", CellKind.Integer, 14, "Avslutsorsak", c.Label)),
                .. occupations.Select(c => new DocumentColumn($"Sysselsättning vid avslut: {c.Label}", CellKind.Integer, 14, "Sysselsättning vid avslut", c.Label)),
            ];
            static long Of(IReadOnlyList<CodeCount> counts, string code) => counts.Where(c => c.Code == code).Sum(c => c.Count);
            return new DocumentTable("avslut-per-insats", "Avslutade deltagare per insats, orsak och sysselsättning", "Avslut per insats", columns, Rows(line =>
            [
                TableCell.OfInteger(line.Figures.Ended.Total),
                .. reasons.Select(c => TableCell.OfInteger(Of(line.Figures.ExitsByReason, c.Code))),
                .. occupations.Select(c => TableCell.OfInteger(Of(line.Figures.OccupationAtExit, c.Code))),
            ]), KeyColumns: 2);
        }

        private DocumentTable DataQuality()
        {
            DocumentColumn[] columns =
            [
                new("Utförare", CellKind.Text, 34),
                new("Pågående längre än förväntat utan avslut", CellKind.Integer, 18),
                new("Avslut utan sysselsättning vid avslut", CellKind.Integer, 18),
                new("Avslut utan steg", CellKind.Integer, 18),
                new("Försenade uppföljningar", CellKind.Integer, 18),
                new(CountOnlyWithoutFiguresHeading, CellKind.Integer, 18),
                new("Ej anträffbar med för få kontaktförsök", CellKind.Integer, 18),
                new("Anvisningar utan beslut", CellKind.Integer, 18),
                new(ExitsWithoutMeasurementHeading, CellKind.Integer, 18),
                new("Kontaktförsök under perioden", CellKind.Integer, 18),
            ];
            var rows = report.DataQuality.Select(r => new DocumentRow(RowKind.Item,
            [
                TableCell.OfText(r.ProviderName),
                TableCell.OfInteger(r.PastExpectedLengthWithoutExit),
                TableCell.OfInteger(r.ExitsWithoutOutcome),
                TableCell.OfInteger(r.ExitsWithoutStep),
                TableCell.OfInteger(r.OverdueFollowUps),
                TableCell.OfInteger(r.CountOnlyWithoutFigures),
                TableCell.OfInteger(r.UnreachableWithTooFewAttempts),
                TableCell.OfInteger(r.UndecidedReferrals),
                TableCell.OfInteger(r.ExitsWithoutMeasurement),
                TableCell.OfInteger(r.ContactAttempts),
            ])).ToList();
            var total = ReportLines.DataQualityTotal(report.DataQuality);
            rows.Add(new DocumentRow(RowKind.Total,
            [
                TableCell.OfText("Totalt"),
                TableCell.OfInteger(total.PastExpectedLengthWithoutExit),
                TableCell.OfInteger(total.ExitsWithoutOutcome),
                TableCell.OfInteger(total.ExitsWithoutStep),
                TableCell.OfInteger(total.OverdueFollowUps),
                TableCell.OfInteger(total.CountOnlyWithoutFigures),
                TableCell.OfInteger(total.UnreachableWithTooFewAttempts),
                TableCell.OfInteger(total.UndecidedReferrals),
                TableCell.OfInteger(total.ExitsWithoutMeasurement),
                TableCell.OfInteger(total.ContactAttempts),
            ]));
            return new DocumentTable("datakvalitet", "Datakvalitet per utförare", "Datakvalitet", columns, rows,
                Introduction: "Registreringar som behöver kompletteras hos utförarna. Uppgifter som saknas vid avslut och uteblivna uppföljningar påverkar indikatorerna.");
        }
    }
}
