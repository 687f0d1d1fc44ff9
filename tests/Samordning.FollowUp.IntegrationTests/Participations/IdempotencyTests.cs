using System.Net;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Participations;

/// <summary>A registration retried with the same Idempotency-Key is not registered twice.</summary>
[Collection(ApiTestGroup.Name)]
public sealed class IdempotencyTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Register_RetryWithSameKeyAndBody_Returns201WithTheSameParticipation()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var body = TestData.Identified(TestPersonnummer.Woman());
        var path = $"/api/v1/interventions/{intervention.Id}/participations";
        var first = await (await Coach.PostAsync(path, body, idempotencyKey: "reg-7f3a")).ShouldBeAsync<ParticipationDto>(HttpStatusCode.Created);

        var retry = await Coach.PostAsync(path, body, idempotencyKey: "reg-7f3a");

        var replayed = await retry.ShouldBeAsync<ParticipationDto>(HttpStatusCode.Created);
        Assert.Equal(first.Id, replayed.Id);
        Assert.Equal($"/api/v1/participations/{first.Id}", retry.Headers.Location?.OriginalString);
        Assert.Equal(["true"], retry.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal(1, (await Data.ParticipationsAsync(intervention.Id)).TotalCount);
    }

    [Fact]
    public async Task Register_FirstRequestWithKey_IsNotMarkedReplayed()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations",
            TestData.Identified(TestPersonnummer.Woman()), idempotencyKey: "reg-1");

        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        Assert.False(response.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Register_RetryOfAnonymousRegistration_DoesNotCreateASecondParticipant()
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual);
        var path = $"/api/v1/interventions/{intervention.Id}/participations";
        await (await Coach.PostAsync(path, TestData.Anonymous(), idempotencyKey: "anon-1")).ShouldHaveStatusAsync(HttpStatusCode.Created);

        var retry = await Coach.PostAsync(path, TestData.Anonymous(), idempotencyKey: "anon-1");

        await retry.ShouldHaveStatusAsync(HttpStatusCode.Created);
        Assert.Equal(1, (await Data.ParticipationsAsync(intervention.Id)).TotalCount);
        Assert.Equal(1, await ParticipantRowsAsync());
    }

    [Fact]
    public async Task Register_SameKeyWithDifferentBody_Returns422AndRegistersNothing()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var path = $"/api/v1/interventions/{intervention.Id}/participations";
        await (await Coach.PostAsync(path, TestData.Identified(TestPersonnummer.Woman()), idempotencyKey: "reg-7f3a"))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);

        var response = await Coach.PostAsync(path, TestData.Identified(TestPersonnummer.Man()), idempotencyKey: "reg-7f3a");

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, (await Data.ParticipationsAsync(intervention.Id)).TotalCount);
        Assert.Equal(1, await ParticipantRowsAsync());
    }

    [Fact]
    public async Task Register_DifferentKeysForDifferentPeople_RegistersBoth()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var path = $"/api/v1/interventions/{intervention.Id}/participations";

        await (await Coach.PostAsync(path, TestData.Identified(TestPersonnummer.Woman()), idempotencyKey: "a")).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await Coach.PostAsync(path, TestData.Identified(TestPersonnummer.Man()), idempotencyKey: "b")).ShouldHaveStatusAsync(HttpStatusCode.Created);

        Assert.Equal(2, (await Data.ParticipationsAsync(intervention.Id)).TotalCount);
    }
}
