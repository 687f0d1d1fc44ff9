using System.Text;
using Samordning.FollowUp.Features.Reports.Files;

namespace Samordning.FollowUp.UnitTests.Reports;

public sealed class UppfoljningFinsamExportTests
{
    private static readonly FinsamExportRow[] Rows =
    [
        new(101, "Kartläggning Ängelholm – arbetsförmåga", "Ängelholms kommun", "Individinriktad", "Kartläggning", 14, 9, 30, 1_250_000, 830_500),
        new(202, "=Samverkansdag i Åstorp", "Samordningsförbundet", "Strukturövergripande", "Dialog och kommunikation", 28, 13, 60, 75_000, 81_900),
    ];

    private const string Headings = "Insats-id;Insats;Utförare;Inriktning;Kategori;Kvinnor;Män;Budgeterat antal deltagare;Budget (kr);Utfall (kr)";

    [Fact]
    public void Csv_HasTheFiguresFinsamAsksFor()
    {
        var bytes = Files.Write(s => UppfoljningFinsamExport.WriteCsv(Rows, s), "uppfoljning-finsam.csv");
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        Assert.Equal(Headings, lines[0]);
        Assert.Equal("101;Kartläggning Ängelholm – arbetsförmåga;Ängelholms kommun;Individinriktad;Kartläggning;14;9;30;1250000;830500", lines[1]);
    }

    [Fact]
    public void Csv_NameThatLooksLikeAFormula_KeptAsText()
    {
        var bytes = Files.Write(s => UppfoljningFinsamExport.WriteCsv(Rows, s), "uppfoljning-finsam.csv");
        var record = CsvReadBack.Records(bytes)[1];
        Assert.Equal("'=Samverkansdag i Åstorp", record["Insats"]);
    }

    [Fact]
    public void Xlsx_SameColumns_NumbersAsNumbers()
    {
        using var xlsx = new XlsxReadBack(Files.Write(s => UppfoljningFinsamExport.WriteXlsx(Rows, s), "uppfoljning-finsam.xlsx"));
        Assert.Empty(xlsx.ValidationErrors());
        var sheet = UppfoljningFinsamExport.SheetName;
        Assert.Equal([sheet], xlsx.SheetNames);
        Assert.Equal(Headings.Split(';'), xlsx.Rows(sheet)[0].Values.Select(c => c.Text));
        var row = xlsx.RowWith(sheet, "B", "=Samverkansdag i Åstorp");
        Assert.Equal(202, row["A"].Number);
        Assert.Equal(28, row[xlsx.ColumnOf(sheet, "Kvinnor")].Number);
        Assert.Equal(13, row[xlsx.ColumnOf(sheet, "Män")].Number);
        Assert.Equal(60, row[xlsx.ColumnOf(sheet, "Budgeterat antal deltagare")].Number);
        Assert.Equal(75_000, row[xlsx.ColumnOf(sheet, "Budget (kr)")].Number);
        Assert.Equal(81_900, row[xlsx.ColumnOf(sheet, "Utfall (kr)")].Number);
    }
}
