using System.Net;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Interventions;

/// <summary>The office's plan form reads amounts as a Swedish user types them (issue 15, item 5).</summary>
[Collection(ApiTestGroup.Name)]
public sealed class PlanFormTests(ApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("1 250 000 kr", "1\u00a0250\u00a0000", 1_250_000, 1_250_000)]
    [InlineData("1 250 000", "300\u202f000 kronor", 1_250_000, 300_000)]
    [InlineData("450000:-", "0", 450_000, 0)]
    public async Task PlanForm_AmountsWithSpacesAndKr_AreSavedAsWholeKronor(string budget, string cost, long expectedBudget, long expectedCost)
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        using var browser = await UiSession.SignInAsync(Factory, UserRole.AssociationAdmin, Data.HomeAssociationId, null);
        var page = $"/kansli/insatser/{intervention.Id}";
        var token = await UiSession.FormTokenAsync(browser, page);

        var response = await UiSession.PostFormAsync(browser, page, token,
            ("Input.Year", "2026"), ("Input.PlannedParticipants", "1 200"), ("Input.BudgetSek", budget), ("Input.ActualCostSek", cost));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await (await Office.GetAsync($"/api/v1/interventions/{intervention.Id}")).ShouldBeAsync<InterventionDto>(HttpStatusCode.OK);
        Assert.Equal(new PlanDto(2026, 1200, expectedBudget, expectedCost), saved.Plans.Single());
    }

    [Theory]
    [InlineData("1 250 000,50 kr")]
    [InlineData("en miljon")]
    [InlineData("kr")]
    public async Task PlanForm_NotAWholeAmount_SaysHowToWriteIt_AndSavesNothing(string budget)
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        using var browser = await UiSession.SignInAsync(Factory, UserRole.AssociationAdmin, Data.HomeAssociationId, null);
        var page = $"/kansli/insatser/{intervention.Id}";
        var token = await UiSession.FormTokenAsync(browser, page);

        var response = await UiSession.PostFormAsync(browser, page, token,
            ("Input.Year", "2026"), ("Input.PlannedParticipants", "20"), ("Input.BudgetSek", budget), ("Input.ActualCostSek", ""));

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Contains("Ange ett heltal utan decimaler, till exempel 1 250 000.", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var saved = await (await Office.GetAsync($"/api/v1/interventions/{intervention.Id}")).ShouldBeAsync<InterventionDto>(HttpStatusCode.OK);
        Assert.Empty(saved.Plans);
    }
}
