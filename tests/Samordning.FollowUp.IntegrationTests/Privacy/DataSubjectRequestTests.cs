using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Privacy;

/// <summary>
/// The data subject's rights at the owning provider: the register extract (POST /data-subject/export)
/// and erasure on request (POST /data-subject/erase). Both audited, both only for the coach.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Privacy")]
public sealed class DataSubjectRequestTests(ApiFactory factory) : ApiTest(factory)
{
    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Export_CoachGetsEverythingOnThePerson_ParticipationsFollowUpAndWhoReadTheIdentity()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id, "Utföraren Alfa");
        var training = await Data.InterventionAsync(association.Id, provider.Id, Mode.Identified, start: new DateOnly(2025, 1, 1));
        var second = await Data.InterventionAsync(association.Id, provider.Id, Mode.Identified, start: new DateOnly(2025, 1, 1));
        var pnr = TestPersonnummer.Woman(0);
        var ended = await Data.IdentifiedExitAsync(training.Id, pnr, new DateOnly(2025, 1, 13), new DateOnly(2025, 11, 3));
        var ongoing = await Data.ParticipationAsync(second.Id, TestData.Identified(pnr, new DateOnly(2026, 2, 2)));
        await Data.ParticipationAsync(training.Id, TestData.Identified(TestPersonnummer.Woman(1)));
        await Factory.SendAsync(new RunFollowUpSchedulerCommand(), Ct);
        var followUp = (await Data.FollowUpOfAsync(ended.Id))!;
        await Data.RecordFollowUpAsync(followUp.Id, TestData.FollowUpResult("Reached", new DateOnly(2026, 11, 16), "Employed"));
        await Coach.IdentityAsync(ended.Id);
        var coach = await Coach.MeAsync();

        var response = await Coach.ExportAsync(PersonnummerForms.TenDigits(pnr));

        var export = await response.ShouldBeAsync<DataSubjectExportDto>(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TestPersonnummer.WithDash(pnr), export.PersonalIdentityNumber);
        Assert.Equal(("Utföraren Alfa", "Woman", int.Parse(pnr[..4], CultureInfo.InvariantCulture)), (export.Provider, export.Gender, export.BirthYear));
        Assert.Equal([ended.Id, ongoing.Id], export.Participations.Select(p => p.Participation.Id));
        Assert.All(export.Participations, p => Assert.Equal(training.Name, p.Intervention));
        var exported = export.Participations[0];
        Assert.Equal(new DateOnly(2025, 11, 3), exported.Participation.Exit!.EndDate);
        Assert.Equal("Handläggare Åsa Öberg", exported.Participation.Consent!.CollectedBy);
        Assert.Equal((new DateOnly(2026, 11, 3), "Completed", "Reached", "Employed"),
            (exported.FollowUp!.DueDate, exported.FollowUp.Status, exported.FollowUp.Outcome, exported.FollowUp.Occupation));
        Assert.Null(export.Participations[1].FollowUp);
        var access = Assert.Single(export.IdentityAccess);
        Assert.Equal((coach.Email, "IdentityRead"), (access.UserName, access.Action));

        var line = Assert.Single((await Office.AuditAsync("?action=Export")).Items);
        Assert.Equal(("Participant", Id(ended.ParticipantId), coach.Id, "Registerutdrag"), (line.EntityType, line.EntityId, line.UserId, line.Detail));
        Assert.Empty(PersonnummerForms.FoundIn(line.Detail!, [pnr]));
    }

    [Fact]
    public async Task Export_APersonOnlyReferred_TheReferralAndItsDecisionAreInTheExtract()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified, start: new DateOnly(2025, 1, 1));
        var pnr = TestPersonnummer.Woman(7);
        var referral = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(pnr, new DateOnly(2026, 9, 1)));
        var coach = await Data.CoachOfAsync(intervention.Id);
        await (await coach.PostAsync($"/api/v1/referrals/{referral.Id}/decline", new System.Text.Json.Nodes.JsonObject { ["date"] = "2026-09-15", ["reason"] = "NoPlace" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        var export = await (await coach.ExportAsync(pnr)).ShouldBeAsync<DataSubjectExportDto>(HttpStatusCode.OK);

        Assert.Empty(export.Participations);
        var exported = Assert.Single(export.Referrals);
        Assert.Equal((intervention.Name, new DateOnly(2026, 9, 1), "SocialInsuranceAgency", "Uppdragsteam Sjuhärad", "Declined", new DateOnly(2026, 9, 15), "NoPlace"),
            (exported.Intervention, exported.ReceivedOn, exported.ReferredBy, exported.ReferringTeam, exported.State, exported.DeclinedOn, exported.DeclineReason));
        Assert.Null(exported.ParticipationId);

        // The search by personnummer finds the person by the referral alone.
        var search = await (await coach.SearchAsync(pnr)).ShouldBeAsync<FindParticipantDto>(HttpStatusCode.OK);
        Assert.True(search.Found);
        Assert.Empty(search.Participations);
        Assert.Equal((referral.Id, intervention.Id, "Declined"), (search.Referrals.Single().Id, search.Referrals.Single().InterventionId, search.Referrals.Single().State));
    }

    [Fact]
    public async Task Export_UnknownNumber_404_AndTheAttemptIsAudited()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Man(0)));

        var response = await Coach.ExportAsync(TestPersonnummer.Man(1));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var line = Assert.Single((await Office.AuditAsync("?action=Export")).Items);
        Assert.Equal(("Participant", null, "Registerutdrag: ingen träff"), (line.EntityType, line.EntityId, line.Detail));
    }

    [Fact]
    public async Task Export_CoachOfAnotherProvider_404_ExactlyAsForAnUnknownNumber_OfficeAndBoard403()
    {
        var association = await Data.AssociationAsync();
        var home = await Data.ProviderAsync(association.Id);
        var other = await Data.ProviderAsync(association.Id);
        var intervention = await Data.InterventionAsync(association.Id, home.Id, Mode.Identified);
        var pnr = TestPersonnummer.Woman(2);
        await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr));
        var outsider = Users.CoachOf(other.Id);

        var registeredElsewhere = await (await outsider.ExportAsync(pnr)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var nobody = await (await outsider.ExportAsync(TestPersonnummer.Woman(3))).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal((nobody.Title, nobody.Detail), (registeredElsewhere.Title, registeredElsewhere.Detail));
        await (await Office.ExportAsync(pnr)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await Board.ExportAsync(pnr)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("wrong check digit")]
    [InlineData("")]
    [InlineData(null)]
    public async Task ExportAndErase_InvalidOrMissingNumber_400NamingPersonalIdentityNumber(string? number)
    {
        await Data.InterventionAsync(Mode.Identified);
        if (number == "wrong check digit")
        {
            number = TestPersonnummer.WithWrongCheckDigit(TestPersonnummer.Man(2));
        }

        var export = await Coach.PostAsync("/api/v1/data-subject/export", new JsonObject { ["personalIdentityNumber"] = number });
        var erase = await Coach.PostAsync("/api/v1/data-subject/erase", new JsonObject { ["personalIdentityNumber"] = number });

        await export.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "personalIdentityNumber");
        await erase.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "personalIdentityNumber");
    }

    [Fact]
    public async Task Erase_OnRequest_TheIdentityGoes_TheParticipationsStay_ASecondRequest404()
    {
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id);
        var first = await Data.InterventionAsync(association.Id, provider.Id, Mode.Identified);
        var second = await Data.InterventionAsync(association.Id, provider.Id, Mode.Identified);
        var pnr = TestPersonnummer.Man(3);
        var a = await Data.IdentifiedExitAsync(first.Id, pnr, TestDates.Start, new DateOnly(2026, 6, 15));
        var b = await Data.ParticipationAsync(second.Id, TestData.Identified(pnr));
        var bystander = await Data.ParticipationAsync(first.Id, TestData.Identified(TestPersonnummer.Woman(4)));

        var response = await Coach.EraseAsync(TestPersonnummer.WithDash(pnr));

        var erased = await response.ShouldBeAsync<EraseDataSubjectDto>(HttpStatusCode.OK);
        Assert.Equal(2, erased.ParticipationsKeptAnonymous);
        foreach (var id in new[] { a.Id, b.Id })
        {
            await (await Coach.GetAsync($"/api/v1/participations/{id}/identity")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            var kept = await (await Coach.GetAsync($"/api/v1/participations/{id}")).ShouldBeAsync<ParticipationDto>(HttpStatusCode.OK);
            Assert.Equal(("Man", (string?)null), (kept.Gender, kept.PersonalIdentityNumber));
        }

        Assert.Equal(2, (await Data.ParticipationsAsync(first.Id)).TotalCount);
        Assert.Equal(1, (await Data.ParticipationsAsync(second.Id)).TotalCount);
        Assert.NotNull(await Data.FollowUpOfAsync(a.Id));
        Assert.Equal(TestPersonnummer.WithDash(TestPersonnummer.Woman(4)), (await Coach.IdentityAsync(bystander.Id)).PersonalIdentityNumber);
        var row = (await Factory.ReadRawTableAsync("Participants")).Single(r => Convert.ToInt64(r["Id"], CultureInfo.InvariantCulture) == a.ParticipantId);
        Assert.Null(row["IdentityCipher"]);
        Assert.Null(row["IdentityHash"]);
        Assert.Equal("Request", row["IdentityErasure"]);

        var coach = await Coach.MeAsync();
        var line = Assert.Single((await Office.AuditAsync("?action=Erased")).Items);
        Assert.Equal(("Participant", Id(a.ParticipantId), coach.Id, "På begäran av den registrerade"),
            (line.EntityType, line.EntityId, line.UserId, line.Detail));

        await (await Coach.EraseAsync(pnr)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Coach.ExportAsync(pnr)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.False((await (await Coach.SearchAsync(pnr)).ShouldBeAsync<FindParticipantDto>(HttpStatusCode.OK)).Found);
        Assert.Single((await Office.AuditAsync("?action=Erased")).Items);
    }

    [Fact]
    public async Task Erase_CoachOfAnotherProvider_404_AndTheIdentityIsKept()
    {
        var association = await Data.AssociationAsync();
        var home = await Data.ProviderAsync(association.Id);
        var other = await Data.ProviderAsync(association.Id);
        var intervention = await Data.InterventionAsync(association.Id, home.Id, Mode.Identified);
        var pnr = TestPersonnummer.Woman(5);
        var participation = await Data.ParticipationAsync(intervention.Id, TestData.Identified(pnr));

        await (await Users.CoachOf(other.Id).EraseAsync(pnr)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Office.EraseAsync(pnr)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(TestPersonnummer.WithDash(pnr), (await Coach.IdentityAsync(participation.Id)).PersonalIdentityNumber);
        Assert.Empty((await Admin.AuditAsync("?action=Erased")).Items);
    }
}
