using Samordning.FollowUp.Common;
using Samordning.FollowUp.Documents;

namespace Samordning.FollowUp.UnitTests.Reports;

public sealed class SwedishFormatTests
{
    [Theory]
    [InlineData(0, "0")]
    [InlineData(999, "999")]
    [InlineData(1_234_567, "1\u00A0234\u00A0567")]
    [InlineData(-4_500, "-4\u00A0500")]
    public void Integers_Displayed_GroupThousandsWithANoBreakSpaceAndUseAnAsciiMinus(long value, string expected) =>
        Assert.Equal(expected, TableCell.OfInteger(value).Display());

    [Theory]
    [InlineData(42.85, "42,9")]
    [InlineData(16.666666666666668, "16,7")]
    [InlineData(1234.5, "1\u00A0234,5")]
    public void Decimals_Displayed_RoundedOnceToOneDecimalWithAComma(double value, string expected) =>
        Assert.Equal(expected, TableCell.OfOneDecimal(value).Display());

    [Fact]
    public void CsvNumbers_HaveADecimalCommaAndNoThousandsSeparator()
    {
        Assert.Equal("1234567", TableCell.OfInteger(1_234_567).Csv());
        Assert.Equal("16,7", TableCell.OfOneDecimal(16.666666666666668).Csv());
        Assert.Equal("-3,0", TableCell.OfOneDecimal(-3).Csv());
        Assert.Equal(string.Empty, TableCell.OfOneDecimal(null).Csv());
    }

    [Fact]
    public void DrawnText_HasPlainSpaces() =>
        Assert.Equal("1 250 000 kr", SwedishFormat.ForDrawing(SwedishFormat.Kronor(1_250_000)));

    [Fact]
    public void MissingNumbers_ShowAsADash() =>
        Assert.Equal("–", TableCell.OfInteger(null).Display());
}
