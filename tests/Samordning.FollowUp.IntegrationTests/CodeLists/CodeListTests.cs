using System.Net;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.CodeLists;

[Collection(ApiTestGroup.Name)]
public sealed class CodeListTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task CodeLists_HaveSwedishLabelsWithÅÄÖIntact()
    {
        await Data.InterventionAsync(); // the coach asking works for its provider

        var response = await Coach.GetAsync("/api/v1/code-lists");

        var lists = await response.ShouldBeAsync<Dictionary<string, List<CodeLabelDto>>>(HttpStatusCode.OK);
        Assert.Equal([new("Woman", "Kvinna"), new("Man", "Man")], lists["gender"]);
        Assert.Contains(new CodeLabelDto("Preparatory", "Förberedande"), lists["interventionCategory"]);
        Assert.Contains(new CodeLabelDto("Structural", "Strukturövergripande"), lists["orientation"]);
        Assert.Contains(new CodeLabelDto("SocialInsuranceAgency", "Försäkringskassan"), lists["referredBy"]);
        Assert.Contains(new CodeLabelDto("SixTo12Months", "6–12 månader"), lists["timeInPublicSupport"]);
    }

    [Fact]
    public async Task CodeLists_ListEveryCodeTheApiAccepts()
    {
        await Data.InterventionAsync(); // the coach asking works for its provider

        var lists = await (await Coach.GetAsync("/api/v1/code-lists")).ShouldBeAsync<Dictionary<string, List<CodeLabelDto>>>(HttpStatusCode.OK);

        Assert.Equal(
            ["educationLevel", "exitReason", "gender", "incomeSource", "interventionCategory", "occupation", "orientation", "referredBy", "registrationMode", "timeInPublicSupport"],
            lists.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(
            ["PlannedCompletion", "Discontinued", "TransferredToParty", "Illness", "MovedAway", "Deceased", "Other", "RegisteredInError"],
            lists["exitReason"].Select(c => c.Code));
        Assert.All(lists.Values.SelectMany(l => l), c => Assert.False(string.IsNullOrWhiteSpace(c.Label)));
    }
}
