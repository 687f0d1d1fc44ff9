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
    /// <summary>The office sets the places on the intervention's page; the queue (and the coach's "Fullt") reads them.</summary>
    [Fact]
    public async Task PlacesForm_SavesTheNumber_RejectsZeroInSwedish_AndEmptyRemovesIt()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        using var browser = await UiSession.SignInAsync(Factory, UserRole.AssociationAdmin, Data.HomeAssociationId, null);
        var page = $"/kansli/insatser/{intervention.Id}";
        var queue = $"/api/v1/interventions/{intervention.Id}/referral-queue";
        var token = await UiSession.FormTokenAsync(browser, page);

        var saved = await UiSession.PostFormAsync(browser, page + "?handler=Places", token, ("Input.Places", "12"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(12, (await (await Office.GetAsync(queue)).ShouldBeAsync<ReferralQueueDto>(HttpStatusCode.OK)).Places);
        Assert.Contains("12 platser, 0 deltagare pågår.", System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync(page, Ct)), StringComparison.Ordinal);

        var zero = await UiSession.PostFormAsync(browser, page + "?handler=Places", token, ("Input.Places", "0"));
        await zero.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Contains("Antal platser ska vara mellan 1 och 10 000, eller tomt.", System.Net.WebUtility.HtmlDecode(await zero.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
        Assert.Equal(12, (await (await Office.GetAsync(queue)).ShouldBeAsync<ReferralQueueDto>(HttpStatusCode.OK)).Places);

        Assert.Equal(HttpStatusCode.Redirect, (await UiSession.PostFormAsync(browser, page + "?handler=Places", token, ("Input.Places", ""))).StatusCode);
        Assert.Null((await (await Office.GetAsync(queue)).ShouldBeAsync<ReferralQueueDto>(HttpStatusCode.OK)).Places);
    }
}
