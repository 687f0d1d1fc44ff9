using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Privacy;

/// <summary>
/// POST /participations/{id}/consent/withdraw: the identity is erased at once, the participation
/// stays as an anonymous individual's, and every figure stays as it was.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Privacy")]
public sealed class ConsentWithdrawalTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly DateOnly TertialThreeStart = new(2026, 9, 7);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The office's view of tertial 3 2026: the report's figures and the year's indicators.</summary>
    private async Task<(JsonNode Report, JsonNode Indicators)> FiguresAsync(long associationId)
    {
        var report = JsonNode.Parse(await (await (await Office.GetAsync($"/api/v1/associations/{associationId}/reports/tertial/2026/3"))
            .ShouldHaveStatusAsync(HttpStatusCode.OK)).BodyAsync())!["report"]!;
        report.AsObject().Remove("header");
        await Factory.SendAsync(new ComputeIndicatorsCommand(), Ct);
        var indicators = JsonNode.Parse(await (await (await Office.GetAsync($"/api/v1/associations/{associationId}/indicators?year=2026&tertial=3&mode=YearToDate"))
            .ShouldHaveStatusAsync(HttpStatusCode.OK)).BodyAsync())!;
        return (report, indicators);
    }

    private async Task<IReadOnlyDictionary<string, object?>> ParticipantRowAsync(long participantId) =>
        (await Factory.ReadRawTableAsync("Participants")).Single(r => Convert.ToInt64(r["Id"], CultureInfo.InvariantCulture) == participantId);

    [Fact]
    public async Task WithdrawConsent_ErasesTheIdentity_TheParticipationStays_AndEveryFigureIsTheSame()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman(0);
        var leaving = await Data.IdentifiedExitAsync(intervention.Id, pnr, TestDates.Start, new DateOnly(2026, 9, 30));
        await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Man(0), TertialThreeStart));
        await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Woman(1), TertialThreeStart));
        var before = await FiguresAsync(intervention.AssociationId);
        Assert.Equal(3, before.Report["total"]!["active"]!["total"]!.GetValue<int>());

        var response = await Coach.WithdrawConsentAsync(leaving.Id);

        var withdrawn = await response.ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);
        Assert.Equal((leaving.Id, leaving.ParticipantId, "Woman"), (withdrawn.Id, withdrawn.ParticipantId, withdrawn.Gender));
        Assert.Null(withdrawn.PersonalIdentityNumber);
        Assert.Equal(TestData.Date(TestDates.Today), JsonNode.Parse(await response.BodyAsync())!["consent"]!["withdrawnOn"]!.GetValue<string>());
        await (await Coach.GetAsync($"/api/v1/participations/{leaving.Id}/identity")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var still = await (await Coach.GetAsync($"/api/v1/participations/{leaving.Id}")).ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);
        Assert.Equal(("Ended", new DateOnly(2026, 9, 30)), (still.Status, still.Exit!.EndDate));
        Assert.Equal(3, (await Data.ParticipationsAsync(intervention.Id)).TotalCount);
        Assert.Equal(3, await ParticipantRowsAsync());

        var after = await FiguresAsync(intervention.AssociationId);
        Assert.True(JsonNode.DeepEquals(before.Report, after.Report), $"The report changed:\n{before.Report.ToJsonString()}\n{after.Report.ToJsonString()}");
        Assert.True(JsonNode.DeepEquals(before.Indicators, after.Indicators), $"The indicators changed:\n{before.Indicators.ToJsonString()}\n{after.Indicators.ToJsonString()}");

        var row = await ParticipantRowAsync(leaving.ParticipantId);
        Assert.Null(row["IdentityCipher"]);
        Assert.Null(row["IdentityHash"]);
        Assert.Equal("ConsentWithdrawn", row["IdentityErasure"]);
        Assert.NotNull(row["IdentityErasedAtUtc"]);
        Assert.Equal("Woman", row["Gender"]);
        Assert.False((await (await Coach.SearchAsync(pnr)).ShouldBeAsync<FindParticipantDto>(HttpStatusCode.OK)).Found);
    }

    [Fact]
    public async Task WithdrawConsent_IsAudited_ConsentWithdrawnAndErased()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Man(1)));

        await (await Coach.WithdrawConsentAsync(participation.Id, new DateOnly(2026, 11, 20))).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var coach = await Coach.MeAsync();
        var withdrawn = Assert.Single((await Office.AuditAsync("?action=ConsentWithdrawn")).Items);
        Assert.Equal(("Participation", Id(participation.Id), coach.Id), (withdrawn.EntityType, withdrawn.EntityId, withdrawn.UserId));
        Assert.Equal("Återkallat 2026-11-20", withdrawn.Detail);
        var erased = Assert.Single((await Office.AuditAsync("?action=Erased")).Items);
        Assert.Equal(("Participant", Id(participation.ParticipantId), coach.Id), (erased.EntityType, erased.EntityId, erased.UserId));
        Assert.Equal("Samtycket återkallades", erased.Detail);
        Assert.Equal((intervention.AssociationId, intervention.ProviderId), (erased.AssociationId, erased.ProviderId));
    }

    [Fact]
    public async Task WithdrawConsent_Twice_200_AndTheSecondChangesNothing()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Woman(2)));
        var first = await (await Coach.WithdrawConsentAsync(participation.Id)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var rowAfterFirst = await ParticipantRowAsync(participation.ParticipantId);
        Factory.Clock.Advance(TimeSpan.FromDays(2));

        var second = await Coach.WithdrawConsentAsync(participation.Id, TestDates.Today.AddDays(1));

        await second.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Equal(await first.BodyAsync(), await second.BodyAsync());
        Assert.Equal(rowAfterFirst, await ParticipantRowAsync(participation.ParticipantId));
        Assert.Single((await Admin.AuditAsync("?action=ConsentWithdrawn")).Items);
        Assert.Single((await Admin.AuditAsync("?action=Erased")).Items);
    }

    [Fact]
    public async Task WithdrawConsent_ThePersonsOtherParticipationsAtTheProvider_BecomeAnonymousToo()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        var first = await Data.InterventionAsync(association.Id, provider.Id, Mode.Identified);
        var second = await Data.InterventionAsync(association.Id, provider.Id, Mode.Identified);
        var pnr = TestPersonnummer.Man(2);
        var a = await Data.ParticipationAsync(first.Id, TestData.Identified(pnr));
        var b = await Data.ParticipationAsync(second.Id, TestData.Identified(pnr));

        await (await Coach.WithdrawConsentAsync(a.Id)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        await (await Coach.GetAsync($"/api/v1/participations/{b.Id}/identity")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Null((await (await Coach.GetAsync($"/api/v1/participations/{b.Id}")).ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK)).PersonalIdentityNumber);
    }

    [Fact]
    public async Task WithdrawConsent_AnonymousParticipation_409_NothingToWithdraw()
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Anonymous());

        var response = await Coach.WithdrawConsentAsync(participation.Id);

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Empty((await Admin.AuditAsync("?action=ConsentWithdrawn")).Items);
    }

    [Fact]
    public async Task WithdrawConsent_DateInTheFutureOrBeforeTheConsent_400NamingWithdrawnOn()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Woman(3)));

        await (await Coach.WithdrawConsentAsync(participation.Id, TestDates.Tomorrow)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "withdrawnOn");
        await (await Coach.WithdrawConsentAsync(participation.Id, TestDates.Start.AddDays(-1))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "withdrawnOn");

        Assert.Equal(TestPersonnummer.WithDash(TestPersonnummer.Woman(3)), (await Coach.IdentityAsync(participation.Id)).PersonalIdentityNumber);
        Assert.Empty((await Admin.AuditAsync("?action=Erased")).Items);
    }

    [Fact]
    public async Task WithdrawConsent_CoachOfAnotherProvider404_Office403_IdentityKept()
    {
        var association = await Data.AssociationAsync();
        var home = await Data.ProviderAsync(association.Id);
        var other = await Data.ProviderAsync(association.Id);
        var intervention = await Data.InterventionAsync(association.Id, home.Id, Mode.Identified);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Man(3)));

        await (await Users.CoachOf(other.Id).WithdrawConsentAsync(participation.Id)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Office.WithdrawConsentAsync(participation.Id)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await Board.WithdrawConsentAsync(participation.Id)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        Assert.NotNull((await ParticipantRowAsync(participation.ParticipantId))["IdentityCipher"]);
        Assert.Empty((await Admin.AuditAsync("?action=ConsentWithdrawn")).Items);
    }
}
