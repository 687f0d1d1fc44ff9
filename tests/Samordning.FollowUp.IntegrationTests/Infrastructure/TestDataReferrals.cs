using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>Builders for referrals (issue 19).</summary>
public sealed partial class TestData
{
    public async Task<ReferralDto> ReferralAsync(long interventionId, JsonObject body)
    {
        var response = await (await CoachOfAsync(interventionId)).PostAsync($"/api/v1/interventions/{interventionId}/referrals", body);
        return await response.ShouldBeAsync<ReferralDto>(HttpStatusCode.Created);
    }

    /// <summary>An identified person referred with written consent.</summary>
    public static JsonObject IdentifiedReferral(string personalIdentityNumber, DateOnly receivedOn, string referredBy = "SocialInsuranceAgency") => new()
    {
        ["receivedOn"] = Date(receivedOn),
        ["referredBy"] = referredBy,
        ["referringTeam"] = "Uppdragsteam Sjuhärad",
        ["personalIdentityNumber"] = personalIdentityNumber,
        ["consent"] = new JsonObject
        {
            ["date"] = Date(receivedOn),
            ["textVersion"] = "2026-01",
            ["collectedBy"] = "Handläggare Åsa Öberg",
        },
    };

    public static JsonObject AnonymousReferral(DateOnly receivedOn, string gender = "Woman", int birthYear = 1990, string referredBy = "Municipality") => new()
    {
        ["receivedOn"] = Date(receivedOn),
        ["referredBy"] = referredBy,
        ["gender"] = gender,
        ["birthYear"] = birthYear,
    };

    /// <summary>An intake from a referral: only what the referral does not know.</summary>
    public static JsonObject StartFromReferral(DateOnly start)
    {
        var body = StartSituation(start);
        body.Remove("referredBy");
        return body;
    }
}
