using System.Net;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;
using static Samordning.FollowUp.IntegrationTests.Infrastructure.TestDates;

namespace Samordning.FollowUp.IntegrationTests.Participations;

/// <summary>PUT /participations/{id}: the start data corrected, sent whole as at registration.</summary>
[Collection(ApiTestGroup.Name)]
public sealed class CorrectionTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Correct_Returns200AndTheNewStartDataIsKept()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman();
        var created = await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr));
        var body = TestData.Identified(pnr, start: new DateOnly(2026, 3, 9));
        body["homeMunicipality"] = "Ulricehamn";
        body["referredBy"] = "PublicEmploymentService";

        var response = await Coach.PutAsync($"/api/v1/participations/{created.Id}", body);

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var read = await (await Coach.GetAsync($"/api/v1/participations/{created.Id}")).ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);
        Assert.Equal(new DateOnly(2026, 3, 9), read.StartDate);
        Assert.Equal("Ulricehamn", read.HomeMunicipality);
        Assert.Equal("PublicEmploymentService", read.ReferredBy);
        Assert.Equal(created.ParticipantId, read.ParticipantId);
    }

    [Fact]
    public async Task Correct_StartAfterTheRecordedEnd_Returns400StartDate()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman();
        var created = await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr, start: new DateOnly(2026, 3, 1)));
        await Data.ExitAsync(created.Id, TestData.Exit(new DateOnly(2026, 5, 1)));

        var response = await Coach.PutAsync($"/api/v1/participations/{created.Id}", TestData.Identified(pnr, start: new DateOnly(2026, 5, 2)));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "startDate");
    }

    [Fact]
    public async Task Correct_StartInTheFuture_Returns400StartDate()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman();
        var created = await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr));

        var response = await Coach.PutAsync($"/api/v1/participations/{created.Id}", TestData.Identified(pnr, start: Tomorrow));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "startDate");
    }

    [Fact]
    public async Task Correct_Personnummer_ChangesTheMaskedNumberAndLeavesNoTraceOfTheMistypedOne()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var mistyped = TestPersonnummer.Woman(0);
        var right = TestPersonnummer.Woman(1);
        var created = await Data.ParticipationAsync(intervention.Id, TestData.Identified(mistyped));

        var response = await Coach.PutAsync($"/api/v1/participations/{created.Id}", TestData.Identified(right));

        var corrected = await response.ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);
        Assert.Equal(TestPersonnummer.Masked(right), corrected.PersonalIdentityNumber);
        Assert.NotEqual(TestPersonnummer.Masked(mistyped), corrected.PersonalIdentityNumber);
        Assert.Equal(1, await ParticipantRowsAsync());
    }

    [Fact]
    public async Task Correct_ToAPersonAlreadyActiveInTheIntervention_Returns409AndChangesNothing()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var anna = TestPersonnummer.Woman(0);
        var bertil = TestPersonnummer.Man(0);
        await Data.ParticipationAsync(intervention.Id, TestData.Identified(anna));
        var bertils = await Data.ParticipationAsync(intervention.Id, TestData.Identified(bertil));

        var response = await Coach.PutAsync($"/api/v1/participations/{bertils.Id}", TestData.Identified(anna));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "personalIdentityNumber");
        var read = await (await Coach.GetAsync($"/api/v1/participations/{bertils.Id}")).ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);
        Assert.Equal(TestPersonnummer.Masked(bertil), read.PersonalIdentityNumber);
        Assert.Equal(2, await ParticipantRowsAsync());
    }

    [Fact]
    public async Task Correct_StartBeforeTheIntervention_Returns400StartDate()
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual, start: new DateOnly(2026, 3, 1));
        var created = await Data.ParticipationAsync(intervention.Id, TestData.Anonymous());

        var response = await Coach.PutAsync($"/api/v1/participations/{created.Id}", TestData.Anonymous(start: new DateOnly(2026, 2, 1)));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "startDate");
    }

    [Fact]
    public async Task Correct_Anonymous_ChangesGenderAndBirthYear()
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual);
        var created = await Data.ParticipationAsync(intervention.Id, TestData.Anonymous("Woman", 1990));

        var corrected = await (await Coach.PutAsync($"/api/v1/participations/{created.Id}", TestData.Anonymous("Man", 1991)))
            .ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);

        Assert.Equal("Man", corrected.Gender);
        Assert.Equal(1991, corrected.BirthYear);
    }

    [Fact]
    public async Task Correct_StartIntoTheSamePersonsEarlierParticipation_Returns409()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman();
        var first = await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr, start: new DateOnly(2026, 3, 1)));
        await Data.ExitAsync(first.Id, TestData.Exit(new DateOnly(2026, 5, 31)));
        var second = await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr, start: new DateOnly(2026, 8, 1)));

        var response = await Coach.PutAsync($"/api/v1/participations/{second.Id}", TestData.Identified(pnr, start: new DateOnly(2026, 5, 1)));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "personalIdentityNumber");
    }

    [Fact]
    public async Task Correct_UnknownParticipation_Returns404()
    {
        await Data.InterventionAsync(); // the coach asking works for its provider

        var response = await Coach.PutAsync("/api/v1/participations/987654321", TestData.Anonymous());

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
