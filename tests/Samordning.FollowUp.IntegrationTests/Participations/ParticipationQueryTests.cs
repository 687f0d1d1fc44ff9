using System.Net;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Participations;

[Collection(ApiTestGroup.Name)]
public sealed class ParticipationQueryTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Get_Returns200WithTheRegisteredData()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman();
        var created = await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr));

        var read = await (await Coach.GetAsync($"/api/v1/participations/{created.Id}")).ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);

        Assert.Equal(created.Id, read.Id);
        Assert.Equal(["SicknessBenefit", "FinancialAssistance"], read.IncomeSourcesAtStart);
        Assert.Equal(TestPersonnummer.Masked(pnr), read.PersonalIdentityNumber);
        Assert.Equal("Woman", read.Gender);
        Assert.Equal("Borås", read.HomeMunicipality);
        Assert.Equal("SocialInsuranceAgency", read.ReferredBy);
        Assert.Equal(2, read.StepAtStart);
    }

    [Fact]
    public async Task Get_UnknownId_Returns404()
    {
        await Data.InterventionAsync(); // the coach asking works for its provider

        var response = await Coach.GetAsync("/api/v1/participations/987654321");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_ByStatus_ReturnsActiveOrEndedParticipations()
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual);
        var active = await Data.ParticipationAsync(intervention.Id, TestData.Anonymous("Woman"));
        var ended = await Data.ParticipationAsync(intervention.Id, TestData.Anonymous("Man"));
        await Data.ExitAsync(ended.Id, TestData.Exit(new DateOnly(2026, 10, 1)));

        var activeList = await Data.ParticipationsAsync(intervention.Id, "?status=active");
        var endedList = await Data.ParticipationsAsync(intervention.Id, "?status=ended");
        var all = await Data.ParticipationsAsync(intervention.Id);

        Assert.Equal([active.Id], activeList.Items.Select(p => p.Id));
        Assert.Equal(1, activeList.TotalCount);
        Assert.Equal("Active", Assert.Single(activeList.Items).Status);
        Assert.Equal([ended.Id], endedList.Items.Select(p => p.Id));
        Assert.Equal("Ended", Assert.Single(endedList.Items).Status);
        Assert.Equal(2, all.TotalCount);
    }

    [Fact]
    public async Task List_Paged_ReturnsThePageAndTheTotal()
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual);
        for (var day = 1; day <= 5; day++)
        {
            await Data.ParticipationAsync(intervention.Id, TestData.Anonymous(start: new DateOnly(2026, 4, day)));
        }

        var page = await Data.ParticipationsAsync(intervention.Id, "?page=2&pageSize=2");

        Assert.Equal(2, page.Page);
        Assert.Equal(2, page.PageSize);
        Assert.Equal(5, page.TotalCount);
        // Newest start first: page 2 holds the 3rd and 2nd of April.
        Assert.Equal([new DateOnly(2026, 4, 3), new DateOnly(2026, 4, 2)], page.Items.Select(p => p.StartDate));
    }

    [Theory]
    [InlineData("?status=open", "status")]
    [InlineData("?page=0", "page")]
    [InlineData("?pageSize=1000", "pageSize")]
    public async Task List_InvalidQuery_Returns400NamingTheParameter(string query, string field)
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual);

        var response = await Coach.GetAsync($"/api/v1/interventions/{intervention.Id}/participations{query}");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task List_UnknownIntervention_Returns404()
    {
        await Data.InterventionAsync(); // the coach asking works for its provider

        var response = await Coach.GetAsync("/api/v1/interventions/987654321/participations");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
