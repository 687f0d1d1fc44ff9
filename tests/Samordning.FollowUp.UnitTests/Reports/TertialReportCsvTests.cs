using System.Text;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Files;
using Samordning.FollowUp.Features.Reports.Presentation;

namespace Samordning.FollowUp.UnitTests.Reports;

/// <summary>The long CSV table: one line per figure, for Swedish Excel (BOM, semicolons, decimal comma) and for machines.</summary>
public sealed class TertialReportCsvTests
{
    private const string Participants = "Deltagare mot plan per insats";
    private const string Title = "Tertialrapport T2 2025 – Samordningsförbundet Östra Skåne";

    private readonly byte[] csv = Write(ReportFixture.Create(), ReportAudience.Office, "tertialrapport-exakta-tal.csv");

    private static byte[] Write(TertialReport report, ReportAudience audience, string sample) =>
        Files.Write(s => TertialReportCsv.Write(ReportFixture.Present(report, audience), s), sample);

    private List<Dictionary<string, string>> Records => CsvReadBack.Records(csv);

    [Fact]
    public void Csv_IsUtf8WithBomSemicolonSeparatedWithSwedishHeadings()
    {
        Assert.Equal([0xEF, 0xBB, 0xBF], csv.Take(3));
        var text = Encoding.UTF8.GetString(csv, 3, csv.Length - 3);
        Assert.StartsWith("Rapport;Status;Anmärkning;Del;Radtyp;Grupp;Rad;Utförare;Uppgift;Värde\r\n", text);
        Assert.Contains("\r\n", text);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal));
        Assert.Contains("Kartläggning Ängelholm – arbetsförmåga", text);
        Assert.Contains("Samverkansdag för handläggare i Åstorp", text);
    }

    [Fact]
    public void Csv_EveryLine_CarriesTheReportItsStatusAndTheExactFiguresMarking()
    {
        Assert.All(Records, r =>
        {
            Assert.Equal(Title, r["Rapport"]);
            Assert.Equal("Utkast – ej fastställd", r["Status"]);
            Assert.Equal("Utkast – siffrorna kan ändras tills tertialen fastställs · Innehåller exakta tal – lämnas inte ut", r["Anmärkning"]);
        });

        var adopted = CsvReadBack.Records(Write(ReportFixture.Create(adopted: true), ReportAudience.Board, "tertialrapport-faststalld.csv"));
        Assert.All(adopted, r =>
        {
            Assert.Equal("Fastställd 2025-09-20 av Anna Lindström", r["Status"]);
            Assert.Equal(string.Empty, r["Anmärkning"]);
        });

        // Adopted without every provider accepted: the office's reason on every line, as on the page, in the PDF and Excel.
        var report = ReportFixture.Create(adopted: true);
        report = report with { Header = report.Header with { AdoptionOverrideReason = "Beta utförare har lämnat förbundet." } };
        Assert.All(CsvReadBack.Records(Write(report, ReportAudience.Board, "tertialrapport-faststalld-utan-alla.csv")),
            r => Assert.Equal("Fastställd utan att alla utförare godkänts: Beta utförare har lämnat förbundet.", r["Anmärkning"]));
    }

    [Fact]
    public void Csv_AnIntervention_OneLinePerFigureWithItsGroupAndProvider()
    {
        var lines = Records.Where(r => r["Del"] == Participants && r["Rad"] == "Kartläggning Ängelholm – arbetsförmåga").ToList();

        Assert.Equal(
        [
            ("Planerat helår (individ)", "30"), ("Planerat hittills (individ)", "20"), ("Aktiva", "23"), ("% av plan", "115,0"),
            ("Nya", "10"), ("Avslutade", "7"), ("Pågående vid periodens slut", "16"),
        ], lines.Select(r => (r["Uppgift"], r["Värde"])));
        Assert.All(lines, r =>
        {
            Assert.Equal("Rad", r["Radtyp"]);
            Assert.Equal("Individinriktade insatser / Kartläggning", r["Grupp"]);
            Assert.Equal("Ängelholms kommun", r["Utförare"]);
        });

        var countOnly = Records.Where(r => r["Del"] == Participants && r["Rad"] == "Samverkansdag för handläggare i Åstorp").ToList();
        Assert.Equal([("Planerat helår (volyminsats)", "60"), ("Antal i år (volyminsats)", "41"), ("% av årsplan (volyminsats)", "68,3")],
            countOnly.Select(r => (r["Uppgift"], r["Värde"])));
        Assert.All(countOnly, r => Assert.Equal("Strukturövergripande insatser / Dialog och kommunikation", r["Grupp"]));
    }

    [Fact]
    public void Csv_SubtotalsAndTheTotal_MarkedByRowType()
    {
        string Value(string row, string figure) => Records.Single(r => r["Del"] == Participants && r["Rad"] == row && r["Uppgift"] == figure)["Värde"];
        var category = Records.First(r => r["Del"] == Participants && r["Rad"] == "Delsumma Kartläggning");
        Assert.Equal(("Delsumma", string.Empty), (category["Radtyp"], category["Grupp"]));
        Assert.Equal("42", Value("Delsumma Kartläggning", "Aktiva"));
        Assert.Equal("22", Value("Delsumma individinriktade insatser", "Avslutade"));
        var total = Records.Where(r => r["Del"] == Participants && r["Rad"] == "Totalt för förbundet").ToList();
        Assert.All(total, r => Assert.Equal("Totalt", r["Radtyp"]));
        Assert.Equal("81", Value("Totalt för förbundet", "Aktiva"));
        Assert.Equal("118", Value("Totalt för förbundet", "Antal i år (volyminsats)"));
    }

    [Fact]
    public void Csv_EveryPart_InTheOrderOfThePage()
    {
        Assert.Equal(
        [
            "Deltagare mot plan per insats", "Kvinnor och män per insats", "Indikatorer mot mål", "Avslutsorsaker", "Sysselsättning vid avslut",
            "Anvisningar och kö per insats", "Anvisningar per insats och anvisande part", "Mottagna anvisningar per anvisande part", "Avböjda anvisningar per orsak",
            "Budget och kostnad per deltagare", "Avslut per insats", "Datakvalitet per utförare",
        ], Records.Select(r => r["Del"]).Distinct());
    }

    [Fact]
    public void Csv_NamesWithSeparatorsAndQuotes_RoundTrip()
    {
        var text = Encoding.UTF8.GetString(csv);
        Assert.Contains("\"Café \"\"Öppen dörr\"\"; drop-in\"", text);
        var record = Records.First(r => r["Rad"] == ReportFixture.QuotedName);
        Assert.Equal("Region Skåne, psykiatrin", record["Utförare"]);
        Assert.Equal("Individinriktade insatser / Rehabilitering till arbete eller utbildning", record["Grupp"]);
    }

    [Fact]
    public void Csv_DecimalsAndLargeFigures_UseACommaAndNoThousandsSeparator()
    {
        string Value(string part, string row, string figure) => Records.Single(r => r["Del"] == part && r["Rad"] == row && r["Uppgift"] == figure)["Värde"];
        Assert.Equal("4595000", Value("Budget och kostnad per deltagare", "Totalt för förbundet", "Budget (kr)"));
        Assert.Equal("3209350", Value("Budget och kostnad per deltagare", "Totalt för förbundet", "Utfall (kr)"));
        Assert.Equal("69,8", Value("Budget och kostnad per deltagare", "Totalt för förbundet", "Förbrukat (%)"));
        // 81 active of 20 + 17 + 27 + 8 = 72 planned (each row's plan in whole people): 112,5 %.
        Assert.Equal("112,5", Value(Participants, "Totalt för förbundet", "% av plan"));
        Assert.Equal("40,9", Value("Indikatorer mot mål", "I1 Egen försörjning vid avslut", "Andel totalt (%)"));
        Assert.Equal("35,0", Value("Indikatorer mot mål", "I1 Egen försörjning vid avslut", "Mål (%)"));
        Assert.All(Records.Where(r => r["Värde"].Any(char.IsAsciiDigit) && !r["Värde"].Any(char.IsLetter)),
            r => Assert.Matches(@"^-?\d+(,\d)?$", r["Värde"]));
    }

    [Fact]
    public void Csv_NamesThatLookLikeFormulas_AreWrittenAsText()
    {
        var report = ReportFixture.Rename(ReportFixture.Create(), 101, "=HYPERLINK(\"http://example.com\";\"Klicka\")", "+46 Arbete");
        report = ReportFixture.Rename(report, 102, "@SUMMA(A1:A9)", "-Försäkringskassan");
        var bytes = Write(report, ReportAudience.Board, "tertialrapport-formler.csv");

        var records = CsvReadBack.Records(bytes);
        Assert.Contains(records, r => r["Rad"] == "'=HYPERLINK(\"http://example.com\";\"Klicka\")" && r["Utförare"] == "'+46 Arbete");
        Assert.Contains(records, r => r["Rad"] == "'@SUMMA(A1:A9)" && r["Utförare"] == "'-Försäkringskassan");
        Assert.All(CsvReadBack.Parse(bytes).SelectMany(fields => fields),
            field => Assert.False(field.Length > 0 && field[0] is '=' or '+' or '@' || (field.StartsWith('-') && !char.IsAsciiDigit(field.ElementAtOrDefault(1))), field));
    }
}
