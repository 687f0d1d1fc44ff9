using System.Text;
using Samordning.FollowUp.Documents;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Disclosure;
using Samordning.FollowUp.Features.Reports.Files;
using Samordning.FollowUp.Features.Reports.Presentation;

namespace Samordning.FollowUp.UnitTests.Reports;

/// <summary>
/// The board's files agree with the board's presentation cell by cell, and carry no exact value
/// in the place of a masked one. The fixture at threshold 5 has small counts ("&lt;5", e.g.
/// intervention 104's 3 new participants) and counts masked to protect them ("x", e.g. 104's 7
/// active: 5 women and 2 men, the 2 small).
/// </summary>
public sealed class ReportFileAgreementTests : IDisposable
{
    private static readonly TertialReport Report = ReportFixture.Create();
    private readonly ReportPresentation board = PresentationReading.Present(Report, ReportStatus.Draft, ReportAudience.Board);
    private readonly ReportPresentation office = PresentationReading.Present(Report, ReportStatus.Draft, ReportAudience.Office);
    private readonly XlsxReadBack xlsx;
    private readonly List<Dictionary<string, string>> csv;
    private readonly byte[] pdfBytes;

    public ReportFileAgreementTests()
    {
        xlsx = new XlsxReadBack(Files.Write(s => TertialReportXlsx.Write(board, s), "styrelsen.xlsx"));
        csv = CsvReadBack.Records(Files.Write(s => TertialReportCsv.Write(board, s), "styrelsen.csv"));
        pdfBytes = Files.Write(s => TertialReportPdf.Write(board, s), "styrelsen.pdf");
    }

    public void Dispose() => xlsx.Dispose();

    [Fact]
    public void Fixture_TheBoardSeesBothMarkers()
    {
        var cells = board.Parts.SelectMany(p => p.Table.Lines()).SelectMany(r => r.Cells).Where(c => c.IsHidden()).Select(c => c.Text).ToList();
        Assert.Contains("<5", cells);
        Assert.Contains("x", cells);
        Assert.All(cells, text => Assert.True(text is "<5" or "x", text));
        var participants = board.Part("deltagare").Table;
        Assert.Equal("<5", participants.Shown(ReportFixture.QuotedName, "Nya"));
        Assert.Equal("x", participants.Shown(ReportFixture.QuotedName, "Aktiva"));
    }

    [Fact]
    public void Xlsx_EveryCellOfEveryPart_AsInThePresentation()
    {
        foreach (var part in board.Parts)
        {
            var table = part.Table;
            var sheet = new XlsxPart(xlsx, table.SheetName, [.. table.Columns.Select(c => c.Heading)]);
            Assert.Equal(table.Rows.Count, sheet.Body.Count);
            for (var r = 0; r < table.Rows.Count; r++)
            {
                var row = table.Rows[r];
                var read = sheet.Body[r];
                if (row.Kind == RowKind.Band)
                {
                    Assert.Equal(row.Band, Assert.Single(read.Values).Text);
                    continue;
                }

                Assert.All(read.Keys, letter => Assert.True(XlsxReadBack.ColumnIndex(letter + "1") < table.Columns.Count, $"{table.Id}: extra cell {letter}"));
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    var cell = row.Cells[i];
                    var where = $"{table.Id} / {row.Cells[0].Display()} / {table.Columns[i].Heading}";
                    var found = read.GetValueOrDefault(XlsxReadBack.ColumnLetter(i));
                    if (cell.Number is { } number)
                    {
                        Assert.True(found?.Number is not null && found.Text is null, $"{where}: expected the number {number}, found '{found?.Text}'");
                        Assert.Equal((double)number, found!.Number!.Value, 9);
                    }
                    else if (!string.IsNullOrEmpty(cell.Text))
                    {
                        Assert.True(found?.Text == cell.Text && found.Number is null, $"{where}: expected '{cell.Text}', found '{found?.Text}' {found?.Number}");
                    }
                    else
                    {
                        Assert.True(found is null || (found.Text is null && found.Number is null), $"{where}: expected nothing, found '{found?.Text}' {found?.Number}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Csv_EveryCellOfEveryPart_AsInThePresentation()
    {
        var expected = new List<(string Part, string Kind, string Group, string Row, string Provider, string Figure, TableCell Cell)>();
        foreach (var part in board.Parts)
        {
            var table = part.Table;
            string? orientation = null;
            string? category = null;
            foreach (var row in table.Rows)
            {
                if (row.Kind == RowKind.Band)
                {
                    (orientation, category) = row.BandLevel == 0 ? (row.Band, null) : (orientation, row.Band);
                    continue;
                }

                var kind = row.Kind switch { RowKind.Subtotal => "Delsumma", RowKind.Total => "Totalt", _ => "Rad" };
                var group = row.Kind == RowKind.Item && orientation is not null ? $"{orientation} / {category}" : string.Empty;
                var provider = table.KeyColumns > 1 ? row.Cells[1].Text ?? string.Empty : string.Empty;
                for (var i = table.KeyColumns; i < table.Columns.Count; i++)
                {
                    if (!row.Cells[i].IsEmpty)
                    {
                        expected.Add((part.Heading, kind, group, row.Cells[0].Display(), provider, table.Columns[i].Heading, row.Cells[i]));
                    }
                }
            }
        }

        Assert.Equal(expected.Count, csv.Count);
        for (var k = 0; k < expected.Count; k++)
        {
            var (part, kind, group, row, provider, figure, cell) = expected[k];
            var line = csv[k];
            Assert.Equal((part, kind, group, row, provider, figure), (line["Del"], line["Radtyp"], line["Grupp"], line["Rad"], line["Utförare"], line["Uppgift"]));
            if (cell.Number is { } number)
            {
                Assert.Equal(number, CsvReadBack.Number(line["Värde"]));
            }
            else
            {
                Assert.Equal(cell.Text, line["Värde"]);
            }
        }
    }

    [Fact]
    public void Pdf_HasEveryKeyFigure_EveryPartAndRow_AndTheMaskedMarkers()
    {
        using var pdf = new PdfReadBack(pdfBytes);
        foreach (var figure in board.KeyFigures)
        {
            Assert.Contains(figure.Value.Plain(), pdf.Pages[0]);
            Assert.Contains(figure.Detail.Plain(), pdf.Pages[0]);
            if (figure.More is { } more)
            {
                Assert.Contains(more.Plain(), pdf.Pages[0]);
            }
        }

        // Hand-written: the board's key figures as the first page prints them. Planned 20 + 17 + 27 + 8 = 72;
        // the active total is masked, and year to date "deltagare i år" = active + count-only (199 = 81 + 118)
        // ties the count-only total and the participants to it, so they read "x" too.
        foreach (var text in new[] { "x aktiva av 72 planerade", "– visas inte", "34 / x", "x pågår vid periodens slut", "x i år av 180 planerade", "x deltagare i år" })
        {
            Assert.Contains(text, pdf.Pages[0]);
        }

        foreach (var part in board.Parts)
        {
            Assert.Contains(part.Heading, pdf.AllText);
            Assert.All(part.Table.Lines(), r => Assert.Contains(r.Cells[0].Display().Plain(), pdf.AllText));
        }

        var words = pdf.AllText.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("<5", words);
        Assert.Contains("x", words);
        // 4 discontinued (under 5) grouped with the next smallest, 18 planned completions: "Övriga" 22, all the exits, masked with them.
        Assert.Contains("Övriga x x", pdf.AllText);
        Assert.DoesNotContain("Avbrott", pdf.AllText);
        Assert.Contains("Avslutade totalt x 100,0", pdf.AllText);
        // 104: planned 12 and 8, active x, % x, new 3 "<5", ended 2 and ongoing 5 "x" (the ended group reads "x": see MaskedCells.ShownSmall).
        Assert.Contains("Café \"Öppen dörr\"; drop-in Region Skåne, psykiatrin 12 8 x x <5 x x", pdf.AllText);
    }

    [Fact]
    public void Board_NoExactValueOfAMaskedCell_InTheXlsxOrTheCsv()
    {
        var hidden = 0;
        foreach (var part in board.Parts)
        {
            var table = part.Table;
            var exact = Exact(part.Id);
            var sheet = new XlsxPart(xlsx, table.SheetName, [.. table.Columns.Select(c => c.Heading)]);
            Assert.Equal(exact.Count, table.Rows.Count);
            for (var r = 0; r < table.Rows.Count; r++)
            {
                var row = table.Rows[r];
                for (var i = 0; i < row.Cells.Count; i++)
                {
                    if (!row.Cells[i].IsHidden())
                    {
                        continue;
                    }

                    hidden++;
                    var value = exact[r].Cells[i].Number!.Value;
                    var name = row.Cells[0].Display();
                    var heading = table.Columns[i].Heading;
                    var cell = sheet.Body[r][XlsxReadBack.ColumnLetter(i)];
                    Assert.Null(cell.Number);
                    Assert.Equal(row.Cells[i].Text, cell.Text);
                    Assert.NotEqual(exact[r].Cells[i].Display(), cell.Text);
                    var line = csv.Single(l => l["Del"] == part.Heading && l["Rad"] == name && l["Uppgift"] == heading);
                    Assert.Equal(row.Cells[i].Text, line["Värde"]);
                    Assert.NotEqual(exact[r].Cells[i].Csv(), line["Värde"]);
                    Assert.True(value >= 0);
                }
            }
        }

        Assert.True(hidden > 20, $"{hidden} hidden cells");

        // Hand-written: 104's 7 active and 3 new; the association's 22 exits, and "Övriga" 22 (4 discontinued,
        // under 5, grouped with the next smallest reason, 18 planned completions), equal to the exits and masked with them.
        var participants = new XlsxPart(xlsx, "Deltagare", [.. board.Part("deltagare").Table.Columns.Select(c => c.Heading)]);
        Assert.Equal(("x", (double?)null), (participants.Cell(ReportFixture.QuotedName, "Aktiva")!.Text, participants.Cell(ReportFixture.QuotedName, "Aktiva")!.Number));
        Assert.Equal("<5", participants.Cell(ReportFixture.QuotedName, "Nya")!.Text);
        var reasons = new XlsxPart(xlsx, "Avslutsorsaker", ["Avslutsorsak", "Antal", "Andel av avslutade (%)"]);
        Assert.Equal(["Övriga", "Avslutade totalt"], reasons.Body.Select(r => r["A"].Text));
        Assert.Equal("x", reasons.Cell("Övriga", "Antal")!.Text);
        Assert.Equal("x", reasons.Cell("Avslutade totalt", "Antal")!.Text);
        Assert.DoesNotContain(csv, l => l["Del"] == "Avslutsorsaker" && l["Värde"] is "4" or "18" or "22" or "18,2" or "81,8");
        Assert.DoesNotContain(xlsx.SheetNames, s => s is "Avslut per insats" or "Datakvalitet");
        Assert.DoesNotContain(csv, l => l["Del"] is "Avslut per insats" or "Datakvalitet per utförare");
    }

    /// <summary>
    /// The exact rows behind the board's table: the office's rows; for the exit reasons and occupations, the
    /// board's own codes (grouped as "Övriga" under the threshold) with their exact counts and shares.
    /// </summary>
    private List<DocumentRow> Exact(string id)
    {
        var codes = id switch
        {
            "avslutsorsaker" => Report.Total.ExitsByReason,
            "sysselsattning" => Report.Total.OccupationAtExit,
            _ => null,
        };
        if (codes is null)
        {
            return [.. office.Part(id).Table.Rows];
        }

        var ended = Report.Total.Ended.Total;
        return
        [
            .. ReportDisclosure.Grouped(codes, 5).Select(c => new DocumentRow(RowKind.Item,
                [TableCell.OfText(c.Label), TableCell.OfInteger(c.Count), TableCell.OfOneDecimal(c.Count * 100.0 / ended)])),
            office.Part(id).Table.Rows[^1],
        ];
    }

    [Fact]
    public void Json_MarksEveryMaskedCell_AndOnlyThose()
    {
        foreach (var part in board.Parts)
        {
            var rows = part.Rows;
            for (var r = 0; r < rows.Count; r++)
            {
                var row = part.Table.Rows[r];
                for (var i = 0; i < row.Cells.Count; i++)
                {
                    Assert.Equal(row.Cells[i].IsHidden(), rows[r].Cells[i].Masked);
                    Assert.Equal(row.Cells[i].Display(), rows[r].Cells[i].Text);
                    Assert.Equal(row.Cells[i].Number, rows[r].Cells[i].Value);
                }
            }
        }
    }

    [Fact]
    public void Pdf_HasTitleAndLanguage_AndStillOpensWithItsTextExtractable()
    {
        var bytes = Encoding.Latin1.GetString(pdfBytes);
        Assert.StartsWith("%PDF-", bytes, StringComparison.Ordinal);
        Assert.Contains("/Lang (sv-SE)", bytes);
        Assert.Contains("/Title", bytes);
        // An incremental update: a second trailer pointing back at the first, ending the file.
        Assert.Contains("/Prev ", bytes);
        Assert.Equal(2, bytes.Split("%%EOF").Length - 1);
        Assert.EndsWith("%%EOF\n", bytes, StringComparison.Ordinal);

        using var pdf = new PdfReadBack(pdfBytes);
        Assert.Equal("sv-SE", pdf.Language);
        Assert.Equal("Tertialrapport T2 2025 – Samordningsförbundet Östra Skåne", pdf.Title);
        Assert.Contains("Tertialrapport T2 2025 – Samordningsförbundet Östra Skåne", pdf.Pages[0]);
        Assert.Contains($"Sida {pdf.Pages.Count} av {pdf.Pages.Count}", pdf.Pages[^1]);
    }
}
