using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Interventions;

[Collection(ApiTestGroup.Name)]
public sealed class InterventionCountTests(ApiFactory factory) : ApiTest(factory)
{
    private static JsonObject Count(int women, int men) => new() { ["women"] = women, ["men"] = men };

    [Fact]
    public async Task SetCount_CountOnlyIntervention_Returns200WithTotal()
    {
        var intervention = await Data.InterventionAsync(Mode.CountOnly);

        var response = await Coach.PutAsync($"/api/v1/interventions/{intervention.Id}/counts/2026", Count(12, 7));

        var count = await response.ShouldBeAsync<CountDto>(HttpStatusCode.OK);
        Assert.Equal(new CountDto(2026, 12, 7, 19), count);
        var read = await (await Office.GetAsync($"/api/v1/interventions/{intervention.Id}")).ShouldBeAsync<InterventionDto>(HttpStatusCode.OK);
        Assert.Equal(new CountDto(2026, 12, 7, 19), Assert.Single(read.Counts));
    }

    [Fact]
    public async Task SetCount_SameYearAgain_ReplacesTheCount()
    {
        var intervention = await Data.InterventionAsync(Mode.CountOnly);
        await (await Coach.PutAsync($"/api/v1/interventions/{intervention.Id}/counts/2026", Count(12, 7))).ShouldHaveStatusAsync(HttpStatusCode.OK);

        await (await Coach.PutAsync($"/api/v1/interventions/{intervention.Id}/counts/2026", Count(3, 4))).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var read = await (await Office.GetAsync($"/api/v1/interventions/{intervention.Id}")).ShouldBeAsync<InterventionDto>(HttpStatusCode.OK);
        Assert.Equal(new CountDto(2026, 3, 4, 7), Assert.Single(read.Counts));
    }

    [Theory]
    [InlineData(Mode.Identified)]
    [InlineData(Mode.AnonymousIndividual)]
    public async Task SetCount_InterventionWithIndividualRegistration_Returns400RegistrationMode(Mode mode)
    {
        var intervention = await Data.InterventionAsync(mode);

        var response = await Coach.PutAsync($"/api/v1/interventions/{intervention.Id}/counts/2026", Count(12, 7));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "registrationMode");
    }

    [Theory]
    [InlineData(-1, 0, "women")]
    [InlineData(0, -1, "men")]
    public async Task SetCount_Negative_Returns400NamingTheField(int women, int men, string field)
    {
        var intervention = await Data.InterventionAsync(Mode.CountOnly);

        var response = await Coach.PutAsync($"/api/v1/interventions/{intervention.Id}/counts/2026", Count(women, men));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task SetCount_FutureYear_Returns400Year()
    {
        var intervention = await Data.InterventionAsync(Mode.CountOnly); // runs 2026–2027; today is 2026-11-23

        var response = await Coach.PutAsync($"/api/v1/interventions/{intervention.Id}/counts/2027", Count(1, 1));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "year");
    }

    [Fact]
    public async Task SetCount_YearBeforeTheIntervention_Returns400Year()
    {
        var intervention = await Data.InterventionAsync(Mode.CountOnly);

        var response = await Coach.PutAsync($"/api/v1/interventions/{intervention.Id}/counts/2025", Count(1, 1));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "year");
    }
}
