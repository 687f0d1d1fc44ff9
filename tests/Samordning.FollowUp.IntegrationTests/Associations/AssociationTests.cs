using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Associations;

[Collection(ApiTestGroup.Name)]
public sealed class AssociationTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Create_Returns201WithLocationOfTheNewAssociation()
    {
        var response = await Admin.PostAsync("/api/v1/associations", new JsonObject
        {
            ["name"] = "Samordningsförbundet Sjuhärad",
            ["organisationNumber"] = "222000-1354",
            ["smallNumberThreshold"] = 3,
        });

        var created = await response.ShouldBeAsync<AssociationDto>(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/associations/{created.Id}", response.Headers.Location?.OriginalString);
        var read = await (await Users.OfficeOf(created.Id).GetAsync(response.Headers.Location!.OriginalString)).ShouldBeAsync<AssociationDto>(HttpStatusCode.OK);
        Assert.Equal("Samordningsförbundet Sjuhärad", read.Name);
        Assert.Equal("222000-1354", read.OrganisationNumber);
        Assert.Equal(3, read.SmallNumberThreshold);
    }

    [Fact]
    public async Task Create_DuplicateName_Returns409()
    {
        await Data.AssociationAsync("Samordningsförbundet Sjuhärad");

        var response = await Admin.PostAsync("/api/v1/associations", new JsonObject { ["name"] = "Samordningsförbundet Sjuhärad" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "name");
    }

    [Fact]
    public async Task Create_WithoutName_Returns400Name()
    {
        var response = await Admin.PostAsync("/api/v1/associations", new JsonObject { ["name"] = "" });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "name");
    }

    [Fact]
    public async Task Get_UnknownId_Returns404()
    {
        await Data.AssociationAsync(); // the office asking belongs to it

        var response = await Office.GetAsync("/api/v1/associations/987654321");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
