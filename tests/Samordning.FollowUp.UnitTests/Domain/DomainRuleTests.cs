using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Indicators;

namespace Samordning.FollowUp.UnitTests.Domain;

public sealed class DomainRuleTests
{
    [Theory]
    [InlineData(InterventionCategory.Mapping, Orientation.IndividualFocused)]
    [InlineData(InterventionCategory.Preparatory, Orientation.IndividualFocused)]
    [InlineData(InterventionCategory.RehabilitationToWorkOrStudies, Orientation.IndividualFocused)]
    [InlineData(InterventionCategory.Preventive, Orientation.IndividualFocused)]
    [InlineData(InterventionCategory.StructuralMapping, Orientation.Structural)]
    [InlineData(InterventionCategory.Training, Orientation.Structural)]
    [InlineData(InterventionCategory.DialogueAndCommunication, Orientation.Structural)]
    public void Category_BelongsToItsOrientationOnly(InterventionCategory category, Orientation orientation)
    {
        Assert.True(category.BelongsTo(orientation));
        Assert.False(category.BelongsTo(orientation == Orientation.Structural ? Orientation.IndividualFocused : Orientation.Structural));
    }

    [Fact]
    public void StructuralInterventions_DefaultToCountOnly_IndividualOnesToIdentified()
    {
        Assert.Equal(RegistrationMode.CountOnly, Categories.DefaultRegistrationMode(Orientation.Structural));
        Assert.Equal(RegistrationMode.Identified, Categories.DefaultRegistrationMode(Orientation.IndividualFocused));
    }

    [Theory]
    [InlineData(1, "2025-01-01", "2025-04-30")]
    [InlineData(2, "2025-05-01", "2025-08-31")]
    [InlineData(3, "2025-09-01", "2025-12-31")]
    public void Tertial_HasTheDomainsDates(int tertial, string start, string end)
    {
        Assert.Equal(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), Tertials.Start(2025, tertial));
        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), Tertials.End(2025, tertial));
        Assert.Equal(tertial, Tertials.Of(Tertials.Start(2025, tertial)));
        Assert.Equal(tertial, Tertials.Of(Tertials.End(2025, tertial)));
    }

    [Fact]
    public void YearToDate_RunsFromFirstJanuaryToTheTertialsEnd()
    {
        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2025, 8, 31)), Tertials.Range(2025, 2, IndicatorPeriodMode.YearToDate));
        Assert.Equal((new DateOnly(2025, 5, 1), new DateOnly(2025, 8, 31)), Tertials.Range(2025, 2, IndicatorPeriodMode.Period));
        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)), Tertials.Range(2025, null, IndicatorPeriodMode.Year));
    }

    [Fact]
    public void TwelveMonthIndicator_LooksAtTheExitCohortOneYearEarlier()
    {
        // The T1 2025 report shows I2 for exits in T1 2024 (domain §6).
        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2024, 4, 30)),
            IndicatorMath.ExitRange(MeasurementPoint.TwelveMonthsAfterExit, new DateOnly(2025, 1, 1), new DateOnly(2025, 4, 30)));
        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2025, 4, 30)),
            IndicatorMath.ExitRange(MeasurementPoint.AtExit, new DateOnly(2025, 1, 1), new DateOnly(2025, 4, 30)));
    }

    [Fact]
    public void Figure_RateRoundsToOneDecimal_AndMetIsJudgedOnTheExactFraction()
    {
        // 7 of 20 is exactly 35 %: met. 34.96 % would round to 35.0 but is not met.
        var exact = IndicatorMath.Figure([Bucket(counted: 20, success: 7)], MeasurementPoint.AtExit, 35, threshold: 5);
        Assert.Equal(35.0, exact.Rate);
        Assert.True(exact.Met);

        var justBelow = IndicatorMath.Figure([Bucket(counted: 10000, success: 3496)], MeasurementPoint.AtExit, 35, threshold: 5);
        Assert.Equal(35.0, justBelow.Rate);
        Assert.False(justBelow.Met);
    }

    [Fact]
    public void Figure_BelowTheThreshold_IsTooFewAndNeitherMetNorNotMet()
    {
        var figure = IndicatorMath.Figure([Bucket(counted: 4, success: 4)], MeasurementPoint.AtExit, 35, threshold: 5);
        Assert.True(figure.TooFew);
        Assert.Null(figure.Met);
        Assert.Equal(100.0, figure.Rate);
    }

    [Fact]
    public void TwelveMonthFigure_ReportsResponseRateAndBothRates()
    {
        // Cohort 10, reached 6, of whom 3 self-sufficient: 30 % of the cohort, 50 % of the reached.
        var figure = IndicatorMath.Figure([Bucket(counted: 10, success: 3, reached: 6)], MeasurementPoint.TwelveMonthsAfterExit, 50, threshold: 5);
        Assert.Equal(30.0, figure.Rate);
        Assert.Equal(50.0, figure.RateOfReached);
        Assert.Equal(60.0, figure.ResponseRate);
        Assert.Equal(6, figure.Reached);
        Assert.False(figure.Met);
    }

    [Fact]
    public void Figure_WithNoExits_HasNoRate()
    {
        var figure = IndicatorMath.Figure([], MeasurementPoint.AtExit, 35, threshold: 0);
        Assert.Null(figure.Rate);
        Assert.Null(figure.Met);
        Assert.Equal(0, figure.Denominator);
    }

    [Theory]
    [InlineData("556036-0793", true)]
    [InlineData("556036-0794", false)]
    [InlineData("212000-1355", true)]
    [InlineData("2120001355", true)]
    [InlineData("21200-01355", false)]
    public void OrganisationNumber_NeedsTenDigitsAndLuhn(string value, bool valid) =>
        Assert.Equal(valid, OrganisationNumbers.IsValid(value));

    [Fact]
    public void EveryCode_HasASwedishLabel()
    {
        AssertLabelled<Gender>();
        AssertLabelled<Orientation>();
        AssertLabelled<InterventionCategory>();
        AssertLabelled<RegistrationMode>();
        AssertLabelled<ReferredBy>();
        AssertLabelled<EducationLevel>();
        AssertLabelled<TimeInPublicSupport>();
        AssertLabelled<Occupation>();
        AssertLabelled<IncomeSource>();
        AssertLabelled<ExitReason>();
        AssertLabelled<FollowUpStatus>();
        AssertLabelled<FollowUpOutcome>();
        Assert.Equal("Förberedande", SwedishFormat.Label(InterventionCategory.Preparatory));
        Assert.Equal("Ekonomiskt bistånd", SwedishFormat.Label(IncomeSource.FinancialAssistance));
    }

    [Theory]
    [InlineData("StartDate", "startDate")]
    [InlineData("Consent.Date", "consent.date")]
    [InlineData("IncomeSourcesAtStart[1]", "incomeSourcesAtStart[1]")]
    public void ValidationFieldNames_AreTheApisCamelCase(string property, string field) =>
        Assert.Equal(field, ProblemDetailsExceptionHandler.FieldName(property));

    private static void AssertLabelled<TEnum>() where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            var display = typeof(TEnum).GetField(value.ToString())!
                .GetCustomAttributes(typeof(System.ComponentModel.DataAnnotations.DisplayAttribute), false);
            Assert.Single(display);
            Assert.False(string.IsNullOrWhiteSpace(SwedishFormat.Label(value)));
        }
    }

    private static MonthBucket Bucket(int counted, int success, int reached = 0) =>
        new(1, Gender.Woman, 2025, 1, counted, success, Missing: 0, reached);
}
