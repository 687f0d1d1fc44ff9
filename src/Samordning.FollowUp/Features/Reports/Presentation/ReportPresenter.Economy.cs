using Samordning.FollowUp.Common;
using Samordning.FollowUp.Documents;
using Samordning.FollowUp.Features.Economy;

namespace Samordning.FollowUp.Features.Reports.Presentation;

/// <summary>
/// The economic part of the report in the SUS cost report's four parts (funds available by
/// source, intervention costs, administrative costs, summary and equity against the board's
/// targets), as document tables: the page, the xlsx, the PDF and the CSV write these same cells.
/// Money is not a count of people, so the board sees it exactly.
/// </summary>
public static partial class ReportPresenter
{
    /// <summary>Ids of the economic parts, in reading order.</summary>
    public static readonly IReadOnlyList<string> EconomyPartIds = ["ekonomi-medel", "ekonomi-insatser", "ekonomi-administration", "ekonomi-sammanfattning", "ekonomi-mal"];

    internal static IEnumerable<PresentedPart> EconomyParts(EconomyReport? economy)
    {
        if (economy is null)
        {
            yield break;
        }

        yield return new("Ekonomi: tillgängliga medel", Funds(economy));
        yield return new("Ekonomi: insatskostnader", Costs("ekonomi-insatser", "Insatskostnader", "Insatskostnader", "Insats", economy, economy.Interventions, grouped: true));
        yield return new("Ekonomi: administrationskostnader", Costs("ekonomi-administration", "Administrationskostnader", "Administration", "Kostnadsslag", economy, economy.Administration, grouped: false));
        yield return new("Ekonomi: sammanfattning och eget kapital", Summary(economy));
        if (economy.Targets.Count > 0)
        {
            yield return new("Ekonomi: eget kapital och finansiella mål", Targets(economy));
        }
    }

    /// <summary>The equity forecast on the first screen, judged against the board's first target of equity.</summary>
    internal static IEnumerable<KeyFigure> EconomyKeyFigures(EconomyReport? economy)
    {
        if (economy is null)
        {
            yield break;
        }

        var target = economy.Targets.FirstOrDefault(t => t.Kind != Domain.FinancialTargetKind.AdministrationShareAtMost);
        yield return new KeyFigure(
            "Eget kapital vid årets slut (prognos)",
            SwedishFormat.Kronor(economy.Summary.ClosingEquityForecastSek),
            target?.Target ?? "Inget mål för eget kapital är satt",
            target is null ? null : EconomyCalculation.Judgement(target.Status),
            target?.Status switch
            {
                TargetStatus.Met => FigureTone.Good,
                TargetStatus.NotMet => FigureTone.Bad,
                _ => FigureTone.Neutral,
            });
    }

    private static DocumentTable Funds(EconomyReport economy)
    {
        DocumentColumn[] columns = [new("Källa", CellKind.Text, 44), new($"Belopp {economy.Year} (kr)", CellKind.Integer, 16)];
        var notes = economy.Notes.Where(n => n.StartsWith("Medlemsavgifter", StringComparison.Ordinal)).ToList();
        return new DocumentTable("ekonomi-medel", $"Tillgängliga medel {economy.Year} per källa", "Tillgängliga medel", columns,
        [
            .. economy.Funds.Select(f => new DocumentRow(RowKind.Item, [TableCell.OfText(SwedishFormat.Label(f.Source)), TableCell.OfInteger(f.AmountSek)])),
            new DocumentRow(RowKind.Total, [TableCell.OfText("Summa tillgängliga medel"), TableCell.OfInteger(economy.FundsTotalSek)]),
        ], Introduction: notes.Count == 0
            ? "Medlemmarnas avgifter enligt lagens fördelning (staten hälften, regionen en fjärdedel, kommunerna en fjärdedel efter befolkning), ingående eget kapital och övriga intäkter för året."
            : string.Join(" ", notes));
    }

    private static DocumentTable Costs(string id, string title, string sheet, string key, EconomyReport economy, CostPart part, bool grouped)
    {
        DocumentColumn[] columns =
        [
            new(key, CellKind.Text, 40),
            new("Budget helår (kr)", CellKind.Integer, 14),
            new($"Utfall T{economy.Tertial} (kr)", CellKind.Integer, 14),
            new("Utfall hittills i år (kr)", CellKind.Integer, 14),
            new("Förbrukat av budget (%)", CellKind.OneDecimal, 12),
            new("Prognos helår (kr)", CellKind.Integer, 14),
            new("Prognos enligt", CellKind.Text, 18),
        ];
        var rows = new List<DocumentRow>();
        string? group = null;
        foreach (var line in part.Lines)
        {
            if (grouped && line.Group != group)
            {
                group = line.Group;
                rows.Add(DocumentRow.BandOf(group ?? string.Empty));
            }

            rows.Add(new DocumentRow(RowKind.Item, CostCells(line)));
        }

        rows.Add(new DocumentRow(RowKind.Total, CostCells(part.Total)));
        return new DocumentTable(id, $"{title} {economy.Year}, utfall till och med T{economy.Tertial}", sheet, columns, rows,
            Introduction: "Förbrukat är utfallet hittills i år av årets budget. Prognosen är kansliets när den är angiven, annars utfallet hittills uppräknat till helår (pro rata).");
    }

    private static TableCell[] CostCells(CostLine line) =>
    [
        TableCell.OfText(line.Name),
        TableCell.OfInteger(line.BudgetSek),
        TableCell.OfInteger(line.TertialActualSek),
        TableCell.OfInteger(line.ActualToDateSek),
        line.UsedBasisPoints is { } used ? new TableCell(CellKind.OneDecimal, null, Math.Round(used / 100m, 1, MidpointRounding.AwayFromZero)) : TableCell.OfText(null),
        TableCell.OfInteger(line.ForecastSek),
        TableCell.OfText(line.ForecastEntered ? "Kansliets prognos" : "Pro rata"),
    ];

    private static DocumentTable Summary(EconomyReport economy)
    {
        var s = economy.Summary;
        DocumentColumn[] columns = [new("Post", CellKind.Text, 40), new($"Hittills i år, T{economy.Tertial} (kr)", CellKind.Integer, 16), new("Helår, prognos (kr)", CellKind.Integer, 16)];
        DocumentRow Row(RowKind kind, string name, long? toDate, long? year) => new(kind, [TableCell.OfText(name), TableCell.OfInteger(toDate), TableCell.OfInteger(year)]);
        return new DocumentTable("ekonomi-sammanfattning", $"Sammanfattning och eget kapital {economy.Year}", "Ekonomisk sammanfattning", columns,
        [
            Row(RowKind.Item, "Intäkter (medlemsavgifter och övriga intäkter)", s.IncomeToDateSek, s.IncomeSek),
            Row(RowKind.Item, "Insatskostnader", economy.Interventions.Total.ActualToDateSek, economy.Interventions.Total.ForecastSek),
            Row(RowKind.Item, "Administrationskostnader", economy.Administration.Total.ActualToDateSek, economy.Administration.Total.ForecastSek),
            Row(RowKind.Subtotal, "Kostnader totalt", s.CostsToDateSek, s.ForecastCostsSek),
            Row(RowKind.Item, "Budgeterade kostnader", null, s.BudgetedCostsSek),
            Row(RowKind.Subtotal, "Resultat", s.ResultToDateSek, s.ForecastResultSek),
            Row(RowKind.Item, "Ingående eget kapital", s.OpeningEquitySek, s.OpeningEquitySek),
            Row(RowKind.Total, "Utgående eget kapital", s.OpeningEquitySek + s.ResultToDateSek, s.ClosingEquityForecastSek),
        ], Introduction: string.Join(" ", economy.Notes.Where(n => !n.StartsWith("Medlemsavgifter", StringComparison.Ordinal))) is { Length: > 0 } text ? text : null);
    }

    private static DocumentTable Targets(EconomyReport economy)
    {
        DocumentColumn[] columns = [new("Mål", CellKind.Text, 44), new("Utfall", CellKind.Text, 50), new("Bedömning", CellKind.Text, 18)];
        return new DocumentTable("ekonomi-mal", "Eget kapital och administration mot styrelsens finansiella mål", "Finansiella mål", columns,
        [
            .. economy.Targets.Select(t => new DocumentRow(RowKind.Item,
                [TableCell.OfText(t.Target), TableCell.OfText(t.Figure), TableCell.OfText(EconomyCalculation.Judgement(t.Status))])),
        ], Introduction: "Målen bedöms mot årets prognos. Ett mål över flera år bedöms på summan av årens utgående eget kapital delad med summan av årens medel.");
    }
}
