using System.Net;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Data;

/// <summary>
/// Each participation carries its person's gender (<c>Participation.Gender</c>), which the reports
/// count by: it must equal the person's after every intake and correction.
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class ParticipationGenderTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Intake_TheParticipationTakesThePersonsGender()
    {
        var anonymous = await Data.InterventionAsync(Mode.AnonymousIndividual);
        var man = await Data.ParticipationAsync(anonymous.Id, TestData.Anonymous("Man", 1980));
        var identified = await Data.InterventionAsync(Mode.Identified);
        var woman = await Data.ParticipationAsync(identified.Id, TestData.Identified(TestPersonnummer.Woman()));

        Assert.Equal(Gender.Man, await GenderOfAsync(man.Id));
        Assert.Equal(Gender.Woman, await GenderOfAsync(woman.Id));
    }

    [Fact]
    public async Task CorrectedGender_ReachesEveryParticipationOfThePerson()
    {
        var first = await Data.InterventionAsync(Mode.Identified);
        var second = await Data.InterventionAsync(first.AssociationId, first.ProviderId, Mode.Identified);
        var pnr = TestPersonnummer.Woman();
        var here = await Data.ParticipationAsync(first.Id, TestData.Identified(pnr));
        var there = await Data.ParticipationAsync(second.Id, TestData.Identified(pnr));
        Assert.Equal(here.ParticipantId, there.ParticipantId);
        var body = TestData.Identified(pnr);
        body["gender"] = "Man";

        var response = await (await Data.CoachOfAsync(first.Id)).PutAsync($"/api/v1/participations/{here.Id}", body);

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Equal(Gender.Man, await GenderOfAsync(here.Id));
        Assert.Equal(Gender.Man, await GenderOfAsync(there.Id));
        // Every participation in the database agrees with its person (the reports read only the copy).
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Participations.CountAsync(p => p.Gender != p.Participant!.Gender, Ct)));
    }

    [Fact]
    public async Task CorrectedAnonymousGender_IsCopiedToTheParticipation()
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual);
        var created = await Data.ParticipationAsync(intervention.Id, TestData.Anonymous("Woman", 1990));

        await (await (await Data.CoachOfAsync(intervention.Id)).PutAsync($"/api/v1/participations/{created.Id}", TestData.Anonymous("Man", 1990)))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        Assert.Equal(Gender.Man, await GenderOfAsync(created.Id));
    }

    private Task<Gender> GenderOfAsync(long participationId) =>
        Factory.WithDbAsync(db => db.Participations.Where(p => p.Id == participationId).Select(p => p.Gender).SingleAsync(Ct));
}
