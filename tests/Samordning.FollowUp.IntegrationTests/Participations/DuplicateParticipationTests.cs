using System.Net;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using static Samordning.FollowUp.IntegrationTests.Infrastructure.TestDates;

namespace Samordning.FollowUp.IntegrationTests.Participations;

/// <summary>One person is active at most once in an intervention; re-entry after an exit is a new participation.</summary>
[Collection(ApiTestGroup.Name)]
public sealed class DuplicateParticipationTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Register_SamePersonAlreadyActive_Returns409()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman();
        await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr));

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations",
            TestData.Identified(pnr, start: Start.AddDays(14)));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "personalIdentityNumber");
        Assert.Equal(1, (await Data.ParticipationsAsync(intervention.Id)).TotalCount);
    }

    [Fact]
    public async Task Register_SamePersonWrittenWithDash_Returns409()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Man();
        await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr));

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations",
            TestData.Identified(TestPersonnummer.WithDash(pnr), start: Start.AddDays(1)));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "personalIdentityNumber");
    }

    [Fact]
    public async Task Register_StartWithinAnEndedParticipation_Returns409()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman();
        var first = await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr, start: new DateOnly(2026, 3, 1)));
        await Data.ExitAsync(first.Id, TestData.Exit(new DateOnly(2026, 6, 1)));

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations",
            TestData.Identified(pnr, start: new DateOnly(2026, 5, 1)));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "personalIdentityNumber");
    }

    [Fact]
    public async Task Register_AfterTheEarlierParticipationEnded_Returns201ForTheSameParticipant()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman();
        var first = await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr, start: new DateOnly(2026, 3, 1)));
        await Data.ExitAsync(first.Id, TestData.Exit(new DateOnly(2026, 6, 1), "Discontinued", "SickLeave"));

        var second = await Data.ParticipationAsync(intervention.Id,
            TestData.Identified(TestPersonnummer.WithDash(pnr), start: new DateOnly(2026, 9, 1)));

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(first.ParticipantId, second.ParticipantId);
        Assert.Equal(2, (await Data.ParticipationsAsync(intervention.Id)).TotalCount);
    }

    [Fact]
    public async Task Register_AfterARegistrationInError_Returns201()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman();
        var mistaken = await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr, start: new DateOnly(2026, 3, 1)));
        await Data.ExitAsync(mistaken.Id, TestData.Exit(new DateOnly(2026, 3, 1), "RegisteredInError", occupation: null));

        var again = await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr, start: new DateOnly(2026, 3, 1)));

        Assert.Equal(mistaken.ParticipantId, again.ParticipantId);
    }

    [Fact]
    public async Task Register_SamePersonInAnotherInterventionOfTheProvider_Returns201ForTheSameParticipant()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        var first = await Data.InterventionAsync(association.Id, provider.Id);
        var second = await Data.InterventionAsync(association.Id, provider.Id);
        var pnr = TestPersonnummer.Man();
        var inFirst = await Data.ParticipationAsync(first.Id, TestData.Identified(pnr));

        var inSecond = await Data.ParticipationAsync(second.Id, TestData.Identified(pnr));

        Assert.Equal(inFirst.ParticipantId, inSecond.ParticipantId);
    }
}
