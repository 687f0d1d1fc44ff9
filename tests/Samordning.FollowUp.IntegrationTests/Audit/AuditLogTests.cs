using System.Globalization;
using System.Net;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Audit;

/// <summary>
/// GET /api/v1/audit: all of it for the system administrator, the association's own lines for
/// the office, nothing for coaches and board members. Sign-ins are audited, and what a failed
/// sign-in was typed with is never stored.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Audit")]
public sealed class AuditLogTests(ApiFactory factory) : ApiTest(factory)
{
    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>An association with a registration, an identity read and a search by its coach.</summary>
    private async Task<(InterventionDto Intervention, ParticipationDto Participation)> ActivityAsync(long associationId, string pnr)
    {
        var provider = await Data.ProviderAsync(associationId);
        var intervention = await Data.InterventionAsync(associationId, provider.Id, Mode.Identified);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr));
        var coach = Users.CoachOf(provider.Id);
        await coach.IdentityAsync(participation.Id);
        await (await coach.SearchAsync(pnr)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        return (intervention, participation);
    }

    [Fact]
    public async Task ListAudit_OfficeSeesOnlyItsOwnAssociationsLines_AdminSeesAll()
    {
        var home = await Data.AssociationAsync();
        var other = await Data.AssociationAsync();
        var (homeIntervention, homeParticipation) = await ActivityAsync(home.Id, TestPersonnummer.Woman(0));
        var (otherIntervention, otherParticipation) = await ActivityAsync(other.Id, TestPersonnummer.Man(0));

        var office = (await Office.AuditAsync()).Items;
        var otherOffice = (await Users.OfficeOf(other.Id).AuditAsync()).Items;
        var admin = (await Admin.AuditAsync()).Items;

        Assert.NotEmpty(office);
        Assert.All(office, l => Assert.Equal(home.Id, l.AssociationId));
        Assert.All(otherOffice, l => Assert.Equal(other.Id, l.AssociationId));
        foreach (var (lines, mine, theirs) in new[] { (office, homeParticipation, otherParticipation), (otherOffice, otherParticipation, homeParticipation) })
        {
            Assert.Contains(lines, l => l.Action == "Create" && l.EntityType == "Participation" && l.EntityId == Id(mine.Id));
            Assert.Contains(lines, l => l.Action == "IdentityRead" && l.EntityId == Id(mine.Id));
            Assert.Contains(lines, l => l.Action == "IdentitySearch" && l.EntityId == Id(mine.ParticipantId));
            Assert.Contains(lines, l => l.Action == "SignIn" && l.Role == "Coach");
            Assert.DoesNotContain(lines, l => l.EntityType == "Participation" && l.EntityId == Id(theirs.Id));
            // The administrator's one line in an association's log is its setup: the association created.
            Assert.DoesNotContain(lines, l => l.Role == "SystemAdmin" && !(l.Action == "Create" && l.EntityType == "Association"));
            Assert.Contains(lines, l => l.Role == "SystemAdmin" && l.Action == "Create" && l.EntityType == "Association");
        }

        Assert.Contains(admin, l => l.Action == "IdentityRead" && l.EntityId == Id(homeParticipation.Id) && l.ProviderId == homeIntervention.ProviderId);
        Assert.Contains(admin, l => l.Action == "IdentityRead" && l.EntityId == Id(otherParticipation.Id) && l.ProviderId == otherIntervention.ProviderId);
        Assert.Contains(admin, l => l.Action == "SignIn" && l.Role == "SystemAdmin" && l.AssociationId == null);
        Assert.Equal(admin.Count, (await Admin.AuditAsync()).TotalCount);
        Assert.True(admin.Count > office.Count + otherOffice.Count);
    }

    [Fact]
    public async Task ListAudit_OfficeCannotWidenItsViewWithFilters()
    {
        var home = await Data.AssociationAsync();
        var other = await Data.AssociationAsync();
        await ActivityAsync(home.Id, TestPersonnummer.Woman(1));
        var (_, theirs) = await ActivityAsync(other.Id, TestPersonnummer.Man(1));

        var filtered = await Office.AuditAsync($"?entityType=Participation&entityId={theirs.Id}");

        Assert.Empty(filtered.Items);
        Assert.Single((await Users.OfficeOf(other.Id).AuditAsync($"?action=IdentityRead&entityId={theirs.Id}")).Items);
    }

    [Fact]
    public async Task ListAudit_CoachAndBoard403_NobodySignedIn401()
    {
        await Data.InterventionAsync(Mode.Identified);

        await (await Coach.GetAsync("/api/v1/audit")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await Board.GetAsync("/api/v1/audit")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await Users.Anonymous.GetAsync("/api/v1/audit")).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignIn_SuccessAndFailure_AreAudited_UnknownUserAsOkandAnvandare()
    {
        var association = await Data.AssociationAsync();
        var email = await Factory.CreateUserAsync(UserRole.BoardMember, association.Id, null);
        using var http = Factory.CreateClient();

        await (await http.SignInAsync(email, ApiFactory.Password)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await http.SignInAsync(email, "Fel-losenord-2026")).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
        await (await http.SignInAsync("ingen-alls@test.example", "Fel-losenord-2026")).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);

        var signIns = (await Admin.AuditAsync("?action=SignIn")).Items.Where(l => l.UserName == email).ToList();
        var line = Assert.Single(signIns);
        Assert.Equal(("BoardMember", association.Id, "User"), (line.Role, line.AssociationId, line.EntityType));
        Assert.NotNull(line.UserId);
        var failed = (await Admin.AuditAsync("?action=SignInFailed")).Items;
        Assert.Equal(2, failed.Count);
        Assert.Contains(failed, l => l.UserName == email && l.UserId == line.UserId && l.EntityId == line.UserId);
        var unknown = Assert.Single(failed, l => l.UserId is null);
        Assert.Equal(("(okänd användare)", null, null, null), (unknown.UserName, unknown.EntityId, unknown.Role, unknown.AssociationId));
        Assert.DoesNotContain(await Factory.ReadRawTableAsync("AuditLog"),
            r => r.Values.Any(v => v is string s && s.Contains("ingen-alls", StringComparison.Ordinal)));
        Assert.Single((await Office.AuditAsync("?action=SignIn")).Items, l => l.UserName == email);
    }

    [Fact]
    public async Task SignIn_WithAPersonnummerAsEmailOrPassword_StoresItNowhereInTheAuditLog()
    {
        await Data.AssociationAsync();
        var pnr = TestPersonnummer.Woman(2);
        var email = await Factory.CreateUserAsync(UserRole.SystemAdmin, null, null);
        using var http = Factory.CreateClient();

        foreach (var typed in PersonnummerForms.All(pnr))
        {
            var problem = await (await http.SignInAsync(typed, pnr)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
            Assert.DoesNotContain(typed, problem.Detail ?? string.Empty, StringComparison.Ordinal);
        }

        await (await http.SignInAsync(email, pnr)).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);

        var failed = (await Admin.AuditAsync("?action=SignInFailed")).Items;
        Assert.Equal(6, failed.Count);
        Assert.Equal(5, failed.Count(l => l.UserName == "(okänd användare)" && l.UserId is null));
        var rows = await Factory.ReadRawTableAsync("AuditLog");
        Assert.Empty(PersonnummerForms.FoundInRows("AuditLog", rows, [pnr]));
    }
}
