using System.Net;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;
using static Samordning.FollowUp.IntegrationTests.Infrastructure.TestDates;

namespace Samordning.FollowUp.IntegrationTests.Interventions;

[Collection(ApiTestGroup.Name)]
public sealed class InterventionTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Create_Returns201WithLocationOfTheIntervention()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);

        var response = await Office.PostAsync($"/api/v1/associations/{association.Id}/interventions",
            TestData.Intervention(provider.Id, Mode.Identified, InterventionStart, InterventionEnd));

        var created = await response.ShouldBeAsync<InterventionDto>(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/interventions/{created.Id}", response.Headers.Location?.OriginalString);
        var read = await (await Office.GetAsync($"/api/v1/interventions/{created.Id}")).ShouldBeAsync<InterventionDto>(HttpStatusCode.OK);
        Assert.Equal("Preparatory", read.Category);
        Assert.Equal(provider.Id, read.ProviderId);
        Assert.Equal(["Borås", "Mark"], read.Municipalities);
        Assert.Equal(InterventionStart, read.StartDate);
        Assert.Equal(InterventionEnd, read.EndDate);
    }

    [Theory]
    [InlineData("IndividualFocused", "Mapping", "Identified")]
    [InlineData("Structural", "DialogueAndCommunication", "CountOnly")]
    public async Task Create_WithoutRegistrationMode_DefaultsByOrientation(string orientation, string category, string expectedMode)
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        var body = TestData.Intervention(provider.Id, Mode.Identified, InterventionStart, null);
        body["orientation"] = orientation;
        body["category"] = category;
        body.Remove("registrationMode");

        var created = await (await Office.PostAsync($"/api/v1/associations/{association.Id}/interventions", body))
            .ShouldBeAsync<InterventionDto>(HttpStatusCode.Created);

        Assert.Equal(expectedMode, created.RegistrationMode);
    }

    [Theory]
    [InlineData("IndividualFocused", "Training")]
    [InlineData("Structural", "Preventive")]
    public async Task Create_CategoryOfTheOtherOrientation_Returns400Category(string orientation, string category)
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        var body = TestData.Intervention(provider.Id, Mode.Identified, InterventionStart, null);
        body["orientation"] = orientation;
        body["category"] = category;

        var response = await Office.PostAsync($"/api/v1/associations/{association.Id}/interventions", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "category");
    }

    [Fact]
    public async Task Create_ProviderOfAnotherAssociation_Returns400ProviderId()
    {
        var ours = await Data.AssociationAsync();
        var theirs = await Data.AssociationAsync();
        var theirProvider = await Data.ProviderAsync(theirs.Id);

        var response = await Office.PostAsync($"/api/v1/associations/{ours.Id}/interventions",
            TestData.Intervention(theirProvider.Id, Mode.Identified, InterventionStart, null));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "providerId");
    }

    [Fact]
    public async Task Create_EndBeforeStart_Returns400EndDate()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);

        var response = await Office.PostAsync($"/api/v1/associations/{association.Id}/interventions",
            TestData.Intervention(provider.Id, Mode.Identified, InterventionStart, InterventionStart.AddDays(-1)));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "endDate");
    }

    [Fact]
    public async Task List_ShowsTheAssociationsInterventionsOnly()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        var individual = await Data.InterventionAsync(association.Id, provider.Id, Mode.Identified);
        var structural = await Data.InterventionAsync(association.Id, provider.Id, Mode.CountOnly);
        await Data.InterventionAsync(); // another association's

        var list = await (await Office.GetAsync($"/api/v1/associations/{association.Id}/interventions"))
            .ShouldBeAsync<List<InterventionDto>>(HttpStatusCode.OK);

        Assert.Equal([individual.Id, structural.Id], list.Select(i => i.Id).Order());
    }

    [Fact]
    public async Task Get_UnknownId_Returns404()
    {
        await Data.AssociationAsync(); // the office asking belongs to it

        var response = await Office.GetAsync("/api/v1/interventions/987654321");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
