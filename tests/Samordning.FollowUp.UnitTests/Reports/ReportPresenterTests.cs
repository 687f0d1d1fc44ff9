using Samordning.FollowUp.Documents;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Presentation;

namespace Samordning.FollowUp.UnitTests.Reports;

/// <summary>
/// The one presentation model, rule by rule, against figures worked out by hand from
/// <see cref="ReportFixture"/>: individual interventions 101–104 (planned 30, 25, 40, 12 a year;
/// 8/12 of that year to date; active 23, 19, 32, 7), count-only interventions 201 and 202
/// (planned 120 and 60, counted 77 and 41).
/// </summary>
public sealed class ReportPresenterTests
{
    private const string Participants = "deltagare";
    private const string Planned = "Planerat hittills (individ)";

    private static readonly TertialReport Report = ReportFixture.Create();

    private static ReportPresentation Office(TertialReport? report = null, PlanThresholds? plan = null) =>
        PresentationReading.Present(report ?? Report, ReportStatus.Draft, ReportAudience.Office, 5, plan);

    private static ReportPresentation Board(TertialReport? report = null) =>
        PresentationReading.Present(report ?? Report, ReportStatus.Draft, ReportAudience.Board, 5);

    // ---- participants against plan: individual and count-only apart ----

    [Fact]
    public void KeyFigure_IndividualParticipants_AgainstTheIndividualPlanOnly()
    {
        // 81 active of the rows' whole planned people: 30, 25, 40, 12 a year × 8/12 = 20, 16,7 → 17, 26,7 → 27, 8;
        // 20 + 17 + 27 + 8 = 72 (not 107 × 8/12 = 71,3 → 71). 81 / 72 = 112,5 %, above the 90–110 band.
        var figure = Office().Figure("Deltagare mot plan");

        Assert.Equal("112,5 % av plan", figure.Value.Plain());
        Assert.Equal("81 aktiva av 72 planerade", figure.Detail.Plain());
        Assert.Equal("▲ över plan", figure.More);
        Assert.Equal(FigureTone.Caution, figure.Tone);
    }

    [Fact]
    public void KeyFigure_CountOnly_AgainstTheCountOnlyYearPlanOnly()
    {
        // 77 + 41 = 118 counted of 120 + 60 = 180 planned for the year: 65,56 %.
        var figure = Office().Figure("Volyminsatser mot årsplan");

        Assert.Equal("65,6 % av årsplan", figure.Value.Plain());
        Assert.Equal("118 i år av 180 planerade", figure.Detail.Plain());
        Assert.Equal("▼ under plan", figure.More);
        Assert.Equal(FigureTone.Bad, figure.Tone);
    }

    [Fact]
    public void ParticipantsTable_IndividualAgainstThePlanToDate_CountOnlyAgainstTheYearPlan()
    {
        var table = Office().Part(Participants).Table;
        string[] individual = ["Planerat helår (individ)", Planned, "Aktiva", "% av plan", "Nya", "Avslutade", "Pågående vid periodens slut"];
        string[] countOnly = ["Planerat helår (volyminsats)", "Antal i år (volyminsats)", "% av årsplan (volyminsats)"];
        (string Row, string[] Individual, string[] CountOnly)[] expected =
        [
            ("Kartläggning Ängelholm – arbetsförmåga", ["30", "20", "23", "115,0", "10", "7", "16"], ["", "", ""]),
            ("Steg för steg – Höör", ["25", "17", "19", "111,8", "8", "4", "15"], ["", "", ""]),
            ("Delsumma Kartläggning", ["55", "37", "42", "113,5", "18", "11", "31"], ["", "", ""]),
            ("Jobbspår Hässleholm", ["40", "27", "32", "118,5", "13", "9", "23"], ["", "", ""]),
            (ReportFixture.QuotedName, ["12", "8", "7", "87,5", "3", "2", "5"], ["", "", ""]),
            ("Delsumma Rehabilitering till arbete eller utbildning", ["52", "35", "39", "111,4", "16", "11", "28"], ["", "", ""]),
            // Planned to date: 37 + 35 = 72 (the whole rows add up); 81 / 72 = 112,5 %.
            ("Delsumma individinriktade insatser", ["107", "72", "81", "112,5", "34", "22", "59"], ["", "", ""]),
            ("Föreläsningsserie om psykisk ohälsa för chefer", ["", "", "", "", "", "", ""], ["120", "77", "64,2"]),
            ("Samverkansdag för handläggare i Åstorp", ["", "", "", "", "", "", ""], ["60", "41", "68,3"]),
            ("Delsumma strukturövergripande insatser", ["", "", "", "", "", "", ""], ["180", "118", "65,6"]),
            ("Totalt för förbundet", ["107", "72", "81", "112,5", "34", "22", "59"], ["180", "118", "65,6"]),
        ];
        foreach (var (row, ind, count) in expected)
        {
            Assert.Equal(ind, individual.Select(h => Text(table.Cell(row, h))));
            Assert.Equal(count, countOnly.Select(h => Text(table.Cell(row, h))));
        }

        static string Text(TableCell cell) => cell.IsEmpty ? string.Empty : cell.Display().Plain();
    }

    // Against 72 planned people (20 + 17 + 27 + 8): 90 % is 64,8 and 110 % is 79,2.
    [Theory]
    [InlineData(64, "88,9 % av plan", "▼ under plan", FigureTone.Bad)]
    [InlineData(65, "90,3 % av plan", "✓ enligt plan", FigureTone.Good)]
    [InlineData(72, "100,0 % av plan", "✓ enligt plan", FigureTone.Good)]
    [InlineData(79, "109,7 % av plan", "✓ enligt plan", FigureTone.Good)]
    [InlineData(80, "111,1 % av plan", "▲ över plan", FigureTone.Caution)]
    public void PlanStatus_DefaultBand_90To110(int active, string value, string words, FigureTone tone)
    {
        var figure = Office(WithActive(active)).Figure("Deltagare mot plan");

        Assert.Equal(value, figure.Value.Plain());
        Assert.Equal(words, figure.More);
        Assert.Equal(tone, figure.Tone);
    }

    // Against 72 planned people: 95 % is 68,4 and 105 % is 75,6.
    [Theory]
    [InlineData(68, "94,4 % av plan", "▼ under plan")]
    [InlineData(69, "95,8 % av plan", "✓ enligt plan")]
    [InlineData(75, "104,2 % av plan", "✓ enligt plan")]
    [InlineData(76, "105,6 % av plan", "▲ över plan")]
    public void PlanStatus_TheAssociationsOwnBand(int active, string value, string words)
    {
        var presentation = Office(WithActive(active), new PlanThresholds(95, 105));

        var figure = presentation.Figure("Deltagare mot plan");
        Assert.Equal(value, figure.Value.Plain());
        Assert.Equal(words, figure.More);
        Assert.Contains("Enligt plan betyder 95–105 % av planen.", presentation.Part(Participants).Introduction);
    }

    [Theory]
    [InlineData(60, 65, "▲ över plan", FigureTone.Caution)]
    [InlineData(50, 70, "✓ enligt plan", FigureTone.Good)]
    [InlineData(70, 120, "▼ under plan", FigureTone.Bad)]
    public void PlanStatus_CountOnly_JudgedWithTheSameBand(int below, int above, string words, FigureTone tone)
    {
        // 118 of 180 = 65,6 %.
        var figure = Office(plan: new PlanThresholds(below, above)).Figure("Volyminsatser mot årsplan");

        Assert.Equal(words, figure.More);
        Assert.Equal(tone, figure.Tone);
    }

    [Fact]
    public void PlannedPeople_AreWholeNumbers_InEveryPlannedColumnTheBarsAndTheKeyFigure()
    {
        // 17 extra interventions make plans of 11..27 a year: 8/12 of most of them is not whole.
        var presentation = Office(ReportFixture.Create(extraInterventions: 17));
        var table = presentation.Part(Participants).Table;
        var planned = table.Columns.Select((c, i) => (c, i)).Where(x => x.c.Heading.StartsWith("Planerat", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, planned.Count);
        foreach (var row in table.Lines())
        {
            foreach (var (column, i) in planned)
            {
                var cell = row.Cells[i];
                Assert.Equal(CellKind.Integer, column.Kind);
                Assert.True(cell.IsEmpty || cell.Number == decimal.Truncate(cell.Number!.Value), $"{row.Cells[0].Display()}: {column.Heading} {cell.Number}");
                Assert.DoesNotContain(",", cell.Display());
            }
        }

        // Hand-worked for the fixture: 30, 25, 40, 12 a year → 20, 16,7 → 17, 26,7 → 27, 8.
        Assert.Equal([20, 17, 27, 8], Office().PlanBars.Select(b => b.Planned));
        Assert.Equal("x aktiva av 72 planerade", Board().Figure("Deltagare mot plan").Detail.Plain());
        Assert.Equal("20", Office().Part(Participants).Table.Shown("Kartläggning Ängelholm – arbetsförmåga", Planned));
        Assert.Equal("17", Office().Part(Participants).Table.Shown("Steg för steg – Höör", Planned));
    }

    [Fact]
    public void PlannedPeople_ASubtotal_IsTheSumOfTheWholeRowsAboveIt()
    {
        var table = Office().Part(Participants).Table;
        Assert.Equal("37", table.Shown("Delsumma Kartläggning", Planned));
        Assert.Equal("35", table.Shown("Delsumma Rehabilitering till arbete eller utbildning", Planned));
        Assert.Equal("72", table.Shown("Delsumma individinriktade insatser", Planned));
        Assert.Equal("72", table.Shown("Totalt för förbundet", Planned));
    }

    // ---- structure ----

    [Theory]
    [InlineData(ReportAudience.Board)]
    [InlineData(ReportAudience.Office)]
    public void EmptyCategoriesAndOrientations_AreLeftOutOfEveryTable(ReportAudience audience)
    {
        var presentation = PresentationReading.Present(WithEmptyCategoriesAndStructuralOrientation(), ReportStatus.Draft, audience);

        foreach (var id in new[] { "deltagare", "kon", "ekonomi" })
        {
            var table = presentation.Part(id).Table;
            Assert.Equal(["Individinriktade insatser", "Kartläggning", "Rehabilitering till arbete eller utbildning"],
                table.Rows.Where(r => r.Kind == RowKind.Band).Select(r => r.Band));
            Assert.Equal(
            [
                "Kartläggning Ängelholm – arbetsförmåga", "Steg för steg – Höör", "Delsumma Kartläggning",
                "Jobbspår Hässleholm", ReportFixture.QuotedName, "Delsumma Rehabilitering till arbete eller utbildning",
                "Delsumma individinriktade insatser", "Totalt för förbundet",
            ], table.Lines().Select(r => r.Cells[0].Display()));
        }
    }

    [Fact]
    public void Indicators_InCodeOrder_I1_I2_I3_I10_WhateverTheReportsOrder()
    {
        var report = ReportFixture.Create();
        var byCode = report.Total.Indicators.ToDictionary(i => i.Code);
        var i10 = byCode["I1"] with { Code = "I10" };
        var scrambled = report with
        {
            Header = report.Header with
            {
                IndicatorDefinitions = [.. report.Header.IndicatorDefinitions, new ReportIndicatorDefinition("I10", "Tionde indikatorn", 1, MeasurementPoint.AtExit, 20)],
            },
            Total = report.Total with { Indicators = [i10, byCode["I3"], byCode["I1"], byCode["I2"]] },
        };

        foreach (var presentation in new[] { Office(scrambled), Board(scrambled) })
        {
            Assert.Equal(["I1", "I2", "I3", "I10"], presentation.Indicators.Select(i => i.Code));
            Assert.Equal(["I1 ", "I2 ", "I3 ", "I10"], presentation.Part("indikatorer").Table.Rows.Select(r => r.Cells[0].Display()[..3]));
            Assert.Equal(["I1 ", "I2 ", "I3 ", "I10"], presentation.KeyFigures.Take(4).Select(f => f.Label[..3]));
        }
    }

    [Fact]
    public void Indicators_TheOfficeSeesEveryRate()
    {
        // I1: women 6 of 12 = 50,0 %, men 3 of 10 = 30,0 %, total 9 of 22 = 40,9 % against 35 %.
        var i1 = Office().Indicators[0];

        Assert.Equal(("I1", "Egen försörjning vid avslut", IndicatorStatus.Met, "✓ uppfyllt"), (i1.Code, i1.Name, i1.Status, i1.Judgement));
        Assert.Equal(new PresentedRate(40.9, "40,9\u00A0%", "9", "22"), i1.Total);
        Assert.Equal(new PresentedRate(50.0, "50,0\u00A0%", "6", "12"), i1.Women);
        Assert.Equal(new PresentedRate(30.0, "30,0\u00A0%", "3", "10"), i1.Men);
        var row = Office().Part("indikatorer").Table;
        Assert.Equal("50,0", row.Shown("I1 Egen försörjning vid avslut", "Andel kvinnor (%)"));
        Assert.Equal("30,0", row.Shown("I1 Egen försörjning vid avslut", "Andel män (%)"));
    }

    // ---- the board's masking: a rate is hidden with its numerator or denominator ----

    [Fact]
    public void Board_IndicatorRate_HiddenWhenItsNumeratorIsMasked()
    {
        // In the fixture I1 counts every exit (22 = the exits; 12 women, 10 men): its denominators are read as the
        // exits, masked with them, so no I1 rate is shown. Here I1 counts 20 of the 22 exits (11 women, 9 men):
        // its denominators stand on their own and are large. Men: 3 successes (small, "<5"); women 6: masked to
        // protect the men's 3 (9 − 3 = 6). 9 of 20 = 45,0 %; 6 of 11 and 3 of 9 hidden with their numerators.
        var report = Report with
        {
            Total = Report.Total with { Indicators = [.. Report.Total.Indicators.Select(i => i.Code == "I1" ? i with { Woman = Figure(6, 11), Man = Figure(3, 9), Total = Figure(9, 20) } : i)] },
        };
        var presentation = Board(report);
        var i1 = presentation.Indicators[0];

        Assert.Equal(new PresentedRate(45.0, "45,0\u00A0%", "9", "20"), i1.Total);
        Assert.Equal(new PresentedRate(null, "x", "x", "11"), i1.Women);
        Assert.Equal(new PresentedRate(null, "x", "<5", "9"), i1.Men);
        var table = presentation.Part("indikatorer").Table;
        Assert.Equal("45,0", table.Shown("I1 Egen försörjning vid avslut", "Andel totalt (%)"));
        Assert.Equal("x", table.Shown("I1 Egen försörjning vid avslut", "Andel kvinnor (%)"));
        Assert.Equal("x", table.Shown("I1 Egen försörjning vid avslut", "Andel män (%)"));
        // The fixture as it is: I1's 22 exits are masked with the exits; the 9 successes stay; the men's 3 still "<5".
        var fixture = Board().Indicators[0];
        Assert.Equal(new PresentedRate(null, "x", "9", "x"), fixture.Total);
        Assert.Equal(new PresentedRate(null, "x", "<5", "x"), fixture.Men);
        // I2 women 8 of 16, men 5 of 11: nothing small, shown.
        Assert.Equal(new PresentedRate(50.0, "50,0\u00A0%", "8", "16"), presentation.Indicators[1].Women);
        Assert.Equal(new PresentedRate(45.5, "45,5\u00A0%", "5", "11"), presentation.Indicators[1].Men);

        static IndicatorFigure Figure(int n, int d) => new(n, d, 0, null, Math.Round(100.0 * n / d, 1), null, null, 35, d < 5 ? null : n * 100m >= 35m * d, d < 5);
    }

    [Fact]
    public void Board_IndicatorRate_HiddenWhenItsDenominatorIsMasked()
    {
        // I4: no success among 3 exits (2 women, 1 man): the numerator 0 is shown, the denominator is "<5", the rate is hidden.
        var report = ReportFixture.Create();
        var i4 = new ReportIndicator("I4", 1, new(2025, 1, 1), new(2025, 8, 31),
            Figure(0, 2), Figure(0, 1), Figure(0, 3), IndicatorStatus.TooFew);
        report = report with
        {
            Header = report.Header with { IndicatorDefinitions = [.. report.Header.IndicatorDefinitions, new ReportIndicatorDefinition("I4", "Fjärde", 1, MeasurementPoint.AtExit, 40)] },
            Total = report.Total with { Indicators = [.. report.Total.Indicators, i4] },
        };

        var board = Board(report).Indicators.Single(i => i.Code == "I4");
        var office = Office(report).Indicators.Single(i => i.Code == "I4");

        Assert.Equal(new PresentedRate(null, "x", "0", "<5"), board.Total);
        Assert.Equal("x", Board(report).Figure("I4 Fjärde").Value);
        Assert.Equal("– för få", board.Judgement);
        Assert.Equal(new PresentedRate(0.0, "0,0\u00A0%", "0", "3"), office.Total);

        static IndicatorFigure Figure(int n, int d) => new(n, d, 0, null, d == 0 ? null : 100.0 * n / d, null, null, 40, null, true);
    }

    [Fact]
    public void Json_ARateWithNothingToDivide_IsNotMarkedMasked()
    {
        var report = ReportFixture.Create();
        var i4 = new ReportIndicator("I4", 1, new(2025, 1, 1), new(2025, 8, 31),
            new IndicatorFigure(0, 0, 0, null, null, null, null, 40, null, true),
            new IndicatorFigure(0, 3, 0, null, 0, null, null, 40, null, true),
            new IndicatorFigure(0, 3, 0, null, 0, null, null, 40, null, true), IndicatorStatus.TooFew);
        report = report with { Total = report.Total with { Indicators = [.. report.Total.Indicators, i4] } };

        var part = Office(report).Part("indikatorer");
        var cell = part.Rows.Single(r => r.Cells[0].Text.StartsWith("I4", StringComparison.Ordinal)).Cells[part.Columns.ToList().IndexOf("Andel kvinnor (%)")];

        Assert.Equal(new PresentedCell("–", null, false), cell);
    }

    [Fact]
    public void Board_PercentOfPlan_HiddenWhenTheActiveCountIsMasked()
    {
        var presentation = Board();
        var table = presentation.Part(Participants).Table;

        // 104: 5 women and 2 men active; the 2 is small, the 5 and the 7 are masked to protect it: "% av plan" hidden with the 7.
        Assert.Equal("x", table.Shown(ReportFixture.QuotedName, "Aktiva"));
        Assert.Equal("x", table.Shown(ReportFixture.QuotedName, "% av plan"));
        // 3 new: small, "<5". 2 ended: small, but in a masked group only a subtotal higher up could protect, so it reads "x".
        Assert.Equal("<5", table.Shown(ReportFixture.QuotedName, "Nya"));
        Assert.Equal("x", table.Shown(ReportFixture.QuotedName, "Avslutade"));
        Assert.Equal("8", table.Shown(ReportFixture.QuotedName, Planned));
        Assert.All(presentation.PlanBars, b => Assert.Null(b.Actual));
        // On every line a share is hidden exactly when its count is.
        foreach (var line in table.Lines())
        {
            foreach (var (count, share) in new[] { ("Aktiva", "% av plan"), ("Antal i år (volyminsats)", "% av årsplan (volyminsats)") })
            {
                var c = line.Cells[table.Column(count)];
                var p = line.Cells[table.Column(share)];
                Assert.True(c.IsEmpty == p.IsEmpty && c.IsHidden() == p.IsHidden(), $"{line.Cells[0].Display()}: {count} {c.Display()}, {share} {p.Display()}");
            }
        }

        // For the period (no "deltagare i år" = active + count-only to tie them to the masked active counts), the
        // count-only figures are large and give nothing away: 77 of the year plan 120 = 64,2 %.
        var period = Board(Report with { Header = Report.Header with { Mode = ReportMode.Period } }).Part(Participants).Table;
        Assert.Equal("77", period.Shown("Föreläsningsserie om psykisk ohälsa för chefer", "Antal i år (volyminsats)"));
        Assert.Equal("64,2", period.Shown("Föreläsningsserie om psykisk ohälsa för chefer", "% av årsplan (volyminsats)"));
        Assert.Equal("118", period.Shown("Totalt för förbundet", "Antal i år (volyminsats)"));
        Assert.Equal("x", period.Shown(ReportFixture.QuotedName, "% av plan"));
    }

    [Fact]
    public void Board_ShareOfExits_HiddenWhenTheCountOrTheExitsAreMasked()
    {
        // 22 exits: 18 planned completions, 4 discontinued; 10 employed, 12 job-seeking. The exits are masked for
        // the board (they add up the small exits of 102 and 104).
        // The 4 discontinued are under 5: grouped with the next smallest reason, the 18 planned completions, until
        // the group reaches 5: "Övriga" 22 — all the exits, so masked with them, its share too.
        var board = Board();
        var reasons = board.Part("avslutsorsaker").Table;
        Assert.Equal(["Övriga|x|x", "Avslutade totalt|x|100,0"],
            reasons.Lines().Select(r => string.Join('|', r.Cells.Select(c => c.Display().Plain()))));
        Assert.Contains("färre än 5 avslut redovisas tillsammans som Övriga.", reasons.Introduction);
        // 10 and 12 are both at least 5: not grouped. The exits being masked, every share is hidden, and the two
        // counts are not both shown (10 + 12 would give the 22 away).
        var occupations = board.Part("sysselsattning").Table;
        Assert.Equal(["Arbete utan stöd", "Aktivt arbetssökande", "Avslutade totalt"], occupations.Lines().Select(r => r.Cells[0].Display()));
        Assert.Equal(["x", "x"], occupations.Lines().SkipLast(1).Select(r => r.Cells[2].Display()));
        Assert.Equal("x", occupations.Shown("Avslutade totalt", "Antal"));
        Assert.Contains(occupations.Lines().SkipLast(1), r => r.Cells[1].IsHidden());

        var office = Office().Part("avslutsorsaker").Table;
        Assert.Equal(["Planenligt avslut|18|81,8", "Avbrott|4|18,2", "Avslutade totalt|22|100,0"],
            office.Lines().Select(r => string.Join('|', r.Cells.Select(c => c.Display().Plain()))));
        Assert.Equal(["Arbete utan stöd|10|45,5", "Aktivt arbetssökande|12|54,5", "Avslutade totalt|22|100,0"],
            Office().Part("sysselsattning").Table.Lines().Select(r => string.Join('|', r.Cells.Select(c => c.Display().Plain()))));
    }

    [Fact]
    public void Board_AMaskedCell_IsMarkedMaskedForTheJson()
    {
        var part = Board().Part(Participants);
        var row = part.Rows.Single(r => r.Cells.Count > 0 && r.Cells[0].Text == ReportFixture.QuotedName);
        var active = row.Cells[part.Columns.ToList().IndexOf("Aktiva")];
        var planned = row.Cells[part.Columns.ToList().IndexOf(Planned)];

        Assert.Equal(new PresentedCell("x", null, true), active);
        Assert.Equal(new PresentedCell("8", 8m, false), planned);
    }

    // ---- the parts each audience gets ----

    [Fact]
    public void Parts_TheBoardGetsNoExitsPerInterventionAndNoDataQuality_TheOfficeDoes()
    {
        string[] referrals = ["anvisningar", "anvisningar-per-part", "anvisande-parter", "avbojda-anvisningar"];
        Assert.Equal(["deltagare", "kon", "indikatorer", "avslutsorsaker", "sysselsattning", .. referrals, "ekonomi"], Board().Parts.Select(p => p.Id));
        Assert.Equal(["deltagare", "kon", "indikatorer", "avslutsorsaker", "sysselsattning", .. referrals, "ekonomi", "avslut-per-insats", "datakvalitet"],
            Office().Parts.Select(p => p.Id));
        Assert.Equal(
            ["Deltagare mot plan per insats", "Kvinnor och män per insats", "Indikatorer mot mål", "Avslutsorsaker", "Sysselsättning vid avslut",
             "Anvisningar och kö per insats", "Anvisningar per insats och anvisande part", "Mottagna anvisningar per anvisande part", "Avböjda anvisningar per orsak",
             "Budget och kostnad per deltagare", "Avslut per insats", "Datakvalitet per utförare"],
            Office().Parts.Select(p => p.Heading));
    }

    [Fact]
    public void Office_ExitsPerIntervention_AndDataQuality_Exact()
    {
        var exits = Office().Part("avslut-per-insats").Table;
        Assert.Equal(["Insats", "Utförare", "Avslutade totalt", "Avslutsorsak: Planenligt avslut", "Avslutsorsak: Avbrott",
            "Sysselsättning vid avslut: Arbete utan stöd", "Sysselsättning vid avslut: Aktivt arbetssökande"], exits.Columns.Select(c => c.Heading));
        Assert.Equal(["7", "6", "1", "3", "4"], exits.Row("Kartläggning Ängelholm – arbetsförmåga").Cells.Skip(2).Select(c => c.Display()));
        Assert.Equal(["2", "1", "1", "1", "1"], exits.Row(ReportFixture.QuotedName).Cells.Skip(2).Select(c => c.Display()));
        Assert.Equal(["22", "18", "4", "10", "12"], exits.Row("Totalt för förbundet").Cells.Skip(2).Select(c => c.Display()));

        var quality = Office().Part("datakvalitet").Table;
        Assert.Equal(["Hässleholms kommun", "1", "2", "2", "3", "1", "1", "0", "0", "4"], quality.Row("Hässleholms kommun").Cells.Select(c => c.Display()));
        Assert.Equal(["Totalt", "3", "3", "3", "4", "1", "1", "0", "0", "6"], quality.Row("Totalt").Cells.Select(c => c.Display()));
    }

    // ---- status: banners, status text and file name ----

    [Theory]
    [InlineData(ReportStatus.Draft, ReportAudience.Board, false, "tertialrapport-2025-T2-hittills-i-ar-utkast", true, false)]
    [InlineData(ReportStatus.Adopted, ReportAudience.Board, false, "tertialrapport-2025-T2-hittills-i-ar-faststalld", false, false)]
    [InlineData(ReportStatus.Restated, ReportAudience.Board, false, "tertialrapport-2025-T2-hittills-i-ar-aktuell-med-rattelser", false, false)]
    [InlineData(ReportStatus.Draft, ReportAudience.Office, false, "tertialrapport-2025-T2-hittills-i-ar-utkast-exakta-tal", true, true)]
    [InlineData(ReportStatus.Adopted, ReportAudience.Office, false, "tertialrapport-2025-T2-hittills-i-ar-faststalld-exakta-tal", false, true)]
    [InlineData(ReportStatus.Draft, ReportAudience.Board, true, "tertialrapport-2025-T2-perioden-utkast", true, false)]
    [InlineData(ReportStatus.Adopted, ReportAudience.Board, true, "tertialrapport-2025-T2-perioden-faststalld", false, false)]
    [InlineData(ReportStatus.Adopted, ReportAudience.Office, true, "tertialrapport-2025-T2-perioden-faststalld-exakta-tal", false, true)]
    public void Status_BannersAndFileStem(ReportStatus status, ReportAudience audience, bool period, string stem, bool draftBanner, bool exactBanner)
    {
        var report = ReportFixture.Create(adopted: status != ReportStatus.Draft);
        if (period)
        {
            report = report with { Header = report.Header with { Mode = ReportMode.Period } };
        }

        var presentation = PresentationReading.Present(report, status, audience);

        Assert.Equal(stem, presentation.FileStem);
        List<string> banners = [];
        if (draftBanner)
        {
            banners.Add("Utkast – siffrorna kan ändras tills tertialen fastställs");
        }

        if (exactBanner)
        {
            banners.Add("Innehåller exakta tal – lämnas inte ut");
        }

        Assert.Equal(banners, presentation.Banners);
        Assert.Equal(status == ReportStatus.Draft, presentation.IsDraft);
        Assert.Equal(audience == ReportAudience.Office, presentation.Exact);
    }

    [Fact]
    public void Status_TextAndTitle()
    {
        var draft = Board();
        Assert.Equal("Utkast – ej fastställd", draft.StatusText);
        Assert.Equal("Tertialrapport T2 2025 – Samordningsförbundet Östra Skåne", draft.Title);
        Assert.Equal("2025-01-01 – 2025-08-31", draft.PeriodText);
        Assert.Equal("Hittills i år", draft.ModeText);
        Assert.Equal("Framtagen 2025-09-05 08:30", draft.GeneratedText);
        var adopted = PresentationReading.Present(ReportFixture.Create(adopted: true), ReportStatus.Adopted, ReportAudience.Board);
        Assert.Equal("Fastställd 2025-09-20 av Anna Lindström", adopted.StatusText);
        Assert.Equal("Planerat för perioden (individ)",
            PresentationReading.Present(Report with { Header = Report.Header with { Mode = ReportMode.Period } }, ReportStatus.Draft, ReportAudience.Office)
                .Part(Participants).Table.Columns[3].Heading);
    }

    [Fact]
    public void MaskingNote_TheBoardIsToldWhatTheMarkersMean_TheOfficeThatTheFiguresAreExact()
    {
        Assert.Equal("Antal personer som är färre än 5 visas som \"<5\", och tal som annars skulle gå att räkna fram ur dem visas som \"x\", så att ingen enskild person kan identifieras.",
            Board().MaskingNote);
        Assert.StartsWith("Du ser exakta antal.", Office().MaskingNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_ThePartsAProviderLeftEmpty_SayIngenUppgift()
    {
        var note = Assert.Single(Board().Notes);
        Assert.Equal(("Jobbspår Hässleholm", "Hässleholms kommun", "uppdaterad 2025-09-01"), (note.Intervention, note.Provider, note.Updated));
        Assert.Equal([("Inflöde och kö", ReportFixture.NoteText, false),
            ("Vad har fungerat", "Gemensamma trepartssamtal med Försäkringskassan och vården har gett snabbare beslut.", false),
            ("Avvikelser och risker", "Ingen uppgift.", true), ("Mjuka värden", ReportFixture.SoftValuesText, false)],
            note.Parts.Select(p => (p.Heading, p.Text, p.Empty)));
        Assert.Equal(5, Board().WithoutNote.Count);
    }

    /// <summary>The fixture with the total's active participants changed (the office's figures, which are not masked).</summary>
    private static TertialReport WithActive(int active) =>
        Report with { Total = Report.Total with { Active = GenderCount.Of(active / 2, active - (active / 2)) } };

    /// <summary>The fixture plus an empty individual category, and a structural orientation whose categories have no interventions.</summary>
    private static TertialReport WithEmptyCategoriesAndStructuralOrientation()
    {
        var report = ReportFixture.Create();
        var none = ReportFixture.NoFigures();
        var individual = report.Sections[0] with
        {
            Categories = [.. report.Sections[0].Categories, new ReportCategory(InterventionCategory.Training, "Utbildning", [], none)],
        };
        var structural = report.Sections[1] with
        {
            Categories = [.. report.Sections[1].Categories.Select(c => c with { Interventions = [], Subtotal = none })],
            Subtotal = none,
        };
        return report with { Sections = [individual, structural], Total = individual.Subtotal };
    }
}
