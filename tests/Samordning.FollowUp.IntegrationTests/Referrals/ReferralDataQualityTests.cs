using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Referrals;

/// <summary>
/// Issue 19, item 5: a referral without a decision more than 30 days after it came is an open item
/// of the provider's data quality and tertial checklist, judged on the tertial's last day.
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class ReferralDataQualityTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task UndecidedReferrals_CountPerTertialOnItsLastDay_AndTheChecklistAgrees()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        // Today 2026-11-23. T2 2026 is judged on 31 Aug (cut-off: received before 1 Aug), T3 today (before 24 Oct).
        var acceptedLate = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(TestPersonnummer.Woman(50), new DateOnly(2026, 7, 15)));
        await Decide(acceptedLate.Id, "accept", new JsonObject { ["date"] = "2026-09-10", ["plannedStartDate"] = "2026-10-01" });   // T2 yes, T3 no
        var undecided = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(TestPersonnummer.Woman(51), new DateOnly(2026, 10, 1))); // T3 yes (53 days)
        await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(TestPersonnummer.Woman(52), new DateOnly(2026, 11, 1)));   // 22 days: not yet
        var declined = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(TestPersonnummer.Woman(53), new DateOnly(2026, 6, 1)));
        await Decide(declined.Id, "decline", new JsonObject { ["date"] = "2026-06-20", ["reason"] = "NotInTargetGroup" });          // decided in time
        var started = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(TestPersonnummer.Woman(54), new DateOnly(2026, 5, 4)));
        await (await Coach.PostAsync($"/api/v1/referrals/{started.Id}/start", TestData.StartFromReferral(new DateOnly(2026, 5, 20))))
            .ShouldHaveStatusAsync(HttpStatusCode.Created);                                                                           // started in time

        var t2 = await (await Coach.GetAsync($"/api/v1/providers/{Data.HomeProviderId}/data-quality/2026/2")).ShouldBeAsync<JsonObject>(HttpStatusCode.OK);
        var t3 = await (await Coach.GetAsync($"/api/v1/providers/{Data.HomeProviderId}/data-quality/2026/3")).ShouldBeAsync<JsonObject>(HttpStatusCode.OK);
        var items = await (await Coach.GetAsync($"/api/v1/providers/{Data.HomeProviderId}/data-quality/2026/3/UndecidedReferrals")).ShouldBeAsync<JsonObject>(HttpStatusCode.OK);
        var checklist = await (await Coach.GetAsync($"/api/v1/providers/{Data.HomeProviderId}/tertial-reports/2026/3")).ShouldBeAsync<JsonObject>(HttpStatusCode.OK);

        Assert.Equal(1, Count(t2));
        Assert.Equal(1, Count(t3));
        Assert.Equal(1, (int)items["totalCount"]!);
        Assert.Equal(undecided.Id, (long)items["referrals"]![0]!["referralId"]!);
        Assert.Equal(1, (int)checklist["checklist"]!["undecidedReferrals"]!);
    }

    private async Task Decide(long referralId, string step, JsonObject body) =>
        await (await Coach.PostAsync($"/api/v1/referrals/{referralId}/{step}", body)).ShouldHaveStatusAsync(HttpStatusCode.OK);

    private static int Count(JsonObject dataQuality) =>
        (int)dataQuality["checks"]!.AsArray().Single(c => (string)c!["check"]! == "UndecidedReferrals")!["count"]!;
}
