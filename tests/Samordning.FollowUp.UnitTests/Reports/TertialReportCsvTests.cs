using System.Text;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Files;

namespace Samordning.FollowUp.UnitTests.Reports;

public sealed class TertialReportCsvTests
{
    private readonly TertialReport report = ReportFixture.Create();
    private readonly byte[] csv;

    public TertialReportCsvTests() => csv = Files.Write(s => TertialReportCsv.Write(ReportFixture.Present(report), s), "tertialrapport.csv");

    [Fact]
    public void Csv_IsUtf8WithBomSemicolonSeparatedWithSwedishHeadings()
    {
        Assert.Equal([0xEF, 0xBB, 0xBF], csv.Take(3));
        var text = Encoding.UTF8.GetString(csv, 3, csv.Length - 3);
        Assert.StartsWith("Radtyp;Inriktning;Kategori;Insats;Utförare;Planerat helår;Planerat hittills;Aktiva kvinnor;Aktiva män;Aktiva totalt;", text);
        Assert.Contains("\r\n", text);
        Assert.Contains("Kartläggning Ängelholm – arbetsförmåga", text);
        Assert.Contains("Samverkansdag för handläggare i Åstorp", text);
    }

    [Fact]
    public void Csv_HasARowPerInterventionAndSubtotalAndTheTotal()
    {
        var records = CsvReadBack.Records(csv);
        var expected = report.Sections.SelectMany(Expected).Append(("Totalt", "Totalt", report.Total)).ToList();
        Assert.Equal(expected.Select(e => (e.Item1, e.Item2)), records.Select(r => (r["Radtyp"], r["Insats"])));
        for (var i = 0; i < expected.Count; i++)
        {
            AssertFigures(expected[i].Item3, records[i]);
        }
    }

    [Fact]
    public void Csv_NamesWithSeparatorsAndQuotes_RoundTrip()
    {
        var text = Encoding.UTF8.GetString(csv);
        Assert.Contains("\"Café \"\"Öppen dörr\"\"; drop-in\"", text);
        var record = CsvReadBack.Records(csv).Single(r => r["Insats"] == ReportFixture.QuotedName);
        Assert.Equal("Region Skåne, psykiatrin", record["Utförare"]);
        Assert.Equal("Rehabilitering till arbete eller utbildning", record["Kategori"]);
        Assert.Equal("Individinriktad", record["Inriktning"]);
    }

    [Fact]
    public void Csv_DecimalsAndLargeFigures_UseACommaAndNoThousandsSeparator()
    {
        var record = CsvReadBack.Records(csv).Single(r => r["Radtyp"] == "Totalt");
        Assert.Equal(report.Total.BudgetSek.ToString(System.Globalization.CultureInfo.InvariantCulture), record["Budget (kr)"]);
        Assert.Matches(@"^\d+,\d$", record["Förbrukat (%)"]);
        Assert.Matches(@"^\d+,\d$", record["I1 andel (%)"]);
    }

    private static IEnumerable<(string, string, ReportFigures)> Expected(ReportSection section) =>
        section.Categories.SelectMany(c => c.Interventions.Select(r => ("Insats", r.Name, r.Figures))
                .Append(("Delsumma kategori", $"Delsumma {c.Label}", c.Subtotal)))
            .Append(("Delsumma inriktning", $"Delsumma {SectionName(section)}", section.Subtotal));

    private static string SectionName(ReportSection section) =>
        section.Orientation == Samordning.FollowUp.Domain.Orientation.IndividualFocused ? "individinriktade insatser" : "strukturövergripande insatser";

    private static void AssertFigures(ReportFigures f, Dictionary<string, string> record)
    {
        Assert.Equal(f.PlannedParticipantsYear, CsvReadBack.Number(record["Planerat helår"]));
        Assert.Equal(Math.Round((decimal)f.PlannedParticipantsProRata, 1, MidpointRounding.AwayFromZero), CsvReadBack.Number(record["Planerat hittills"]));
        Assert.Equal(f.Active.Women, CsvReadBack.Number(record["Aktiva kvinnor"]));
        Assert.Equal(f.Active.Men, CsvReadBack.Number(record["Aktiva män"]));
        Assert.Equal(f.Active.Total, CsvReadBack.Number(record["Aktiva totalt"]));
        Assert.Equal(f.New.Women, CsvReadBack.Number(record["Nya kvinnor"]));
        Assert.Equal(f.Ended.Total, CsvReadBack.Number(record["Avslutade totalt"]));
        Assert.Equal(f.OngoingAtEnd.Total, CsvReadBack.Number(record["Pågående vid periodens slut totalt"]));
        Assert.Equal(f.CountOnly.Women, CsvReadBack.Number(record["Antal (volyminsats) kvinnor"]));
        Assert.Equal(f.CountOnly.Men, CsvReadBack.Number(record["Antal (volyminsats) män"]));
        Assert.Equal(f.BudgetSek, CsvReadBack.Number(record["Budget (kr)"]));
        Assert.Equal(f.ActualCostSek, CsvReadBack.Number(record["Utfall (kr)"]));
        Assert.Equal((decimal?)f.BudgetUsedPercent, CsvReadBack.Number(record["Förbrukat (%)"]));
        Assert.Equal(f.CostPerParticipantSek, (long?)CsvReadBack.Number(record["Kostnad per deltagare (kr)"]));
        foreach (var code in new[] { "I1", "I2", "I3" })
        {
            var indicator = f.Indicators.SingleOrDefault(i => i.Code == code);
            Assert.Equal((decimal?)indicator?.Total.Rate, CsvReadBack.Number(record[$"{code} andel (%)"]));
            Assert.Equal(indicator?.Total.Numerator, (int?)CsvReadBack.Number(record[$"{code} täljare"]));
            Assert.Equal(indicator?.Total.Denominator, (int?)CsvReadBack.Number(record[$"{code} nämnare"]));
        }

        Assert.Equal((decimal?)f.Indicators.SingleOrDefault(i => i.Code == "I2")?.Total.ResponseRate, CsvReadBack.Number(record["I2 svarsfrekvens (%)"]));
    }
}
