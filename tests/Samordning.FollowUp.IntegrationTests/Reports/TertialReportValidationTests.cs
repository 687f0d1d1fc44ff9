using System.Net;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Reports;

[Collection(ApiTestGroup.Name)]
public sealed class TertialReportValidationTests(ApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("2025/1?mode=Month", "mode")]
    [InlineData("2025/1?view=yesterday", "view")]
    [InlineData("2025/0", "tertial")]
    [InlineData("2025/4", "tertial")]
    [InlineData("1999/1", "year")]
    public async Task GetReport_BadParameter_Returns400NamingIt(string rest, string field)
    {
        var association = await Data.AssociationAsync();

        var response = await Office.GetAsync($"/api/v1/associations/{association.Id}/reports/tertial/{rest}");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("yeartodate", "YearToDate")]
    [InlineData(null, "Period")]
    public async Task GetReport_ModeIsCaseInsensitiveAndDefaultsToPeriod(string? mode, string expected)
    {
        var association = await Data.AssociationAsync();

        var response = await Office.GetAsync($"/api/v1/associations/{association.Id}/reports/tertial/2025/2" + (mode is null ? "" : $"?mode={mode}"));

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Equal(expected, (await response.ReadJsonAsync())["report"]!["header"]!["mode"].Str());
    }

    [Fact]
    public async Task GetReport_OpenTertial_IsADraft()
    {
        var association = await Data.AssociationAsync();

        var view = await Office.ReportAsync(association.Id, 2026, 3, view: "current");

        Assert.Equal("Draft", view["status"].Str());
        Assert.Equal("2026-12-31", view["report"]!["header"]!["periodTo"].Str());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?view=current")]
    public async Task GetReport_UnknownAssociation_Returns404(string query)
    {
        await Data.AssociationAsync(); // the office asking belongs to it

        var response = await Office.GetAsync($"/api/v1/associations/987654/reports/tertial/2025/1{query}");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
