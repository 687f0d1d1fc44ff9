using Samordning.FollowUp.Features.Reports.Files;

namespace Samordning.FollowUp.UnitTests.Reports;

public sealed class CodeOrderTests
{
    [Fact]
    public void IndicatorCodes_Ordered_AsPeopleReadThem()
    {
        string[] codes = ["I10", "I2", "EGEN", "I1", "I3", "A7"];

        Assert.Equal(["A7", "EGEN", "I1", "I2", "I3", "I10"], codes.Order(CodeOrder.Instance));
    }
}
