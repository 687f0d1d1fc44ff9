using System.Globalization;
using System.Net;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Privacy;

/// <summary>
/// POST /participations/search: a coach asks whether a personnummer is registered at its own
/// provider. Nothing about other providers can be inferred, and every search is audited.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Privacy")]
public sealed class ParticipantSearchTests(ApiFactory factory) : ApiTest(factory)
{
    public static TheoryData<string> AcceptedForms => ["twelve digits", "with dash", "ten digits", "ten digits with dash", "spaces around"];

    private static string Written(string pnr, string form) => form switch
    {
        "twelve digits" => pnr,
        "with dash" => TestPersonnummer.WithDash(pnr),
        "ten digits" => PersonnummerForms.TenDigits(pnr),
        "ten digits with dash" => PersonnummerForms.TenDigitsWithDash(pnr),
        "spaces around" => $"  {pnr} ",
        _ => throw new ArgumentOutOfRangeException(nameof(form)),
    };

    [Theory]
    [MemberData(nameof(AcceptedForms))]
    public async Task Search_CoachFindsItsOwnParticipant_InAnyAcceptedForm(string form)
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman(2);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr));

        var response = await Coach.SearchAsync(Written(pnr, form));

        var found = await response.ShouldBeAsync<FindParticipantDto>(HttpStatusCode.OK);
        Assert.True(found.Found);
        var hit = Assert.Single(found.Participations);
        Assert.Equal(participation.Id, hit.Id);
        Assert.Equal(TestPersonnummer.Masked(pnr), hit.PersonalIdentityNumber);
        Assert.Empty(PersonnummerForms.FoundIn(await response.BodyAsync(), [pnr]));
    }

    [Fact]
    public async Task Search_FindsEveryParticipationOfThePerson_AtTheProvider()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        var first = await Data.InterventionAsync(association.Id, provider.Id, Mode.Identified);
        var second = await Data.InterventionAsync(association.Id, provider.Id, Mode.Identified);
        var pnr = TestPersonnummer.Man(2);
        var a = await Data.ParticipationAsync(first.Id, TestData.Identified(pnr));
        var b = await Data.ParticipationAsync(second.Id, TestData.Identified(pnr, TestDates.Start.AddDays(14)));

        var found = await (await Coach.SearchAsync(pnr)).ShouldBeAsync<FindParticipantDto>(HttpStatusCode.OK);

        Assert.Equal([a.Id, b.Id], found.Participations.Select(p => p.Id));
    }

    [Fact]
    public async Task Search_NumberRegisteredOnlyAtAnotherProvider_FoundFalse_ExactlyAsForANumberNobodyHas()
    {
        var association = await Data.AssociationAsync();
        var home = await Data.ProviderAsync(association.Id);
        var other = await Data.ProviderAsync(association.Id);
        var elsewhere = await Data.InterventionAsync(association.Id, other.Id, Mode.Identified);
        var registeredElsewhere = TestPersonnummer.Woman(3);
        await Data.ParticipationAsync(elsewhere.Id, TestData.Identified(registeredElsewhere));
        var coach = Users.CoachOf(home.Id);

        var otherProvidersPerson = await coach.SearchAsync(registeredElsewhere);
        var nobody = await coach.SearchAsync(TestPersonnummer.Woman(4));

        var found = await otherProvidersPerson.ShouldBeAsync<FindParticipantDto>(HttpStatusCode.OK);
        Assert.False(found.Found);
        Assert.Empty(found.Participations);
        await nobody.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Equal(await nobody.BodyAsync(), await otherProvidersPerson.BodyAsync());
        Assert.True((await (await Users.CoachOf(other.Id).SearchAsync(registeredElsewhere)).ShouldBeAsync<FindParticipantDto>(HttpStatusCode.OK)).Found);
    }

    [Fact]
    public async Task Search_IsAudited_WithAndWithoutAHit_WithoutTheNumber()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Man(3);
        var unknown = TestPersonnummer.Man(4);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr));

        await (await Coach.SearchAsync(unknown)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await Coach.SearchAsync(pnr)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var coach = await Coach.MeAsync();
        var lines = (await Office.AuditAsync("?action=IdentitySearch")).Items;
        Assert.Equal(2, lines.Count);
        var (hit, miss) = (lines[0], lines[1]);
        Assert.Equal(("Participant", participation.ParticipantId.ToString(CultureInfo.InvariantCulture), "1 deltaganden"), (hit.EntityType, hit.EntityId, hit.Detail));
        Assert.Equal(("Participant", null, "Ingen träff"), (miss.EntityType, miss.EntityId, miss.Detail));
        foreach (var line in lines)
        {
            Assert.Equal((coach.Id, "Coach", intervention.AssociationId, intervention.ProviderId), (line.UserId, line.Role, line.AssociationId, line.ProviderId));
            Assert.Equal("Sökte på personnummer", line.ActionLabel);
        }

        var raw = string.Join('\n', (await Factory.ReadRawTableAsync("AuditLog")).SelectMany(r => r.Values).Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
        Assert.Empty(PersonnummerForms.FoundIn(raw, [pnr, unknown]));
    }

    public static TheoryData<string> InvalidNumbers => new()
    {
        TestPersonnummer.WithWrongCheckDigit(TestPersonnummer.Woman(5)),
        "19990231-1234",
        "abc",
        "",
        "2099010112345",
    };

    [Theory]
    [MemberData(nameof(InvalidNumbers))]
    [InlineData(null)]
    public async Task Search_InvalidNumber_400NamingPersonalIdentityNumber_WithoutEchoingIt(string? number)
    {
        await Data.InterventionAsync(Mode.Identified);

        var response = await Coach.SearchAsync(number);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "personalIdentityNumber");
        if (!string.IsNullOrEmpty(number))
        {
            Assert.DoesNotContain(number, await response.BodyAsync(), StringComparison.Ordinal);
        }

        Assert.NotNull(problem.Errors);
        Assert.Empty((await Admin.AuditAsync("?action=IdentitySearch")).Items);
    }

    [Fact]
    public async Task Search_OfficeAndBoard_403()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman(6);
        await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr));

        await (await Office.SearchAsync(pnr)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await Board.SearchAsync(pnr)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await Admin.SearchAsync(pnr)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }
}
