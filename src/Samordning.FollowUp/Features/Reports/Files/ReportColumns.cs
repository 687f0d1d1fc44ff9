using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Documents;

namespace Samordning.FollowUp.Features.Reports.Files;

/// <summary>
/// The report's columns, defined once: the section sheets and the summary of the xlsx, the
/// CSV and the PDF tables all read them.
/// </summary>
internal static class ReportColumns
{
    /// <summary>The CSV's leading columns: what kind of row, and where it belongs.</summary>
    public static readonly IReadOnlyList<TableColumn<ReportLine>> Placement =
    [
        TableColumn.Text<ReportLine>("Radtyp", l => l.KindLabel, 20),
        TableColumn.Text<ReportLine>("Inriktning", l => l.Orientation, 22),
    ];

    public static readonly IReadOnlyList<TableColumn<ReportLine>> Description =
    [
        TableColumn.Text<ReportLine>("Kategori", l => l.Category, 26).SpreadsheetOnly(),
        TableColumn.Text<ReportLine>("Insats", l => l.Name, 40),
        TableColumn.Text<ReportLine>("Utförare", l => l.Provider, 28),
    ];

    public static readonly IReadOnlyList<TableColumn<DataQualityRow>> DataQuality =
    [
        TableColumn.Text<DataQualityRow>("Utförare", r => r.ProviderName, 34),
        TableColumn.Integer<DataQualityRow>("Pågående längre än förväntat utan avslut", r => r.PastExpectedLengthWithoutExit, 18),
        TableColumn.Integer<DataQualityRow>("Avslut utan sysselsättning vid avslut", r => r.ExitsWithoutOutcome, 18),
        TableColumn.Integer<DataQualityRow>("Avslut utan steg", r => r.ExitsWithoutStep, 18),
        TableColumn.Integer<DataQualityRow>("Försenade uppföljningar", r => r.OverdueFollowUps, 18),
    ];

    /// <summary>Rows of a section sheet: description and figures.</summary>
    public static IReadOnlyList<TableColumn<ReportLine>> Section(ReportHeader header) => [.. Description, .. Figures(header)];

    /// <summary>The CSV: placement, description and figures.</summary>
    public static IReadOnlyList<TableColumn<ReportLine>> Csv(ReportHeader header) => [.. Placement, .. Section(header)];

    public static IReadOnlyList<TableColumn<ReportLine>> Figures(ReportHeader header) =>
        [.. Volumes(header), .. OrderedDefinitions(header).SelectMany(Indicator)];

    /// <summary>Participants and money: every figure but the indicators.</summary>
    public static IReadOnlyList<TableColumn<ReportLine>> Volumes(ReportHeader header) =>
    [
        Integer("Planerat helår", f => f.PlannedParticipantsYear).InGroup("Planerat", "Helår"),
        OneDecimal(PlannedProRataHeading(header.Mode), f => f.PlannedParticipantsProRata)
            .InGroup("Planerat", header.Mode == ReportMode.YearToDate ? "Hittills" : "Perioden"),
        .. Genders("Aktiva", f => f.Active),
        .. Genders("Nya", f => f.New),
        .. Genders("Avslutade", f => f.Ended),
        .. Genders("Pågående vid periodens slut", f => f.OngoingAtEnd),
        Integer("Antal (volyminsats) kvinnor", f => f.CountOnly.Women).InGroup("Antal (volyminsats)", "Kvinnor"),
        Integer("Antal (volyminsats) män", f => f.CountOnly.Men).InGroup("Antal (volyminsats)", "Män"),
        Integer("Budget (kr)", f => f.BudgetSek, 14).InGroup("Ekonomi", "Budget (kr)"),
        Integer("Utfall (kr)", f => f.ActualCostSek, 14).InGroup("Ekonomi", "Utfall (kr)"),
        OneDecimal("Förbrukat (%)", f => f.BudgetUsedPercent).InGroup("Ekonomi", "Förbrukat (%)"),
        Integer("Kostnad per deltagare (kr)", f => f.CostPerParticipantSek, 14).InGroup("Ekonomi", "Kostnad per deltagare (kr)"),
        Integer("Deltagare i kostnad per deltagare", f => f.CostPerParticipantDenominator, 14).InGroup("Ekonomi", "Deltagare i år"),
    ];

    /// <summary>Exits by reason and occupation at exit, one column per code that occurs anywhere in the report.</summary>
    public static IReadOnlyList<TableColumn<ReportLine>> Exits(TertialReport report)
    {
        var lines = ReportLines.All(report).ToList();
        return
        [
            .. Description,
            Integer("Avslutade totalt", f => f.Ended.Total),
            .. Codes(lines, f => f.ExitsByReason).Select(c => CodeColumn("Avslutsorsak", c, f => f.ExitsByReason)),
            .. Codes(lines, f => f.OccupationAtExit).Select(c => CodeColumn("Sysselsättning vid avslut", c, f => f.OccupationAtExit)),
        ];
    }

    /// <summary>Indicators in the order of their codes as people read them: I1, I2, I3 … I10 (not I1, I10, I2).</summary>
    public static IEnumerable<ReportIndicatorDefinition> OrderedDefinitions(ReportHeader header) =>
        header.IndicatorDefinitions
            .DistinctBy(d => d.Code)
            .OrderBy(d => d.Code, CodeOrder.Instance);

    public static ReportIndicator? Indicator(ReportFigures figures, string code) =>
        figures.Indicators.FirstOrDefault(i => i.Code == code);

    private static string PlannedProRataHeading(ReportMode mode) =>
        mode == ReportMode.YearToDate ? "Planerat hittills" : "Planerat för perioden";

    private static IEnumerable<TableColumn<ReportLine>> Genders(string heading, Func<ReportFigures, GenderCount> count) =>
    [
        Integer($"{heading} kvinnor", f => count(f).Women).InGroup(heading, "Kvinnor"),
        Integer($"{heading} män", f => count(f).Men).InGroup(heading, "Män"),
        Integer($"{heading} totalt", f => count(f).Total).InGroup(heading, "Totalt"),
    ];

    private static IEnumerable<TableColumn<ReportLine>> Indicator(ReportIndicatorDefinition definition)
    {
        var code = definition.Code;
        var group = $"{code} {definition.Name}";
        IndicatorFigure? Total(ReportFigures f) => Indicator(f, code)?.Total;

        yield return OneDecimal($"{code} andel (%)", f => Total(f)?.Rate).InGroup(group, "Andel (%)");
        yield return Integer($"{code} täljare", f => Total(f)?.Numerator).InGroup(group, "Täljare");
        yield return Integer($"{code} nämnare", f => Total(f)?.Denominator).InGroup(group, "Nämnare");
        if (definition.MeasurementPoint == MeasurementPoint.TwelveMonthsAfterExit)
        {
            yield return Integer($"{code} nådda", f => Total(f)?.Reached).InGroup(group, "Nådda");
            yield return OneDecimal($"{code} svarsfrekvens (%)", f => Total(f)?.ResponseRate).InGroup(group, "Svarsfrekvens (%)");
            yield return OneDecimal($"{code} andel av nådda (%)", f => Total(f)?.RateOfReached).SpreadsheetOnly();
        }

        yield return OneDecimal($"{code} andel kvinnor (%)", f => Indicator(f, code)?.Woman.Rate).SpreadsheetOnly();
        yield return OneDecimal($"{code} andel män (%)", f => Indicator(f, code)?.Man.Rate).SpreadsheetOnly();
        yield return Integer($"{code} saknar uppgift", f => Total(f)?.MissingData).SpreadsheetOnly();
        yield return new TableColumn<ReportLine>($"{code} status", CellKind.Text,
            l => TableCell.OfText(Indicator(l.Figures, code) is { } i ? ReportText.Status(i.Status) : null)) { Width = 12, InPdf = false };
    }

    private static IEnumerable<CodeCount> Codes(IEnumerable<ReportLine> lines, Func<ReportFigures, IReadOnlyList<CodeCount>> counts) =>
        lines.SelectMany(l => counts(l.Figures)).DistinctBy(c => c.Code);

    private static TableColumn<ReportLine> CodeColumn(string group, CodeCount code, Func<ReportFigures, IReadOnlyList<CodeCount>> counts) =>
        Integer($"{group}: {code.Label}", f => counts(f).Where(c => c.Code == code.Code).Sum(c => c.Count), 16).InGroup(group, code.Label);

    private static TableColumn<ReportLine> Integer(string heading, Func<ReportFigures, long?> value, double width = 12) =>
        TableColumn.Integer<ReportLine>(heading, l => value(l.Figures), width);

    private static TableColumn<ReportLine> OneDecimal(string heading, Func<ReportFigures, double?> value, double width = 12) =>
        TableColumn.OneDecimal<ReportLine>(heading, l => value(l.Figures), width);
}
