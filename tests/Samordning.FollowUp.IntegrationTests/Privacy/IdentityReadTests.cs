using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Privacy;

/// <summary>
/// GET /participations/{id}/identity: the one place the personnummer leaves the service in clear,
/// only to a coach of the owning provider, and every read is in the audit log.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Privacy")]
public sealed partial class IdentityReadTests(ApiFactory factory) : ApiTest(factory)
{
    [GeneratedRegex(@"^\d{8}-\d{4}$")]
    private static partial Regex ClearFormat();

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task ReadIdentity_CoachOfOwningProvider_GetsTheNumberInClear_AndTheReadIsAudited()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman();
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr));

        var identity = await Coach.IdentityAsync(participation.Id);

        Assert.Equal(participation.Id, identity.ParticipationId);
        Assert.Matches(ClearFormat(), identity.PersonalIdentityNumber);
        Assert.Equal(TestPersonnummer.WithDash(pnr), identity.PersonalIdentityNumber);
        Assert.False(identity.IsCoordinationNumber);

        var coach = await Coach.MeAsync();
        foreach (var reader in new[] { Admin, Office })
        {
            var line = Assert.Single((await reader.AuditAsync("?action=IdentityRead")).Items);
            Assert.Equal(("Participation", Id(participation.Id)), (line.EntityType, line.EntityId));
            Assert.Equal((coach.Id, coach.Email, "Coach"), (line.UserId, line.UserName, line.Role));
            Assert.Equal((intervention.AssociationId, intervention.ProviderId), (line.AssociationId, line.ProviderId));
            Assert.Equal("Läste personnummer", line.ActionLabel);
            Assert.Empty(PersonnummerForms.FoundIn(line.Detail ?? string.Empty, [pnr]));
        }
    }

    [Fact]
    public async Task ReadIdentity_EveryReadIsAudited_OneLineEach()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Man()));

        await Coach.IdentityAsync(participation.Id);
        await Coach.IdentityAsync(participation.Id);
        await Coach.IdentityAsync(participation.Id);

        var lines = (await Office.AuditAsync($"?action=IdentityRead&entityId={participation.Id}")).Items;
        Assert.Equal(3, lines.Count);
    }

    [Fact]
    public async Task GetParticipation_ShowsOnlyTheMaskedNumber()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman(1);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.WithDash(pnr)));

        var one = await Coach.GetAsync($"/api/v1/participations/{participation.Id}");
        var list = await Coach.GetAsync($"/api/v1/interventions/{intervention.Id}/participations");

        Assert.Equal(TestPersonnummer.Masked(pnr), (await one.ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK)).PersonalIdentityNumber);
        Assert.Equal(TestPersonnummer.Masked(pnr), Assert.Single((await list.ShouldBeAsync<PageDto<ParticipationDto>>(HttpStatusCode.OK)).Items).PersonalIdentityNumber);
        Assert.Empty(PersonnummerForms.FoundIn(await one.BodyAsync(), [pnr]));
        Assert.Empty(PersonnummerForms.FoundIn(await list.BodyAsync(), [pnr]));
        Assert.Empty((await Admin.AuditAsync("?action=IdentityRead")).Items);
    }

    [Fact]
    public async Task ReadIdentity_CoachOfAnotherProvider_Gets404_TheSameAsForAnIdThatDoesNotExist()
    {
        var association = await Data.AssociationAsync();
        var home = await Data.ProviderAsync(association.Id);
        var other = await Data.ProviderAsync(association.Id);
        var intervention = await Data.InterventionAsync(association.Id, home.Id, Mode.Identified);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Woman()));
        var otherAssociation = await Data.AssociationAsync();
        var elsewhere = await Data.ProviderAsync(otherAssociation.Id);
        var missing = participation.Id + 100_000;

        var unknown = await (await Users.CoachOf(other.Id).GetAsync($"/api/v1/participations/{missing}/identity"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        foreach (var outsider in new[] { Users.CoachOf(other.Id), Users.CoachOf(elsewhere.Id) })
        {
            var response = await outsider.GetAsync($"/api/v1/participations/{participation.Id}/identity");

            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal((unknown.Title, unknown.Detail), (problem.Title, problem.Detail));
        }

        Assert.Equal("Hittades inte", unknown.Title);
        Assert.Empty((await Admin.AuditAsync("?action=IdentityRead")).Items);
    }

    [Fact]
    public async Task ReadIdentity_OfficeBoardAndSystemAdmin_Get403_AndNobodySignedIn401()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Man(1)));
        var path = $"/api/v1/participations/{participation.Id}/identity";

        foreach (var refused in new[] { Office, Board, Admin })
        {
            var problem = await (await refused.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            Assert.Equal("Ingen behörighet", problem.Title);
        }

        await (await Users.Anonymous.GetAsync(path)).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
        Assert.Empty((await Admin.AuditAsync("?action=IdentityRead")).Items);
    }

    [Fact]
    public async Task ReadIdentity_AnonymousParticipant_404_AndNothingAudited()
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Anonymous());

        var response = await Coach.GetAsync($"/api/v1/participations/{participation.Id}/identity");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await Admin.AuditAsync("?action=IdentityRead")).Items);
    }
}
