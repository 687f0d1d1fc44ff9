using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.UnitTests.Domain;

/// <summary>Sweden's municipalities as the intake knows them (db/seed/kommuner.csv, embedded).</summary>
public sealed class MunicipalityTests
{
    [Fact]
    public void TheList_HoldsAll290_WithUniqueFourDigitCodes()
    {
        Assert.Equal(290, Municipalities.All.Count);
        Assert.All(Municipalities.All, m => Assert.Matches("^[0-9]{4}$", m.Code));
        Assert.Equal(290, Municipalities.All.Select(m => m.Code).Distinct().Count());
        Assert.Equal(290, Municipalities.All.Select(m => m.Name).Distinct().Count());
    }

    [Theory]
    [InlineData("Borås", "1490", "Västra Götalands län")]
    [InlineData("Upplands Väsby", "0114", "Stockholms län")]
    [InlineData("Malung-Sälen", "2023", "Dalarnas län")]
    public void Find_ExactName_GivesCodeAndCounty(string name, string code, string county)
    {
        var municipality = Municipalities.Find(name);

        Assert.NotNull(municipality);
        Assert.Equal((code, county), (municipality.Code, municipality.County));
    }

    [Theory]
    [InlineData("Boras", "Borås")]
    [InlineData("borås", "Borås")]
    [InlineData("Upplands vasby", "Upplands Väsby")]
    [InlineData("Malung Salen", "Malung-Sälen")]
    [InlineData("Borås kommun", "Borås")]
    [InlineData("Goteborg", "Göteborg")]
    public void Suggest_WithoutRingsDotsOrCase_FindsTheMunicipality(string typed, string expected)
    {
        Assert.Null(Municipalities.Find(typed));
        Assert.Equal(expected, Municipalities.Suggest(typed)?.Name);
    }

    [Theory]
    [InlineData("Sjuhärad")]
    [InlineData("")]
    [InlineData(null)]
    public void Suggest_NoSuchMunicipality_GivesNothing(string? typed) => Assert.Null(Municipalities.Suggest(typed));
}
