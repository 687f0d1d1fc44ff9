using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Interventions;

[Collection(ApiTestGroup.Name)]
public sealed class InterventionPlanTests(ApiFactory factory) : ApiTest(factory)
{
    private static JsonObject Plan(int planned = 40, long budget = 1_200_000, long actual = 950_000) => new()
    {
        ["plannedParticipants"] = planned,
        ["budgetSek"] = budget,
        ["actualCostSek"] = actual,
    };

    [Fact]
    public async Task SetPlan_Returns200AndTheInterventionShowsIt()
    {
        var intervention = await Data.InterventionAsync();

        var response = await Office.PutAsync($"/api/v1/interventions/{intervention.Id}/plans/2026", Plan());

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var read = await (await Office.GetAsync($"/api/v1/interventions/{intervention.Id}")).ShouldBeAsync<InterventionDto>(HttpStatusCode.OK);
        Assert.Equal(new PlanDto(2026, 40, 1_200_000, 950_000), Assert.Single(read.Plans));
    }

    [Fact]
    public async Task SetPlan_SameYearAgain_ReplacesThePlan()
    {
        var intervention = await Data.InterventionAsync();
        await (await Office.PutAsync($"/api/v1/interventions/{intervention.Id}/plans/2026", Plan())).ShouldHaveStatusAsync(HttpStatusCode.OK);

        await (await Office.PutAsync($"/api/v1/interventions/{intervention.Id}/plans/2026", Plan(planned: 45)))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        var read = await (await Office.GetAsync($"/api/v1/interventions/{intervention.Id}")).ShouldBeAsync<InterventionDto>(HttpStatusCode.OK);
        Assert.Equal(45, Assert.Single(read.Plans).PlannedParticipants);
    }

    [Theory]
    [InlineData("plannedParticipants")]
    [InlineData("budgetSek")]
    [InlineData("actualCostSek")]
    public async Task SetPlan_NegativeValue_Returns400NamingTheField(string field)
    {
        var intervention = await Data.InterventionAsync();
        var body = Plan();
        body[field] = -1;

        var response = await Office.PutAsync($"/api/v1/interventions/{intervention.Id}/plans/2026", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task SetPlan_YearOutsideTheIntervention_Returns400Year()
    {
        var intervention = await Data.InterventionAsync(); // 2026–2027

        var response = await Office.PutAsync($"/api/v1/interventions/{intervention.Id}/plans/2028", Plan());

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "year");
    }
}
