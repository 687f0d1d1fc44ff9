using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Privacy;

/// <summary>
/// Once an identity is erased (consent withdrawn, erasure on request) a correction of the
/// participation's start data must not bring it back: the participation stays an anonymous
/// individual's, and the rest of the start data can still be corrected.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Privacy")]
public sealed class ErasedIdentityCorrectionTests(ApiFactory factory) : ApiTest(factory)
{
    private async Task EraseAsync(string how, ParticipationDto participation, string pnr)
    {
        var response = how == "withdrawn" ? await Coach.WithdrawConsentAsync(participation.Id) : await Coach.EraseAsync(pnr);
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    private async Task<IReadOnlyDictionary<string, object?>> ParticipantRowAsync(long participantId) =>
        (await Factory.ReadRawTableAsync("Participants")).Single(r => Convert.ToInt64(r["Id"], CultureInfo.InvariantCulture) == participantId);

    [Theory]
    [InlineData("withdrawn")]
    [InlineData("erased on request")]
    public async Task Correct_AfterTheIdentityWasErased_WithThePersonnummerAgain_409_AndTheIdentityStaysErased(string how)
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman(7);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr));
        await EraseAsync(how, participation, pnr);
        var body = TestData.Identified(pnr);
        body["homeMunicipality"] = "Mark";

        var response = await Coach.PutAsync($"/api/v1/participations/{participation.Id}", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "personalIdentityNumber");
        await (await Coach.GetAsync($"/api/v1/participations/{participation.Id}/identity")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.False((await (await Coach.SearchAsync(pnr)).ShouldBeAsync<FindParticipantDto>(HttpStatusCode.OK)).Found);
        var kept = await (await Coach.GetAsync($"/api/v1/participations/{participation.Id}")).ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);
        Assert.Equal((participation.ParticipantId, "Borås", (string?)null), (kept.ParticipantId, kept.HomeMunicipality, kept.PersonalIdentityNumber));
        Assert.Equal(1, await ParticipantRowsAsync());
        var row = await ParticipantRowAsync(participation.ParticipantId);
        Assert.Null(row["IdentityCipher"]);
        Assert.Null(row["IdentityHash"]);
    }

    [Theory]
    [InlineData("withdrawn")]
    [InlineData("erased on request")]
    public async Task Correct_AfterTheIdentityWasErased_WithoutPersonnummer_CorrectsTheRest_AndStaysAnonymous(string how)
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Man(7);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr));
        await EraseAsync(how, participation, pnr);
        var body = TestData.Identified(pnr);
        body.Remove("personalIdentityNumber");
        body["homeMunicipality"] = "Mark";
        body["stepAtStart"] = 3;

        var response = await Coach.PutAsync($"/api/v1/participations/{participation.Id}", body);

        var corrected = await response.ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);
        Assert.Equal(("Mark", 3, "Man", participation.ParticipantId), (corrected.HomeMunicipality, corrected.StepAtStart, corrected.Gender, corrected.ParticipantId));
        Assert.Null(corrected.PersonalIdentityNumber);
        var withdrawnOn = JsonNode.Parse(await response.BodyAsync())!["consent"]!["withdrawnOn"];
        Assert.Equal(how == "withdrawn", withdrawnOn is not null);
        await (await Coach.GetAsync($"/api/v1/participations/{participation.Id}/identity")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Null((await ParticipantRowAsync(participation.ParticipantId))["IdentityCipher"]);
    }

    [Fact]
    public async Task Correct_IdentifiedParticipantStillIdentified_WithoutPersonnummer_Still400()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Woman(8)));
        var body = TestData.Identified(TestPersonnummer.Woman(8));
        body.Remove("personalIdentityNumber");

        var response = await Coach.PutAsync($"/api/v1/participations/{participation.Id}", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "personalIdentityNumber");
    }
}
