using System.Net;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Participations;

/// <summary>A double click or a retry racing the first request: the person is registered once.</summary>
[Collection(ApiTestGroup.Name)]
public sealed class ConcurrentRegistrationTests(ApiFactory factory) : ApiTest(factory)
{
    private const int Requests = 4;

    [Fact]
    public async Task Register_SamePersonSeveralTimesAtOnce_RegistersOnceAndRefusesTheRest()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var body = TestData.Identified(TestPersonnummer.Woman());

        var responses = await Task.WhenAll(Enumerable.Range(0, Requests).Select(_ =>
            Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", body)));

        Assert.Equal(
            [HttpStatusCode.Created, .. Enumerable.Repeat(HttpStatusCode.Conflict, Requests - 1)],
            responses.Select(r => r.StatusCode).Order());
        Assert.Equal(1, (await Data.ParticipationsAsync(intervention.Id)).TotalCount);
        Assert.Equal(1, await ParticipantRowsAsync());
    }

    [Fact]
    public async Task Register_SameIdempotencyKeySeveralTimesAtOnce_AllGetTheSameParticipation()
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual);
        var body = TestData.Anonymous();

        var responses = await Task.WhenAll(Enumerable.Range(0, Requests).Select(_ =>
            Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", body, idempotencyKey: "double-click")));

        var created = await Task.WhenAll(responses.Select(r => r.ShouldBeAsync<ParticipationDto>(HttpStatusCode.Created)));
        Assert.Single(created.Select(p => p.Id).Distinct());
        Assert.Equal(1, (await Data.ParticipationsAsync(intervention.Id)).TotalCount);
        Assert.Equal(1, await ParticipantRowsAsync());
    }
}
