using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Fixtures;

namespace Samordning.FollowUp.IntegrationTests.Indicators;

/// <summary>
/// Indicator figures of the hand-built <see cref="IndicatorFixture"/>, worked out by hand. Each
/// test lists which people of the fixture make up each figure. Rates are rounded to one decimal;
/// met compares the exact fraction with the target (I1 35 %, I2 50 %, I3 60 %); tooFew when the
/// denominator is below the threshold 2.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Indicators")]
public sealed class IndicatorFixtureTests(ApiFactory factory) : ApiTest(factory)
{
    private async Task<IndicatorFixture> ComputedFixtureAsync()
    {
        var fixture = await IndicatorFixture.BuildAsync(Data);
        await Factory.SendAsync(new ComputeIndicatorsCommand(fixture.AssociationId), Ct);
        return fixture;
    }

    private static IndicatorDto Indicator(IndicatorsDto figures, string code) =>
        figures.Indicators.SingleOrDefault(i => i.Code == code)
        ?? throw new Xunit.Sdk.XunitException($"No {code} in [{string.Join(", ", figures.Indicators.Select(i => i.Code))}]");

    private static void AssertFigures(IndicatorDto indicator, Fig woman, Fig man, Fig total)
    {
        Assert.Equal(("Woman", woman), ("Woman", Fig.Of(indicator.Woman)));
        Assert.Equal(("Man", man), ("Man", Fig.Of(indicator.Man)));
        Assert.Equal(("Total", total), ("Total", Fig.Of(indicator.Total)));
    }

    [Fact]
    public async Task Fixture_T1_2025_Period_HandComputedFigures()
    {
        var fixture = await ComputedFixtureAsync();

        var figures = await Data.IndicatorsAsync(fixture.AssociationId, 2025, 1, "Period");

        Assert.Equal(["I1", "I2", "I3"], figures.Indicators.Select(i => i.Code));
        Assert.All(figures.Indicators, i => Assert.Equal(1, i.DefinitionVersion));

        // I1, exits 2025-01-01 – 2025-04-30 from A and B (E is Structural; C, D count only):
        //   b1 W Employed ✓ | b2 W Unknown ✗ missing | n1 W Employed ✓ | b3 M SubsidisedEmployment ✓
        //   b4 Deceased, b5 RegisteredInError, e1 Structural: out
        var i1 = Indicator(figures, "I1");
        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2025, 4, 30)), (i1.ExitsFrom, i1.ExitsTo));
        Assert.Equal(35m, i1.TargetPercent);
        AssertFigures(i1,
            woman: new Fig(2, 3, 1, 66.7, Met: true),
            man: new Fig(1, 1, 0, 100.0, Met: null, TooFew: true),
            total: new Fig(3, 4, 1, 75.0, Met: true));

        // I2, the cohort one year back: identified exits 2024-01-01 – 2024-04-30 from A:
        //   a1 W Reached Employed ✓ | a2 W Unreachable ✗ (in the whole-cohort rate only)
        //   a3 M Reached SickLeave ✗ (exit 2024-04-30) | a4 M no result ✗ missing
        //   a7 Deceased, a8 RegisteredInError, n2 anonymous, e2 Structural: out; b1 (exit 2025) is not in it
        var i2 = Indicator(figures, "I2");
        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2024, 4, 30)), (i2.ExitsFrom, i2.ExitsTo));
        Assert.Equal("TwelveMonthsAfterExit", i2.MeasurementPoint);
        AssertFigures(i2,
            woman: new Fig(1, 2, 0, 50.0, Met: true, Reached: 1, RateOfReached: 100.0, ResponseRate: 50.0),
            man: new Fig(0, 2, 1, 0.0, Met: false, Reached: 1, RateOfReached: 0.0, ResponseRate: 50.0),
            total: new Fig(1, 4, 1, 25.0, Met: false, Reached: 2, RateOfReached: 50.0, ResponseRate: 50.0));

        // I3, exits as I1, only those with both steps:
        //   b1 W 2→4 ✓ | b2 W 2→2 ✗ | n1 W 2→3 ✓ | b3 M 2→– missing (left out)
        var i3 = Indicator(figures, "I3");
        AssertFigures(i3,
            woman: new Fig(2, 3, 0, 66.7, Met: true),
            man: new Fig(0, 0, 1, null, Met: null, TooFew: true),
            total: new Fig(2, 3, 1, 66.7, Met: true));
    }

    [Fact]
    public async Task Fixture_T2_2025_YearToDate_HandComputedFigures()
    {
        var fixture = await ComputedFixtureAsync();

        var figures = await Data.IndicatorsAsync(fixture.AssociationId, 2025, 2, "YearToDate");

        // I1, exits 2025-01-01 – 2025-08-31: T1's people plus
        //   b9 W Employed ✓ (2025-05-01) | b7 W SickLeave ✗ (2025-08-31) | b6 M Studies ✓ | n3 M JobSeeking ✗
        //   women b1 ✓ b2 ✗(missing) n1 ✓ b9 ✓ b7 ✗ = 3/5; men b3 ✓ b6 ✓ n3 ✗ = 2/3
        var i1 = Indicator(figures, "I1");
        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2025, 8, 31)), (i1.ExitsFrom, i1.ExitsTo));
        AssertFigures(i1,
            woman: new Fig(3, 5, 1, 60.0, Met: true),
            man: new Fig(2, 3, 0, 66.7, Met: true),
            total: new Fig(5, 8, 1, 62.5, Met: true));

        // I2, exits 2024-01-01 – 2024-08-31: T1 2025's cohort plus a5 W Reached Studies ✓ (exit 2024-05-01)
        var i2 = Indicator(figures, "I2");
        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2024, 8, 31)), (i2.ExitsFrom, i2.ExitsTo));
        AssertFigures(i2,
            woman: new Fig(2, 3, 0, 66.7, Met: true, Reached: 2, RateOfReached: 100.0, ResponseRate: 66.7),
            man: new Fig(0, 2, 1, 0.0, Met: false, Reached: 1, RateOfReached: 0.0, ResponseRate: 50.0),
            total: new Fig(2, 5, 1, 40.0, Met: false, Reached: 3, RateOfReached: 66.7, ResponseRate: 60.0));

        // I3: women b1 2→4 ✓ b2 2→2 ✗ n1 2→3 ✓ b7 2→1 ✗, b9 –→4 missing = 2/4;
        //     men b6 3→3 ✗ n3 2→2 ✗, b3 missing = 0/2
        var i3 = Indicator(figures, "I3");
        AssertFigures(i3,
            woman: new Fig(2, 4, 1, 50.0, Met: false),
            man: new Fig(0, 2, 1, 0.0, Met: false),
            total: new Fig(2, 6, 2, 33.3, Met: false));
    }

    [Fact]
    public async Task Fixture_Year_2025_HandComputedFigures()
    {
        var fixture = await ComputedFixtureAsync();

        var figures = await Data.IndicatorsAsync(fixture.AssociationId, 2025, null, "Year");

        // I1, exits in 2025: T2 year to date plus b8 M Employed ✓ (2025-10-10)
        var i1 = Indicator(figures, "I1");
        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)), (i1.ExitsFrom, i1.ExitsTo));
        AssertFigures(i1,
            woman: new Fig(3, 5, 1, 60.0, Met: true),
            man: new Fig(3, 4, 0, 75.0, Met: true),
            total: new Fig(6, 9, 1, 66.7, Met: true));

        // I2, identified exits in 2024: a1 ✓ a2 ✗(unreachable) a5 ✓ a9 W Reached SubsidisedEmployment ✓ = 3/4;
        //     a3 ✗(reached) a4 ✗(missing) a6 M Declined ✗ = 0/3
        var i2 = Indicator(figures, "I2");
        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2024, 12, 31)), (i2.ExitsFrom, i2.ExitsTo));
        AssertFigures(i2,
            woman: new Fig(3, 4, 0, 75.0, Met: true, Reached: 3, RateOfReached: 100.0, ResponseRate: 75.0),
            man: new Fig(0, 3, 1, 0.0, Met: false, Reached: 1, RateOfReached: 0.0, ResponseRate: 33.3),
            total: new Fig(3, 7, 1, 42.9, Met: false, Reached: 4, RateOfReached: 75.0, ResponseRate: 57.1));

        // I3: women as T2 (2/4); men b6 ✗ n3 ✗ b8 1→3 ✓ = 1/3, b3 missing
        var i3 = Indicator(figures, "I3");
        AssertFigures(i3,
            woman: new Fig(2, 4, 1, 50.0, Met: false),
            man: new Fig(1, 3, 1, 33.3, Met: false),
            total: new Fig(3, 7, 2, 42.9, Met: false));
    }

    [Fact]
    public async Task Fixture_Year_2025_PerIntervention_HandComputedFigures()
    {
        var fixture = await ComputedFixtureAsync();

        // Intervention A (identified), exits in 2025:
        //   I1 women b1 ✓ b2 ✗(missing) b7 ✗ b9 ✓ = 2/4; men b3 ✓ b6 ✓ b8 ✓ = 3/3
        //   I2 is the association's cohort (A is its only identified IndividualFocused intervention)
        //   I3 women b1 ✓ b2 ✗ b7 ✗, b9 missing = 1/3; men b6 ✗ b8 ✓, b3 missing = 1/2
        var a = await Data.IndicatorsAsync(fixture.AssociationId, 2025, null, "Year", fixture.InterventionA);
        Assert.Equal(["I1", "I2", "I3"], a.Indicators.Select(i => i.Code));
        AssertFigures(Indicator(a, "I1"),
            woman: new Fig(2, 4, 1, 50.0, Met: true),
            man: new Fig(3, 3, 0, 100.0, Met: true),
            total: new Fig(5, 7, 1, 71.4, Met: true));
        AssertFigures(Indicator(a, "I2"),
            woman: new Fig(3, 4, 0, 75.0, Met: true, Reached: 3, RateOfReached: 100.0, ResponseRate: 75.0),
            man: new Fig(0, 3, 1, 0.0, Met: false, Reached: 1, RateOfReached: 0.0, ResponseRate: 33.3),
            total: new Fig(3, 7, 1, 42.9, Met: false, Reached: 4, RateOfReached: 75.0, ResponseRate: 57.1));
        AssertFigures(Indicator(a, "I3"),
            woman: new Fig(1, 3, 1, 33.3, Met: false),
            man: new Fig(1, 2, 1, 50.0, Met: false),
            total: new Fig(2, 5, 2, 40.0, Met: false));

        // Intervention B (anonymous), exits in 2025: n1 W Employed 2→3 ✓, n3 M JobSeeking 2→2 ✗.
        // No I2 at all: anonymous people are never followed up.
        var b = await Data.IndicatorsAsync(fixture.AssociationId, 2025, null, "Year", fixture.InterventionB);
        Assert.Equal(["I1", "I3"], b.Indicators.Select(i => i.Code));
        AssertFigures(Indicator(b, "I1"),
            woman: new Fig(1, 1, 0, 100.0, Met: null, TooFew: true),
            man: new Fig(0, 1, 0, 0.0, Met: null, TooFew: true),
            total: new Fig(1, 2, 0, 50.0, Met: true));
        AssertFigures(Indicator(b, "I3"),
            woman: new Fig(1, 1, 0, 100.0, Met: null, TooFew: true),
            man: new Fig(0, 1, 0, 0.0, Met: null, TooFew: true),
            total: new Fig(1, 2, 0, 50.0, Met: false));

        // C and D count only, E is Structural: no figures of their own, in any period.
        foreach (var outside in new[] { fixture.InterventionC, fixture.InterventionD, fixture.InterventionE })
        {
            Assert.Empty((await Data.IndicatorsAsync(fixture.AssociationId, 2025, null, "Year", outside)).Indicators);
            Assert.Empty((await Data.IndicatorsAsync(fixture.AssociationId, 2024, null, "Year", outside)).Indicators);
        }

        var scopes = await Factory.WithDbAsync(db => db.InterventionScopesAsync(fixture.AssociationId, Ct));
        Assert.Equal([fixture.InterventionA, fixture.InterventionB], scopes);
    }

    [Fact]
    public async Task Fixture_I2_OfT1_2026_IsTheCohortOfT1_2025()
    {
        var fixture = await ComputedFixtureAsync();

        var figures = await Data.IndicatorsAsync(fixture.AssociationId, 2026, 1, "Period");

        // Identified exits 2025-01-01 – 2025-04-30: b1 W Reached Employed ✓ | b2 W no result ✗ missing |
        // b3 M no result ✗ missing | b4 Deceased, b5 RegisteredInError, e1 Structural, n1 anonymous: out.
        var i2 = Indicator(figures, "I2");
        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2025, 4, 30)), (i2.ExitsFrom, i2.ExitsTo));
        AssertFigures(i2,
            woman: new Fig(1, 2, 1, 50.0, Met: true, Reached: 1, RateOfReached: 100.0, ResponseRate: 50.0),
            man: new Fig(0, 1, 1, 0.0, Met: null, TooFew: true, Reached: 0, RateOfReached: null, ResponseRate: 0.0),
            total: new Fig(1, 3, 2, 33.3, Met: false, Reached: 1, RateOfReached: 100.0, ResponseRate: 33.3));

        // No exit in 2026: the AtExit indicators have empty denominators.
        AssertFigures(Indicator(figures, "I1"),
            woman: new Fig(0, 0, 0, null, Met: null, TooFew: true),
            man: new Fig(0, 0, 0, null, Met: null, TooFew: true),
            total: new Fig(0, 0, 0, null, Met: null, TooFew: true));
    }

    [Fact]
    public async Task Fixture_Year_2024_CountsTheExcludedNowhere()
    {
        var fixture = await ComputedFixtureAsync();

        var figures = await Data.IndicatorsAsync(fixture.AssociationId, 2024, null, "Year");

        // I1, exits in 2024 from A and B: women a1 ✓ a2 ✗ a5 ✓ a9 ✓ = 3/4; men a3 ✓ a4 ✓ a6 ✗ n2 ✓ = 3/4.
        // a7 Deceased, a8 RegisteredInError (both Employed) and e2 (Structural) would each add a success.
        AssertFigures(Indicator(figures, "I1"),
            woman: new Fig(3, 4, 0, 75.0, Met: true),
            man: new Fig(3, 4, 0, 75.0, Met: true),
            total: new Fig(6, 8, 0, 75.0, Met: true));

        // I2 of 2024 looks at exits in 2023: there are none.
        AssertFigures(Indicator(figures, "I2"),
            woman: new Fig(0, 0, 0, null, Met: null, TooFew: true, Reached: 0),
            man: new Fig(0, 0, 0, null, Met: null, TooFew: true, Reached: 0),
            total: new Fig(0, 0, 0, null, Met: null, TooFew: true, Reached: 0));
    }
}
