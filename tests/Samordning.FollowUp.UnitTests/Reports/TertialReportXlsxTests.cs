using DocumentFormat.OpenXml.Spreadsheet;
using Samordning.FollowUp.Features.Reports.Files;
using Samordning.FollowUp.Features.Reports.Presentation;

namespace Samordning.FollowUp.UnitTests.Reports;

/// <summary>
/// The workbook: "Sammanfattning", then one sheet per part of the report with the page's
/// headings; figures as numbers, subtotals in bold, the header row frozen. Expected figures are
/// worked out by hand from <see cref="ReportFixture"/>.
/// </summary>
public sealed class TertialReportXlsxTests : IDisposable
{
    private static readonly string[] ParticipantHeadings =
    [
        "Insats", "Utförare", "Planerat helår (individ)", "Planerat hittills (individ)", "Aktiva", "% av plan", "Nya", "Avslutade",
        "Pågående vid periodens slut", "Planerat helår (volyminsats)", "Antal i år (volyminsats)", "% av årsplan (volyminsats)",
    ];

    private static readonly string[] GenderHeadings =
    [
        "Insats", "Utförare", "Aktiva kvinnor", "Aktiva män", "Nya kvinnor", "Nya män", "Avslutade kvinnor", "Avslutade män",
        "Pågående kvinnor vid periodens slut", "Pågående män vid periodens slut", "Volyminsats kvinnor i år", "Volyminsats män i år",
    ];

    private static readonly string[] EconomyHeadings =
        ["Insats", "Utförare", "Budget (kr)", "Utfall (kr)", "Förbrukat (%)", "Kostnad per deltagare (kr)", "Deltagare i år"];

    private static readonly string[] IndicatorHeadings =
        ["Indikator", "Mål (%)", "Andel totalt (%)", "Nått målet", "Avslut", "Andel kvinnor (%)", "Andel män (%)", "Bedömning", "Underlag"];

    private readonly XlsxReadBack xlsx;

    public TertialReportXlsxTests() =>
        xlsx = new XlsxReadBack(Files.Write(s => TertialReportXlsx.Write(ReportFixture.Present(ReportFixture.Create()), s), "tertialrapport-exakta-tal.xlsx"));

    public void Dispose() => xlsx.Dispose();

    private static XlsxReadBack Board(bool adopted = false) => new(Files.Write(
        s => TertialReportXlsx.Write(ReportFixture.Present(ReportFixture.Create(adopted: adopted), ReportAudience.Board), s),
        adopted ? "tertialrapport-faststalld.xlsx" : "tertialrapport.xlsx"));

    [Fact]
    public void Xlsx_HasASummaryAndOneSheetPerPart_TheBoardWithoutTheOfficesParts()
    {
        string[] referrals = ["Anvisningar", "Anvisningar per part", "Anvisande parter", "Avböjda anvisningar"];
        Assert.Equal(["Sammanfattning", "Deltagare", "Kvinnor och män", "Indikatorer", "Avslutsorsaker", "Sysselsättning", .. referrals, "Ekonomi",
            "Avslut per insats", "Datakvalitet", "Utförarnas kommentarer"], xlsx.SheetNames);
        using var board = Board();
        Assert.Equal(["Sammanfattning", "Deltagare", "Kvinnor och män", "Indikatorer", "Avslutsorsaker", "Sysselsättning", .. referrals, "Ekonomi", "Utförarnas kommentarer"], board.SheetNames);
    }

    [Fact]
    public void Xlsx_IsValidAgainstTheOpenXmlSchema()
    {
        Assert.Empty(xlsx.ValidationErrors());
        using var board = Board();
        Assert.Empty(board.ValidationErrors());
    }

    [Fact]
    public void Xlsx_PartSheet_BannersTitleThenSwedishHeadingsInABoldFrozenHeaderRow()
    {
        var part = new XlsxPart(xlsx, "Deltagare", ParticipantHeadings);

        // Two banners (draft, exact figures), the part's title, its introduction, a blank row: the header is row 6.
        Assert.Equal(5, part.HeaderIndex);
        Assert.Equal("UTKAST – SIFFRORNA KAN ÄNDRAS TILLS TERTIALEN FASTSTÄLLS", part.Above[0]["A"].Text);
        Assert.Equal("INNEHÅLLER EXAKTA TAL – LÄMNAS INTE UT", part.Above[1]["A"].Text);
        Assert.Equal("Deltagare mot plan per insats – Tertialrapport T2 2025 – Samordningsförbundet Östra Skåne", part.Above[2]["A"].Text);
        Assert.StartsWith("Individinriktade insatser jämförs med planen för perioden", part.Above[3]["A"].Text, StringComparison.Ordinal);
        Assert.All(part.Header.Values, c => Assert.True(xlsx.IsBold(c)));

        var pane = xlsx.FrozenPane("Deltagare")!;
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(6, pane.VerticalSplit!.Value);
        Assert.Equal(2, pane.HorizontalSplit!.Value);
        Assert.Equal("C7", pane.TopLeftCell!.Value);
        var widths = xlsx.Worksheet("Deltagare").Descendants<Column>().ToList();
        Assert.Equal(ParticipantHeadings.Length, widths.Count);
        Assert.All(widths, w => Assert.True(w.CustomWidth!.Value && w.Width!.Value >= 10));

        Assert.Equal(GenderHeadings.Length, new XlsxPart(xlsx, "Kvinnor och män", GenderHeadings).Header.Count);
        Assert.Equal(5, new XlsxPart(xlsx, "Ekonomi", EconomyHeadings).HeaderIndex);
        Assert.Equal(5, new XlsxPart(xlsx, "Indikatorer", IndicatorHeadings).HeaderIndex);
    }

    [Fact]
    public void Xlsx_AdoptedBoardFile_HasNoBanners_TheHeaderOnRow4()
    {
        using var board = Board(adopted: true);
        var part = new XlsxPart(board, "Deltagare", ParticipantHeadings);
        Assert.Equal(3, part.HeaderIndex);
        Assert.Equal("C5", board.FrozenPane("Deltagare")!.TopLeftCell!.Value);
        Assert.DoesNotContain(board.Rows("Sammanfattning"), r => r.Values.Any(c => c.Text?.Contains("UTKAST", StringComparison.Ordinal) == true));
    }

    [Fact]
    public void Xlsx_InterventionRows_HoldTheFiguresAsNumbers()
    {
        var participants = new XlsxPart(xlsx, "Deltagare", ParticipantHeadings);
        var row = "Kartläggning Ängelholm – arbetsförmåga";
        Assert.Equal("Ängelholms kommun", participants.Cell(row, "Utförare")!.Text);
        AssertNumbers(participants, row,
            ("Planerat helår (individ)", 30), ("Planerat hittills (individ)", 20), ("Aktiva", 23), ("% av plan", 115.0),
            ("Nya", 10), ("Avslutade", 7), ("Pågående vid periodens slut", 16));
        AssertNumbers(participants, "Steg för steg – Höör", ("Planerat hittills (individ)", 17), ("% av plan", 111.8));
        AssertNumbers(participants, "Föreläsningsserie om psykisk ohälsa för chefer",
            ("Planerat helår (volyminsats)", 120), ("Antal i år (volyminsats)", 77), ("% av årsplan (volyminsats)", 64.2));
        Assert.Null(participants.Cell("Föreläsningsserie om psykisk ohälsa för chefer", "Aktiva"));

        AssertNumbers(new XlsxPart(xlsx, "Kvinnor och män", GenderHeadings), "Jobbspår Hässleholm",
            ("Aktiva kvinnor", 17), ("Aktiva män", 15), ("Nya kvinnor", 7), ("Nya män", 6), ("Avslutade kvinnor", 5), ("Avslutade män", 4),
            ("Pågående kvinnor vid periodens slut", 12), ("Pågående män vid periodens slut", 11), ("Volyminsats kvinnor i år", 0), ("Volyminsats män i år", 0));
        AssertNumbers(new XlsxPart(xlsx, "Kvinnor och män", GenderHeadings), "Samverkansdag för handläggare i Åstorp",
            ("Volyminsats kvinnor i år", 28), ("Volyminsats män i år", 13));

        AssertNumbers(new XlsxPart(xlsx, "Ekonomi", EconomyHeadings), row,
            ("Budget (kr)", 1_250_000), ("Utfall (kr)", 830_500), ("Förbrukat (%)", 66.4), ("Kostnad per deltagare (kr)", 36_109), ("Deltagare i år", 23));
        AssertNumbers(new XlsxPart(xlsx, "Ekonomi", EconomyHeadings), ReportFixture.QuotedName,
            ("Budget (kr)", 380_000), ("Utfall (kr)", 101_000), ("Förbrukat (%)", 26.6), ("Kostnad per deltagare (kr)", 14_429), ("Deltagare i år", 7));
    }

    [Fact]
    public void Xlsx_SubtotalAndTotalRows_AreBoldAndCarryTheSubtotals_BandsAsRowsOfTheirOwn()
    {
        var participants = new XlsxPart(xlsx, "Deltagare", ParticipantHeadings);
        AssertNumbers(participants, "Delsumma Kartläggning", ("Planerat helår (individ)", 55), ("Aktiva", 42), ("Avslutade", 11));
        AssertNumbers(participants, "Delsumma individinriktade insatser", ("Aktiva", 81), ("Nya", 34), ("Avslutade", 22), ("Pågående vid periodens slut", 59));
        AssertNumbers(participants, "Totalt för förbundet", ("Aktiva", 81), ("Antal i år (volyminsats)", 118), ("% av årsplan (volyminsats)", 65.6));
        Assert.True(xlsx.IsBold(participants.Cell("Delsumma Kartläggning", "Aktiva")!));
        Assert.True(xlsx.IsBold(participants.Cell("Totalt för förbundet", "Aktiva")!));
        Assert.False(xlsx.IsBold(participants.Cell("Steg för steg – Höör", "Aktiva")!));

        var economy = new XlsxPart(xlsx, "Ekonomi", EconomyHeadings);
        AssertNumbers(economy, "Delsumma Kartläggning", ("Budget (kr)", 1_890_000), ("Utfall (kr)", 1_532_850), ("Förbrukat (%)", 81.1));
        AssertNumbers(economy, "Totalt för förbundet", ("Budget (kr)", 4_595_000), ("Utfall (kr)", 3_209_350), ("Förbrukat (%)", 69.8),
            ("Kostnad per deltagare (kr)", 16_127), ("Deltagare i år", 199));

        // Orientation, category, rows, subtotals: 19 rows under the header, bands with only their text.
        Assert.Equal(
        [
            "Individinriktade insatser", "Kartläggning", "Kartläggning Ängelholm – arbetsförmåga", "Steg för steg – Höör", "Delsumma Kartläggning",
            "Rehabilitering till arbete eller utbildning", "Jobbspår Hässleholm", ReportFixture.QuotedName, "Delsumma Rehabilitering till arbete eller utbildning",
            "Delsumma individinriktade insatser", "Strukturövergripande insatser", "Utbildning", "Föreläsningsserie om psykisk ohälsa för chefer",
            "Delsumma Utbildning", "Dialog och kommunikation", "Samverkansdag för handläggare i Åstorp", "Delsumma Dialog och kommunikation",
            "Delsumma strukturövergripande insatser", "Totalt för förbundet",
        ], participants.Body.Select(r => r["A"].Text));
        var band = participants.Body[0];
        Assert.Single(band);
        Assert.True(xlsx.IsBold(band["A"]));
    }

    [Fact]
    public void Xlsx_Summary_NamesTheReport_KeyFigures_AndTheProvidersWords()
    {
        var rows = xlsx.Rows("Sammanfattning");
        string? Fact(string label) => rows.Single(r => r.TryGetValue("A", out var c) && c.Text == label)["B"].Text;
        Assert.Equal(ReportFixture.Association, Fact("Samordningsförbund"));
        Assert.Equal("2025-01-01 – 2025-08-31", Fact("Period"));
        Assert.Equal("Hittills i år", Fact("Redovisning"));
        Assert.Equal("Utkast – ej fastställd", Fact("Status"));
        Assert.Equal("Framtagen 2025-09-05 08:30", Fact("Framtagen"));
        Assert.StartsWith("Du ser exakta antal.", Fact("Små tal"), StringComparison.Ordinal);
        Assert.Equal("Tertialrapport T2 2025 – Samordningsförbundet Östra Skåne", rows[2]["A"].Text);

        string[] Figure(string label) =>
            [.. rows.Single(r => r.TryGetValue("A", out var c) && c.Text == label).OrderBy(c => c.Key).Skip(1).Select(c => c.Value.Text.Plain())];
        Assert.Equal(["40,9 %", "mål 35 % · 9 av 22", "✓ uppfyllt"], Figure("I1 Egen försörjning vid avslut"));
        Assert.Equal(["48,1 %", "mål 50 % · 13 av 27", "✗ ej uppfyllt"], Figure("I2 Egen försörjning 12 månader efter avslut"));
        // 81 active of 20 + 17 + 27 + 8 = 72 planned (each row's plan in whole people): 112,5 %, above the 90–110 band.
        Assert.Equal(["112,5 % av plan", "81 aktiva av 72 planerade", "▲ över plan"], Figure("Deltagare mot plan"));
        Assert.Equal(["65,6 % av årsplan", "118 i år av 180 planerade", "▼ under plan"], Figure("Volyminsatser mot årsplan"));
        Assert.Equal(["3 209 350 kr", "budget 4 595 000 kr", "förbrukat 69,8 %"], Figure("Utfall mot budget"));
        Assert.Equal(["16 127 kr", "199 deltagare i år"], Figure("Kostnad per deltagare"));

        Assert.Equal("Hässleholms kommun · uppdaterad 2025-09-01", rows.Single(r => r.TryGetValue("A", out var c) && c.Text == "Jobbspår Hässleholm")["B"].Text);
        Assert.Equal(ReportFixture.NoteText, Fact("Inflöde och kö"));
        Assert.Equal("Ingen uppgift.", Fact("Avvikelser och risker"));
    }

    [Fact]
    public void Xlsx_AdoptedReport_SaysWhenAndByWhom()
    {
        using var board = Board(adopted: true);
        var status = board.Rows("Sammanfattning").Single(r => r.TryGetValue("A", out var c) && c.Text == "Status");
        Assert.Equal("Fastställd 2025-09-20 av Anna Lindström", status["B"].Text);
    }

    [Fact]
    public void Xlsx_IndicatorSheet_InCodeOrderWithTargetsRatesAndJudgement()
    {
        var part = new XlsxPart(xlsx, "Indikatorer", IndicatorHeadings);
        Assert.Equal(["I1 Egen försörjning vid avslut", "I2 Egen försörjning 12 månader efter avslut", "I3 Stegförflyttning"], part.Body.Select(r => r["A"].Text));
        AssertNumbers(part, "I1 Egen försörjning vid avslut", ("Mål (%)", 35), ("Andel totalt (%)", 40.9), ("Nått målet", 9), ("Avslut", 22),
            ("Andel kvinnor (%)", 50.0), ("Andel män (%)", 30.0));
        Assert.Equal("✓ uppfyllt", part.Cell("I1 Egen försörjning vid avslut", "Bedömning")!.Text);
        AssertNumbers(part, "I2 Egen försörjning 12 månader efter avslut", ("Mål (%)", 50), ("Andel totalt (%)", 48.1), ("Nått målet", 13), ("Avslut", 27));
        Assert.Equal("✗ ej uppfyllt", part.Cell("I2 Egen försörjning 12 månader efter avslut", "Bedömning")!.Text);
        Assert.Equal("Version 1 · 12 månader efter avslut · avslut 2024-01-01 – 2024-08-31 · Svarsfrekvens 85,2 % (23 av 27 nådda)",
            part.Cell("I2 Egen försörjning 12 månader efter avslut", "Underlag")!.Text.Plain());
    }

    [Fact]
    public void Xlsx_ExitSheets_ReasonsAndOccupationsForTheAssociation_PerInterventionForTheOffice()
    {
        var reasons = new XlsxPart(xlsx, "Avslutsorsaker", ["Avslutsorsak", "Antal", "Andel av avslutade (%)"]);
        AssertNumbers(reasons, "Planenligt avslut", ("Antal", 18), ("Andel av avslutade (%)", 81.8));
        AssertNumbers(reasons, "Avbrott", ("Antal", 4), ("Andel av avslutade (%)", 18.2));
        AssertNumbers(reasons, "Avslutade totalt", ("Antal", 22), ("Andel av avslutade (%)", 100));
        AssertNumbers(new XlsxPart(xlsx, "Sysselsättning", ["Sysselsättning vid avslut", "Antal", "Andel av avslutade (%)"]), "Arbete utan stöd",
            ("Antal", 10), ("Andel av avslutade (%)", 45.5));

        var perIntervention = new XlsxPart(xlsx, "Avslut per insats",
        [
            "Insats", "Utförare", "Avslutade totalt", "Avslutsorsak: Planenligt avslut", "Avslutsorsak: Avbrott",
            "Sysselsättning vid avslut: Arbete utan stöd", "Sysselsättning vid avslut: Aktivt arbetssökande",
        ]);
        AssertNumbers(perIntervention, "Kartläggning Ängelholm – arbetsförmåga", ("Avslutade totalt", 7), ("Avslutsorsak: Planenligt avslut", 6),
            ("Avslutsorsak: Avbrott", 1), ("Sysselsättning vid avslut: Arbete utan stöd", 3), ("Sysselsättning vid avslut: Aktivt arbetssökande", 4));
        AssertNumbers(perIntervention, "Totalt för förbundet", ("Avslutade totalt", 22), ("Avslutsorsak: Avbrott", 4));
    }

    [Fact]
    public void Xlsx_ProvidersWords_HaveASheetOfTheirOwn_OneRowPerInterventionWithAComment()
    {
        using var board = Board();
        foreach (var file in new[] { xlsx, board })
        {
            var part = new XlsxPart(file, "Utförarnas kommentarer",
                ["Insats", "Utförare", "Uppdaterad", "Inflöde och kö", "Vad har fungerat", "Avvikelser och risker", "Mjuka värden"]);
            var row = part.Row("Jobbspår Hässleholm");
            Assert.Equal(("Hässleholms kommun", "uppdaterad 2025-09-01", ReportFixture.NoteText, "Ingen uppgift.", ReportFixture.SoftValuesText),
                (row[part.Letter("Utförare")].Text, row[part.Letter("Uppdaterad")].Text, row[part.Letter("Inflöde och kö")].Text,
                    row[part.Letter("Avvikelser och risker")].Text, row[part.Letter("Mjuka värden")].Text));
            Assert.StartsWith("Utan kommentar: ", part.Body[^1]["A"].Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Xlsx_DataQualitySheet_ListsProvidersAndATotal()
    {
        var part = new XlsxPart(xlsx, "Datakvalitet",
            ["Utförare", "Pågående längre än förväntat utan avslut", "Avslut utan sysselsättning vid avslut", "Avslut utan steg", "Försenade uppföljningar",
                "Antalsinsatser utan registrerade antal", "Ej anträffbar med för få kontaktförsök", "Anvisningar utan beslut", "Avslut utan progressionsmätning", "Kontaktförsök under perioden"]);
        AssertNumbers(part, "Hässleholms kommun", ("Pågående längre än förväntat utan avslut", 1), ("Försenade uppföljningar", 3),
            ("Antalsinsatser utan registrerade antal", 1), ("Kontaktförsök under perioden", 4));
        AssertNumbers(part, "Totalt", ("Pågående längre än förväntat utan avslut", 3), ("Avslut utan sysselsättning vid avslut", 3),
            ("Avslut utan steg", 3), ("Försenade uppföljningar", 4));
        Assert.True(xlsx.IsBold(part.Cell("Totalt", "Avslut utan steg")!));
    }

    [Fact]
    public void Xlsx_BoardFile_HiddenCountsAreTextMarkers_ThePlansStayNumbers()
    {
        using var board = Board();
        var part = new XlsxPart(board, "Deltagare", ParticipantHeadings);
        var row = ReportFixture.QuotedName;
        Assert.Equal(("x", (double?)null), (part.Cell(row, "Aktiva")!.Text, part.Cell(row, "Aktiva")!.Number));
        Assert.Equal("x", part.Cell(row, "% av plan")!.Text);
        // 3 new: small, read "<5". 2 ended: small too, but in a masked group that only a subtotal higher
        // up could protect, so the group reads "x" (MaskedCells.ShownSmall); still text, not a number.
        Assert.Equal("<5", part.Cell(row, "Nya")!.Text);
        Assert.Equal(("x", (double?)null), (part.Cell(row, "Avslutade")!.Text, part.Cell(row, "Avslutade")!.Number));
        AssertNumbers(part, row, ("Planerat helår (individ)", 12), ("Planerat hittills (individ)", 8));
        AssertNumbers(part, "Steg för steg – Höör", ("Nya", 8));
    }

    private static void AssertNumbers(XlsxPart part, string row, params (string Heading, double Value)[] expected)
    {
        foreach (var (heading, value) in expected)
        {
            var cell = part.Cell(row, heading);
            Assert.True(cell is not null, $"{row}: no cell {heading}");
            Assert.True(cell!.Text is null && cell.Number is not null, $"{row}: {heading} is '{cell.Text}', not a number");
            Assert.Equal(value, cell.Number!.Value, 9);
        }
    }
}
