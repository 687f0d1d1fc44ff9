using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Providers;

[Collection(ApiTestGroup.Name)]
public sealed class ProviderTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Create_Returns201AndTheProviderIsListedUnderItsAssociation()
    {
        var association = await Data.AssociationAsync();

        var response = await Office.PostAsync($"/api/v1/associations/{association.Id}/providers",
            new JsonObject { ["name"] = "Arbetsmarknadsenheten Borås", ["organisationNumber"] = "212000-1355" });

        var created = await response.ShouldBeAsync<ProviderDto>(HttpStatusCode.Created);
        var list = await (await Office.GetAsync($"/api/v1/associations/{association.Id}/providers"))
            .ShouldBeAsync<List<ProviderDto>>(HttpStatusCode.OK);
        var listed = Assert.Single(list);
        Assert.Equal(created.Id, listed.Id);
        Assert.Equal("Arbetsmarknadsenheten Borås", listed.Name);
        Assert.Equal(association.Id, listed.AssociationId);
    }

    [Fact]
    public async Task List_ShowsOnlyTheAssociationsOwnProviders()
    {
        var first = await Data.AssociationAsync();
        var second = await Data.AssociationAsync();
        await Data.ProviderAsync(first.Id, "Utförare A");
        await Data.ProviderAsync(second.Id, "Utförare B");

        var list = await (await Office.GetAsync($"/api/v1/associations/{first.Id}/providers"))
            .ShouldBeAsync<List<ProviderDto>>(HttpStatusCode.OK);

        Assert.Equal(["Utförare A"], list.Select(p => p.Name));
    }

    [Fact]
    public async Task Create_UnknownAssociation_Returns404()
    {
        await Data.AssociationAsync(); // the office asking belongs to it

        var response = await Office.PostAsync("/api/v1/associations/987654321/providers", new JsonObject { ["name"] = "Utförare" });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_UnknownAssociation_Returns404()
    {
        await Data.AssociationAsync(); // the office asking belongs to it

        var response = await Office.GetAsync("/api/v1/associations/987654321/providers");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
