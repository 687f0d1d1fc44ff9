using System.Net;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;
using static Samordning.FollowUp.IntegrationTests.Infrastructure.TestDates;

namespace Samordning.FollowUp.IntegrationTests.Participations;

/// <summary>Exit (utskrivning): recorded once with POST, corrected with PUT.</summary>
[Collection(ApiTestGroup.Name)]
public sealed class ExitTests(ApiFactory factory) : ApiTest(factory)
{
    private async Task<ParticipationDto> ActiveParticipationAsync(DateOnly? interventionEnd = null)
    {
        var intervention = await Data.InterventionAsync(Mode.Identified, end: interventionEnd);
        return await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Woman(), start: new DateOnly(2026, 3, 2)));
    }

    [Fact]
    public async Task Exit_Returns200AndTheParticipationHasEnded()
    {
        var participation = await ActiveParticipationAsync();

        var response = await Coach.PostAsync($"/api/v1/participations/{participation.Id}/exit", TestData.Exit(new DateOnly(2026, 9, 30)));

        var ended = await response.ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);
        Assert.Equal("Ended", ended.Status);
        Assert.NotNull(ended.Exit);
        Assert.Equal(new DateOnly(2026, 9, 30), ended.Exit.EndDate);
        Assert.Equal("PlannedCompletion", ended.Exit.ExitReason);
        Assert.Equal("Employed", ended.Exit.Occupation);
        Assert.Equal(["Salary"], ended.Exit.IncomeSources);
        Assert.Equal(4, ended.Exit.StepAtExit);
    }

    [Fact]
    public async Task Exit_OnTheStartDate_Returns200()
    {
        var participation = await ActiveParticipationAsync();

        var response = await Coach.PostAsync($"/api/v1/participations/{participation.Id}/exit", TestData.Exit(participation.StartDate));

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Exit_BeforeStart_Returns400EndDate()
    {
        var participation = await ActiveParticipationAsync();

        var response = await Coach.PostAsync($"/api/v1/participations/{participation.Id}/exit", TestData.Exit(participation.StartDate.AddDays(-1)));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "endDate");
        var read = await (await Coach.GetAsync($"/api/v1/participations/{participation.Id}")).ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);
        Assert.Equal("Active", read.Status);
    }

    [Fact]
    public async Task Exit_AfterTheInterventionEnded_Returns400EndDate()
    {
        var participation = await ActiveParticipationAsync(interventionEnd: new DateOnly(2026, 6, 30));

        var response = await Coach.PostAsync($"/api/v1/participations/{participation.Id}/exit", TestData.Exit(new DateOnly(2026, 7, 1)));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "endDate");
    }

    [Fact]
    public async Task Exit_InTheFuture_Returns400EndDate()
    {
        var participation = await ActiveParticipationAsync();

        var response = await Coach.PostAsync($"/api/v1/participations/{participation.Id}/exit", TestData.Exit(Tomorrow));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "endDate");
    }

    [Fact]
    public async Task Exit_Today_Returns200()
    {
        var participation = await ActiveParticipationAsync();

        var response = await Coach.PostAsync($"/api/v1/participations/{participation.Id}/exit", TestData.Exit(Today));

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Exit_WithoutOccupation_Returns400Occupation()
    {
        var participation = await ActiveParticipationAsync();

        var response = await Coach.PostAsync($"/api/v1/participations/{participation.Id}/exit",
            TestData.Exit(new DateOnly(2026, 9, 30), "Discontinued", occupation: null));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "occupation");
    }

    [Theory]
    [InlineData("RegisteredInError")]
    [InlineData("Deceased")]
    public async Task Exit_WithoutOccupation_IsAcceptedWhenThereIsNoSituationAfter(string reason)
    {
        var participation = await ActiveParticipationAsync();

        var response = await Coach.PostAsync($"/api/v1/participations/{participation.Id}/exit",
            TestData.Exit(new DateOnly(2026, 9, 30), reason, occupation: null));

        var ended = await response.ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);
        Assert.Equal(reason, ended.Exit?.ExitReason);
        Assert.Null(ended.Exit?.Occupation);
    }

    [Fact]
    public async Task Exit_Twice_Returns409()
    {
        var participation = await ActiveParticipationAsync();
        await Data.ExitAsync(participation.Id, TestData.Exit(new DateOnly(2026, 9, 30)));

        var response = await Coach.PostAsync($"/api/v1/participations/{participation.Id}/exit", TestData.Exit(new DateOnly(2026, 10, 15)));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "endDate");
        var read = await (await Coach.GetAsync($"/api/v1/participations/{participation.Id}")).ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);
        Assert.Equal(new DateOnly(2026, 9, 30), read.Exit?.EndDate);
    }

    [Fact]
    public async Task Exit_UnknownParticipation_Returns404()
    {
        await Data.InterventionAsync(); // the coach asking works for its provider

        var response = await Coach.PostAsync("/api/v1/participations/987654321/exit", TestData.Exit(new DateOnly(2026, 9, 30)));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CorrectExit_Returns200AndTheExitIsReplaced()
    {
        var participation = await ActiveParticipationAsync();
        await Data.ExitAsync(participation.Id, TestData.Exit(new DateOnly(2026, 9, 30)));

        var response = await Coach.PutAsync($"/api/v1/participations/{participation.Id}/exit",
            TestData.Exit(new DateOnly(2026, 9, 15), "TransferredToParty", "InterventionAtParty"));

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var read = await (await Coach.GetAsync($"/api/v1/participations/{participation.Id}")).ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);
        Assert.Equal(new DateOnly(2026, 9, 15), read.Exit?.EndDate);
        Assert.Equal("TransferredToParty", read.Exit?.ExitReason);
        Assert.Equal("InterventionAtParty", read.Exit?.Occupation);
    }

    [Fact]
    public async Task CorrectExit_WithoutARecordedExit_Returns409()
    {
        var participation = await ActiveParticipationAsync();

        var response = await Coach.PutAsync($"/api/v1/participations/{participation.Id}/exit", TestData.Exit(new DateOnly(2026, 9, 30)));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var read = await (await Coach.GetAsync($"/api/v1/participations/{participation.Id}")).ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);
        Assert.Equal("Active", read.Status);
    }

    [Fact]
    public async Task CorrectExit_BeforeStart_Returns400EndDate()
    {
        var participation = await ActiveParticipationAsync();
        await Data.ExitAsync(participation.Id, TestData.Exit(new DateOnly(2026, 9, 30)));

        var response = await Coach.PutAsync($"/api/v1/participations/{participation.Id}/exit", TestData.Exit(participation.StartDate.AddDays(-1)));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "endDate");
    }

    [Fact]
    public async Task CorrectExit_EndOverlappingTheSamePersonsLaterParticipation_Returns409()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman();
        var first = await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr, start: new DateOnly(2026, 3, 1)));
        await Data.ExitAsync(first.Id, TestData.Exit(new DateOnly(2026, 4, 1)));
        await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr, start: new DateOnly(2026, 5, 1)));

        // Moving the first exit past the second start would make the person active twice in May.
        var response = await Coach.PutAsync($"/api/v1/participations/{first.Id}/exit", TestData.Exit(new DateOnly(2026, 6, 1)));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }
}
