using DocumentFormat.OpenXml.Spreadsheet;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Files;

namespace Samordning.FollowUp.UnitTests.Reports;

public sealed class TertialReportXlsxTests : IDisposable
{
    private const string Individual = "Individinriktade insatser";
    private const string Structural = "Strukturövergripande insatser";

    private readonly TertialReport report = ReportFixture.Create();
    private readonly XlsxReadBack xlsx;

    public TertialReportXlsxTests() =>
        xlsx = new XlsxReadBack(Files.Write(s => TertialReportXlsx.Write(ReportFixture.Present(report), s), "tertialrapport.xlsx"));

    public void Dispose() => xlsx.Dispose();

    [Fact]
    public void Xlsx_HasASummaryASheetPerOrientationExitsAndDataQuality()
    {
        Assert.Equal(["Sammanfattning", Individual, Structural, "Avslut", "Datakvalitet"], xlsx.SheetNames);
    }

    [Fact]
    public void Xlsx_IsValidAgainstTheOpenXmlSchema() => Assert.Empty(xlsx.ValidationErrors());

    [Fact]
    public void Xlsx_SectionSheet_HasSwedishHeadingsInABoldFrozenHeaderRow()
    {
        var header = xlsx.Rows(Individual)[0];
        var headings = header.Values.Select(c => c.Text).ToList();
        Assert.Equal(["Kategori", "Insats", "Utförare", "Planerat helår", "Planerat hittills"], headings.Take(5));
        Assert.Contains("Aktiva kvinnor", headings);
        Assert.Contains("Pågående vid periodens slut totalt", headings);
        Assert.Contains("Antal (volyminsats) män", headings);
        Assert.Contains("Kostnad per deltagare (kr)", headings);
        Assert.Equal(["I1 andel (%)", "I1 täljare", "I1 nämnare"], headings.SkipWhile(h => h != "I1 andel (%)").Take(3));
        // I1, I2, I3 in the order of their codes, whatever their measurement point.
        Assert.True(headings.IndexOf("I1 andel (%)") < headings.IndexOf("I2 andel (%)"));
        Assert.True(headings.IndexOf("I2 andel (%)") < headings.IndexOf("I3 andel (%)"));
        Assert.Contains("I2 svarsfrekvens (%)", headings);
        Assert.All(header.Values, c => Assert.True(xlsx.IsBold(c)));

        var pane = xlsx.Worksheet(Individual).Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1, pane.VerticalSplit!.Value);
        Assert.Equal("C2", pane.TopLeftCell!.Value);
        var widths = xlsx.Worksheet(Individual).Descendants<Column>().ToList();
        Assert.Equal(headings.Count, widths.Count);
        Assert.All(widths, w => Assert.True(w.CustomWidth!.Value && w.Width!.Value >= 10));
    }

    [Fact]
    public void Xlsx_EveryInterventionRow_HoldsTheReportsFiguresAsNumbers()
    {
        foreach (var section in report.Sections)
        {
            var sheet = section.Orientation == Samordning.FollowUp.Domain.Orientation.IndividualFocused ? Individual : Structural;
            foreach (var row in section.Categories.SelectMany(c => c.Interventions))
            {
                var cells = xlsx.RowWith(sheet, "B", row.Name);
                var f = row.Figures;
                Assert.Equal(row.ProviderName, Cell(sheet, cells, "Utförare").Text);
                AssertNumber(f.PlannedParticipantsYear, Cell(sheet, cells, "Planerat helår"));
                AssertNumber(Math.Round(f.PlannedParticipantsProRata, 1, MidpointRounding.AwayFromZero), Cell(sheet, cells, "Planerat hittills"));
                AssertNumber(f.Active.Women, Cell(sheet, cells, "Aktiva kvinnor"));
                AssertNumber(f.Active.Men, Cell(sheet, cells, "Aktiva män"));
                AssertNumber(f.Active.Total, Cell(sheet, cells, "Aktiva totalt"));
                AssertNumber(f.New.Total, Cell(sheet, cells, "Nya totalt"));
                AssertNumber(f.Ended.Women, Cell(sheet, cells, "Avslutade kvinnor"));
                AssertNumber(f.OngoingAtEnd.Men, Cell(sheet, cells, "Pågående vid periodens slut män"));
                AssertNumber(f.CountOnly.Women, Cell(sheet, cells, "Antal (volyminsats) kvinnor"));
                AssertNumber(f.BudgetSek, Cell(sheet, cells, "Budget (kr)"));
                AssertNumber(f.ActualCostSek, Cell(sheet, cells, "Utfall (kr)"));
                AssertNumber(f.BudgetUsedPercent!.Value, Cell(sheet, cells, "Förbrukat (%)"));
                AssertNumber(f.CostPerParticipantSek!.Value, Cell(sheet, cells, "Kostnad per deltagare (kr)"));
                foreach (var indicator in f.Indicators)
                {
                    AssertNumber(indicator.Total.Denominator, Cell(sheet, cells, $"{indicator.Code} nämnare"));
                    AssertNumber(indicator.Total.Numerator, Cell(sheet, cells, $"{indicator.Code} täljare"));
                    if (indicator.Total.Rate is { } rate)
                    {
                        AssertNumber(rate, Cell(sheet, cells, $"{indicator.Code} andel (%)"));
                    }
                }
            }
        }
    }

    [Fact]
    public void Xlsx_SubtotalRows_CarryTheSubtotalsInBold()
    {
        var section = report.Sections[0];
        var category = section.Categories[0];
        var categoryRow = xlsx.RowWith(Individual, "B", "Delsumma Kartläggning");
        AssertNumber(category.Subtotal.Active.Total, Cell(Individual, categoryRow, "Aktiva totalt"));
        AssertNumber(category.Subtotal.BudgetSek, Cell(Individual, categoryRow, "Budget (kr)"));
        Assert.True(xlsx.IsBold(Cell(Individual, categoryRow, "Aktiva totalt")));

        var sectionRow = xlsx.RowWith(Individual, "B", "Delsumma individinriktade insatser");
        AssertNumber(section.Subtotal.Ended.Total, Cell(Individual, sectionRow, "Avslutade totalt"));
        AssertNumber(section.Subtotal.ActualCostSek, Cell(Individual, sectionRow, "Utfall (kr)"));
        AssertNumber(section.Subtotal.Indicators.Single(i => i.Code == "I1").Total.Rate!.Value, Cell(Individual, sectionRow, "I1 andel (%)"));

        // Rows, category subtotals, one section subtotal, under the header.
        var expected = 1 + section.Categories.Sum(c => c.Interventions.Count + 1) + 1;
        Assert.Equal(expected, xlsx.Rows(Individual).Count);
    }

    [Fact]
    public void Xlsx_Summary_NamesTheReportItsIndicatorVersionsAndTheTotals()
    {
        var rows = xlsx.Rows("Sammanfattning");
        string? Fact(string label) => rows.Single(r => r.TryGetValue("A", out var c) && c.Text == label)["B"].Text;
        Assert.Equal(ReportFixture.Association, Fact("Samordningsförbund"));
        Assert.Equal("2025-01-01", Fact("Period från"));
        Assert.Equal("2025-08-31", Fact("Period till"));
        Assert.Equal("Hittills i år", Fact("Redovisning"));
        Assert.Equal("Ej fastställd (utkast)", Fact("Fastställd"));

        var i1 = rows.First(r => r.TryGetValue("A", out var c) && c.Text == "I1" && r.ContainsKey("C") && r["C"].Number is not null);
        Assert.Equal("Egen försörjning vid avslut", i1["B"].Text);
        AssertNumber(2, i1["C"]);

        var active = rows.Single(r => r.TryGetValue("A", out var c) && c.Text == "Aktiva totalt");
        AssertNumber(report.Total.Active.Total, active["B"]);

        var indicatorRow = rows.Last(r => r.TryGetValue("A", out var c) && c.Text == "I1");
        var columns = rows.Single(r => r.TryGetValue("A", out var c) && c.Text == "Indikator");
        string Col(string heading) => columns.Values.Single(c => c.Text == heading).Reference[..1];
        var total = report.Total.Indicators.Single(i => i.Code == "I1");
        AssertNumber(total.Total.Rate!.Value, indicatorRow[Col("Andel totalt (%)")]);
        AssertNumber(35, indicatorRow[Col("Mål (%)")]);
        Assert.Equal(total.Status == IndicatorStatus.Met ? "uppfyllt" : "ej uppfyllt", indicatorRow[Col("Status")].Text);
    }

    [Fact]
    public void Xlsx_ExitsSheet_HasAColumnPerReasonAndOccupationWithSwedishLabels()
    {
        var row = ReportFixture.Interventions(report).First();
        var cells = xlsx.RowWith("Avslut", "B", row.Name);
        AssertNumber(row.Figures.ExitsByReason.Single(c => c.Code == "PlannedCompletion").Count, Cell("Avslut", cells, "Avslutsorsak: Planenligt avslut"));
        AssertNumber(row.Figures.OccupationAtExit.Single(c => c.Code == "Employed").Count, Cell("Avslut", cells, "Sysselsättning vid avslut: Arbete utan stöd"));
        var total = xlsx.RowWith("Avslut", "B", "Totalt");
        AssertNumber(report.Total.ExitsByReason.Single(c => c.Code == "Discontinued").Count, Cell("Avslut", total, "Avslutsorsak: Avbrott"));
    }

    [Fact]
    public void Xlsx_DataQualitySheet_ListsProvidersAndATotal()
    {
        var provider = report.DataQuality[2];
        var cells = xlsx.RowWith("Datakvalitet", "A", provider.ProviderName);
        AssertNumber(provider.OverdueFollowUps, Cell("Datakvalitet", cells, "Försenade uppföljningar"));
        var total = xlsx.RowWith("Datakvalitet", "A", "Totalt");
        AssertNumber(report.DataQuality.Sum(r => r.ExitsWithoutStep), Cell("Datakvalitet", total, "Avslut utan steg"));
    }

    private XlsxCell Cell(string sheet, Dictionary<string, XlsxCell> row, string heading) => row[xlsx.ColumnOf(sheet, heading)];

    private static void AssertNumber(double expected, XlsxCell cell)
    {
        Assert.Null(cell.Text);
        Assert.NotNull(cell.Number);
        Assert.Equal(expected, cell.Number!.Value, 9);
    }
}
