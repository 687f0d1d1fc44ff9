using System.Net;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Participations;

/// <summary>Registration of anonymous individuals: gender and birth year, no identity, no consent.</summary>
[Collection(ApiTestGroup.Name)]
public sealed class AnonymousRegistrationTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Register_Anonymous_Returns201WithGenderAndBirthYearButNoIdentity()
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual);

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", TestData.Anonymous("Man", 1988));

        var created = await response.ShouldBeAsync<ParticipationDto>(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/participations/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Null(created.PersonalIdentityNumber);
        Assert.Null(created.Consent);
        Assert.Equal("Man", created.Gender);
        Assert.Equal(1988, created.BirthYear);
        Assert.Equal("AnonymousIndividual", created.RegistrationMode);
    }

    [Fact]
    public async Task Register_Anonymous_WithPersonnummer_Returns400PersonalIdentityNumber()
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual);
        var body = TestData.Anonymous();
        body["personalIdentityNumber"] = TestPersonnummer.Woman();

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "personalIdentityNumber");
    }

    [Fact]
    public async Task Register_Anonymous_IdentifiedRegistrationBody_Returns400()
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual);

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", TestData.Identified(TestPersonnummer.Woman()));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "personalIdentityNumber");
        Assert.Contains("consent", problem.Errors!.Keys);
    }

    [Theory]
    [InlineData("gender")]
    [InlineData("birthYear")]
    public async Task Register_Anonymous_WithoutField_Returns400NamingIt(string field)
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual);
        var body = TestData.Anonymous();
        body.Remove(field);

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Register_Anonymous_BirthYearInTheFuture_Returns400BirthYear()
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual);

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", TestData.Anonymous(birthYear: 2027));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "birthYear");
    }

    [Fact]
    public async Task Register_Identified_GenderAndBirthYearInsteadOfPersonnummer_Returns400()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);

        var response = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/participations", TestData.Anonymous());

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "personalIdentityNumber");
        Assert.Contains("birthYear", problem.Errors!.Keys);
    }
}
