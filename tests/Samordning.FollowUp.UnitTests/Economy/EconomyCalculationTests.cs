using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Economy;

namespace Samordning.FollowUp.UnitTests.Economy;

/// <summary>
/// The economy's arithmetic with figures worked out by hand beside each test: the largest
/// remainder, the legal split, the cost parts adding up, and the board's targets in their three forms.
/// </summary>
public sealed class EconomyCalculationTests
{
    [Fact]
    public void LargestRemainder_GivesTheLeftOverKronaToTheLargestRemainder_TiesToTheEarlier()
    {
        // 1 000 000 in three equal parts: 333 333,33 each; the one krona left goes to the first.
        Assert.Equal([333_334, 333_333, 333_333], Apportionment.LargestRemainder(1_000_000, [1, 1, 1]));

        // 100 by 1:2:3 → 16,67 / 33,33 / 50: floors 16 + 33 + 50 = 99, the largest remainder (0,67) takes the last.
        Assert.Equal([17, 33, 50], Apportionment.LargestRemainder(100, [1, 2, 3]));
    }

    [Fact]
    public void BasisPoints_AddUpToAHundredPercent()
    {
        // 1/3 each: 3 333,33 bp; one basis point left over goes to the first.
        Assert.Equal([3334, 3333, 3333], Apportionment.BasisPoints([1, 1, 1]));
        Assert.Equal(10_000, Apportionment.BasisPoints([191_000, 2_252_100, 186_600, 693_100]).Sum());
    }

    [Fact]
    public void LegalSplit_HalfToTheState_QuarterToTheRegion_QuarterByPopulation()
    {
        // Tranemo–Ulricehamn 2008: 4 000 000 kr → the state 2 000 000, the region 1 000 000, and the
        // municipalities' million by inhabitants: Ulricehamn 23 006 and Tranemo 12 063 of 35 069 are
        // 656,02 and 343,98 thousand; rounded to whole thousands by the largest remainder 656 000 and 344 000.
        SplitMember[] members = [new(1, MemberKind.State, null), new(2, MemberKind.Region, null), new(3, MemberKind.Municipality, 23_006), new(4, MemberKind.Municipality, 12_063)];
        var split = LegalSplit.Split(4_000_000, 1000, members);
        Assert.Empty(split.Problems);
        Assert.Equal(2_000_000, split.Amounts[1]);
        Assert.Equal(1_000_000, split.Amounts[2]);
        Assert.Equal(656_000, split.Amounts[3]);
        Assert.Equal(344_000, split.Amounts[4]);

        // In whole kronor: 656 020,99 and 343 979,01; the krona left after the floors goes to the larger remainder, Ulricehamn's.
        var exact = LegalSplit.Split(4_000_000, 1, members);
        Assert.Equal(656_021, exact.Amounts[3]);
        Assert.Equal(343_979, exact.Amounts[4]);
    }

    [Fact]
    public void FinancingYear_NamesRowsThatDoNotAddUpToThePrintedTotal()
    {
        // Two rows entered by hand that miss the printed total by 500 kr, and the state's half by the same.
        MemberInput[] members =
        [
            new(1, "Försäkringskassan", MemberKind.State, null, 499_500, null, null),
            new(2, "Regionen", MemberKind.Region, null, 250_000, null, null),
            new(3, "Kommunen", MemberKind.Municipality, "0180", 250_000, 1000, new DateOnly(2025, 6, 30)),
        ];
        var year = FinancingYear.Compute(2026, 1_000_000, 1, members);
        Assert.False(year.AddsUp);
        Assert.Equal(999_500, year.RowsSumSek);
        Assert.Contains(year.Problems, p => p.Contains("Raderna summerar till 999\u00A0500\u00A0kr, men totalen är 1\u00A0000\u00A0000\u00A0kr (skillnad 500\u00A0kr)", StringComparison.Ordinal));
        Assert.Contains(year.Problems, p => p.StartsWith("Statens del är 499\u00A0500\u00A0kr; enligt lagen är den hälften av totalen, 500\u00A0000\u00A0kr", StringComparison.Ordinal));
        Assert.Equal(10_000, year.Rows.Sum(r => r.ShareOfTotalBasisPoints));
    }

    [Fact]
    public void CostReport_PartsAddUp_ForecastIsProRataUnlessEntered()
    {
        // At the end of T2 2026:
        //  A: budget 600 000, T1 150 000 + T2 210 000 = 360 000 to date (60,0 % used), no forecast → 360 000 × 3/2 = 540 000.
        //  B: budget 300 000, T1 100 000 only (T2 not entered), the office's forecast 320 000.
        //  Staff: budget 400 000, 130 000 + 140 000 = 270 000 → 405 000 pro rata.
        //  Income: contributions 1 200 000 + other 30 000 = 1 230 000; to date 2/3 = 820 000.
        //  Costs to date 360 000 + 100 000 + 270 000 = 730 000 → result to date 90 000.
        //  Forecast costs 540 000 + 320 000 + 405 000 = 1 265 000 → result −35 000; equity 500 000 → 465 000.
        var financing = FinancingYear.Compute(2026, 1_200_000, 1,
        [
            new(1, "Försäkringskassan", MemberKind.State, null, null, null, null),
            new(2, "Regionen", MemberKind.Region, null, null, null, null),
            new(3, "Kommunen", MemberKind.Municipality, "0180", null, 50_000, new DateOnly(2025, 6, 30)),
        ]);
        var report = EconomyCalculation.Compute(2026, 2, financing, 500_000, 0, 30_000,
        [
            new(10, "A", "Individinriktad", 600_000, 0, 150_000, 210_000, null, null),
            new(11, "B", "Individinriktad", 300_000, 0, 100_000, null, null, 320_000),
        ],
        [new(AdministrationCategory.Staff, 400_000, 130_000, 140_000, null, null)],
        [new FinancialTarget { Kind = FinancialTargetKind.MinimumEquity, AmountSek = 400_000 }], []);

        Assert.Equal([600_000, 300_000, 300_000, 500_000, 0, 30_000], report.Funds.Select(f => f.AmountSek));
        Assert.Equal(1_730_000, report.FundsTotalSek);
        var a = report.Interventions.Lines[0];
        Assert.Equal((210_000L, 360_000L, 6000, 540_000L, false), (a.TertialActualSek!.Value, a.ActualToDateSek, a.UsedBasisPoints!.Value, a.ForecastSek, a.ForecastEntered));
        var b = report.Interventions.Lines[1];
        Assert.Equal((null, 100_000L, 320_000L, true), (b.TertialActualSek, b.ActualToDateSek, b.ForecastSek, b.ForecastEntered));
        Assert.Equal((900_000L, 460_000L, 860_000L, 210_000L), (report.Interventions.Total.BudgetSek, report.Interventions.Total.ActualToDateSek,
            report.Interventions.Total.ForecastSek, report.Interventions.Total.TertialActualSek!.Value));
        Assert.Equal((270_000L, 405_000L), (report.Administration.Total.ActualToDateSek, report.Administration.Total.ForecastSek));

        var s = report.Summary;
        Assert.Equal(1_230_000, s.IncomeSek);
        Assert.Equal(820_000, s.IncomeToDateSek);
        Assert.Equal(730_000, s.CostsToDateSek);
        Assert.Equal(90_000, s.ResultToDateSek);
        Assert.Equal(1_265_000, s.ForecastCostsSek);
        Assert.Equal(-35_000, s.ForecastResultSek);
        Assert.Equal(465_000, s.ClosingEquityForecastSek);
        Assert.Equal(s.CostsToDateSek, report.Interventions.Total.ActualToDateSek + report.Administration.Total.ActualToDateSek);
        Assert.Equal(s.ClosingEquityForecastSek, s.OpeningEquitySek + s.ForecastResultSek);
        Assert.Equal(TargetStatus.Met, report.Targets.Single().Status);
    }

    private static EquitySummary Summary(long closing, long income = 0, long forecastCosts = 0) =>
        new(income, 0, 0, 0, 0, forecastCosts, 0, 0, closing);

    [Fact]
    public void MinimumEquity_MetAtTheAmount_NotMetBelowIt()
    {
        // Sjuhärad: "minst 2000 tkr eget kapital".
        var target = new FinancialTarget { Kind = FinancialTargetKind.MinimumEquity, AmountSek = 2_000_000 };
        var met = EconomyCalculation.Judge(target, Summary(2_000_000), 0, [new(2024, 2_000_000, 18_022_000)]);
        Assert.Equal(TargetStatus.Met, met.Status);
        Assert.Equal("Eget kapital minst 2\u00A0000\u00A0000\u00A0kr", met.Target);
        Assert.Equal(TargetStatus.NotMet, EconomyCalculation.Judge(target, Summary(1_999_999), 0, [new(2024, 1_999_999, 18_022_000)]).Status);
    }

    [Fact]
    public void EquityShareAtMost_AveragedOverFiveYears_ExactAtTheBoundary()
    {
        // Tranemo–Ulricehamn: on average at most 2 % of the funds over five years. Funds 4 000 000 a
        // year, 20 000 000 over five; equity 100 000 + 60 000 + 90 000 + 70 000 + 80 000 = 400 000 = 2,00 %: met.
        var target = new FinancialTarget { Kind = FinancialTargetKind.EquityShareAtMost, BasisPoints = 200, WindowYears = 5 };
        EquityYear[] years = [new(2004, 100_000, 4_000_000), new(2005, 60_000, 4_000_000), new(2006, 90_000, 4_000_000), new(2007, 70_000, 4_000_000), new(2008, 80_000, 4_000_000)];
        var met = EconomyCalculation.Judge(target, Summary(80_000), 0, years);
        Assert.Equal(TargetStatus.Met, met.Status);
        Assert.Contains("2\u00A0%", met.Figure, StringComparison.Ordinal);
        Assert.Contains("2004–2008, 5 av 5 år", met.Figure, StringComparison.Ordinal);

        // One krona more in the last year is 400 001 / 20 000 000 > 2 %: not met (no rounding decides it).
        years[4] = years[4] with { ClosingEquitySek = 80_001 };
        Assert.Equal(TargetStatus.NotMet, EconomyCalculation.Judge(target, Summary(80_001), 0, years).Status);

        // A year before the window does not count: 2003's large equity leaves the judgement as it was.
        Assert.Equal(TargetStatus.Met, EconomyCalculation.Judge(target, Summary(80_000), 0, [new(2003, 5_000_000, 4_000_000), .. years[..4], new(2008, 80_000, 4_000_000)]).Status);
    }

    [Fact]
    public void EquityShareAtLeast_OfTheYearsFunds()
    {
        // Båd-Esa: equity at least 10 % of the year's funds. 1 900 000 of 19 000 000 is exactly 10 %.
        var target = new FinancialTarget { Kind = FinancialTargetKind.EquityShareAtLeast, BasisPoints = 1000, WindowYears = 1 };
        Assert.Equal(TargetStatus.Met, EconomyCalculation.Judge(target, Summary(1_900_000), 0, [new(2016, 1_900_000, 19_000_000)]).Status);
        Assert.Equal(TargetStatus.NotMet, EconomyCalculation.Judge(target, Summary(1_899_999), 0, [new(2016, 1_899_999, 19_000_000)]).Status);
        Assert.Equal(TargetStatus.Unknown, EconomyCalculation.Judge(target, Summary(0), 0, [new(2016, 0, 0)]).Status);
    }

    [Fact]
    public void AdministrationShareAtMost_OfTheForecastCosts()
    {
        // Sjuhärad 2024: overhead 3 930 of 19 685 tkr is 19,96 %: within 20 %, not within 19 %.
        var summary = Summary(0, forecastCosts: 19_685_000);
        var atTwenty = EconomyCalculation.Judge(new FinancialTarget { Kind = FinancialTargetKind.AdministrationShareAtMost, BasisPoints = 2000 }, summary, 3_930_000, []);
        Assert.Equal(TargetStatus.Met, atTwenty.Status);
        Assert.Contains("19,96\u00A0%", atTwenty.Figure, StringComparison.Ordinal);
        Assert.Equal(TargetStatus.NotMet,
            EconomyCalculation.Judge(new FinancialTarget { Kind = FinancialTargetKind.AdministrationShareAtMost, BasisPoints = 1900 }, summary, 3_930_000, []).Status);
    }
}
