using Samordning.FollowUp.Common;

namespace Samordning.FollowUp.UnitTests.Common;

/// <summary>Whole numbers and amounts as a Swedish user types them into a form.</summary>
public sealed class SwedishNumberParsingTests
{
    [Theory]
    [InlineData("1 250 000 kr", 1_250_000L)]
    [InlineData("1 250 000", 1_250_000L)]
    [InlineData("1\u00a0250\u00a0000", 1_250_000L)]
    [InlineData("1\u202f250\u202f000 kronor", 1_250_000L)]
    [InlineData("450000:-", 450_000L)]
    [InlineData("  75 000 KR ", 75_000L)]
    [InlineData("−5 000", -5_000L)]
    [InlineData("0", 0L)]
    public void TryParseWhole_SpacesAndKr_AreRead(string text, long expected)
    {
        Assert.True(SwedishFormat.TryParseWhole(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void TryParseWhole_Empty_IsNull(string? text)
    {
        Assert.True(SwedishFormat.TryParseWhole(text, out var value));
        Assert.Null(value);
    }

    [Theory]
    [InlineData("1 250 000,50")]
    [InlineData("kr")]
    [InlineData("en miljon")]
    [InlineData("12 kr 50")]
    public void TryParseWhole_NotAWholeNumber_IsRefused(string text) => Assert.False(SwedishFormat.TryParseWhole(text, out _));
}
