using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;
using static Samordning.FollowUp.IntegrationTests.Infrastructure.TestDates;

namespace Samordning.FollowUp.IntegrationTests.Referrals;

/// <summary>Issue 19: a referral from received to started, declined or withdrawn, and its protection.</summary>
[Collection(ApiTestGroup.Name)]
public sealed class ReferralTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly DateOnly Received = new(2026, 10, 1);

    [Fact]
    public async Task Register_Identified_KeepsTheNumberMaskedAndEncryptedAndIsAudited()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman();

        var referral = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(pnr, Received));

        Assert.Equal("Received", referral.State);
        Assert.Equal(TestPersonnummer.Masked(pnr), referral.PersonalIdentityNumber);
        Assert.Equal("SocialInsuranceAgency", referral.ReferredBy);
        Assert.Equal("Uppdragsteam Sjuhärad", referral.ReferringTeam);
        Assert.Equal(Today.DayNumber - Received.DayNumber, referral.DaysWaiting);
        // The person is a participant of the provider: only the cipher and the HMAC are stored.
        var stored = await Factory.WithDbAsync(db => db.Participants.SingleAsync(Ct));
        Assert.NotNull(stored.IdentityCipher);
        Assert.DoesNotContain(pnr, System.Text.Encoding.UTF8.GetString(stored.IdentityCipher!));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Referral" && a.EntityId == referral.Id.ToString(), Ct)));
    }

    [Fact]
    public async Task Register_RetriedWithTheSameKey_ReturnsTheFirstReferral()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var body = TestData.IdentifiedReferral(TestPersonnummer.Woman(), Received);

        var first = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/referrals", body, "ref-1");
        var again = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/referrals", body, "ref-1");

        var a = await first.ShouldBeAsync<ReferralDto>(HttpStatusCode.Created);
        var b = await again.ShouldBeAsync<ReferralDto>(HttpStatusCode.Created);
        Assert.Equal(a.Id, b.Id);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Referrals.CountAsync(Ct)));
    }

    [Fact]
    public async Task Register_MissingFieldsAndWrongMode_Returns400WithSwedishReasons()
    {
        var identified = await Data.InterventionAsync(Mode.Identified);
        var noConsent = TestData.IdentifiedReferral(TestPersonnummer.Woman(), Received);
        noConsent.Remove("consent");
        var problem = await (await Coach.PostAsync($"/api/v1/interventions/{identified.Id}/referrals", noConsent))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "consent");
        Assert.Contains("samtycke", problem.Errors!["consent"][0], StringComparison.OrdinalIgnoreCase);

        var noDate = TestData.IdentifiedReferral(TestPersonnummer.Woman(), Received);
        noDate.Remove("receivedOn");
        await (await Coach.PostAsync($"/api/v1/interventions/{identified.Id}/referrals", noDate))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "receivedOn");

        var longTeam = TestData.IdentifiedReferral(TestPersonnummer.Woman(), Received);
        longTeam["referringTeam"] = new string('x', 201);
        await (await Coach.PostAsync($"/api/v1/interventions/{identified.Id}/referrals", longTeam))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "referringTeam");

        var anonymous = await Data.InterventionAsync(Data.HomeAssociationId, Data.HomeProviderId, Mode.AnonymousIndividual);
        await (await Coach.PostAsync($"/api/v1/interventions/{anonymous.Id}/referrals", TestData.IdentifiedReferral(TestPersonnummer.Woman(), Received)))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "personalIdentityNumber");
    }

    [Fact]
    public async Task Register_TheSamePersonWaitingTwice_Returns409_ButAfterADeclineTheyMayBeReferredAgain()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Man();
        var first = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(pnr, Received));

        var twice = await Coach.PostAsync($"/api/v1/interventions/{intervention.Id}/referrals", TestData.IdentifiedReferral(pnr, Received.AddDays(3)));
        var problem = await twice.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("väntar", problem.Detail, StringComparison.Ordinal);

        await (await Coach.PostAsync($"/api/v1/referrals/{first.Id}/decline", new JsonObject { ["date"] = "2026-10-05", ["reason"] = "NoPlace" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        var again = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(pnr, new DateOnly(2026, 11, 2), "PublicEmploymentService"));

        Assert.NotEqual(first.Id, again.Id);
        Assert.Equal(1, await ParticipantRowsAsync());
        var closed = await (await Coach.GetAsync($"/api/v1/interventions/{intervention.Id}/referrals?status=closed")).ShouldBeAsync<ReferralListDto>(HttpStatusCode.OK);
        Assert.Equal("NoPlace", Assert.Single(closed.Referrals.Items).DeclineReason);
    }

    [Fact]
    public async Task StateMachine_DecisionsOnAClosedReferral_Return409InSwedish_AndARetriedDecisionChangesNothing()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var referral = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(TestPersonnummer.Woman(), Received));
        var withdraw = new JsonObject { ["date"] = "2026-10-10" };

        var withdrawn = await (await Coach.PostAsync($"/api/v1/referrals/{referral.Id}/withdraw", withdraw)).ShouldBeAsync<ReferralDto>(HttpStatusCode.OK);
        var retried = await (await Coach.PostAsync($"/api/v1/referrals/{referral.Id}/withdraw", withdraw)).ShouldBeAsync<ReferralDto>(HttpStatusCode.OK);
        var accept = await Coach.PostAsync($"/api/v1/referrals/{referral.Id}/accept", new JsonObject { ["date"] = "2026-10-11", ["plannedStartDate"] = "2026-11-01" });
        var start = await Coach.PostAsync($"/api/v1/referrals/{referral.Id}/start", TestData.StartFromReferral(new DateOnly(2026, 11, 2)));

        Assert.Equal("Withdrawn", withdrawn.State);
        Assert.Equal(new DateOnly(2026, 10, 10), withdrawn.WithdrawnOn);
        Assert.Equal(withdrawn, retried);
        Assert.Equal("Anvisningen är återkallad och kan inte accepteras.", (await accept.ShouldBeProblemAsync(HttpStatusCode.Conflict, "state")).Detail);
        Assert.Equal("Anvisningen är återkallad och kan inte skrivas in.", (await start.ShouldBeProblemAsync(HttpStatusCode.Conflict, "state")).Detail);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Referral" && a.Action == Domain.AuditAction.ReferralWithdrawn, Ct)));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Participations.CountAsync(Ct)));
    }

    [Fact]
    public async Task Decisions_Validate_DateBeforeReceipt_NoReason_PlannedBeforeDecision()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var referral = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(TestPersonnummer.Woman(), Received));

        await (await Coach.PostAsync($"/api/v1/referrals/{referral.Id}/decline", new JsonObject { ["date"] = "2026-10-05" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await Coach.PostAsync($"/api/v1/referrals/{referral.Id}/accept", new JsonObject { ["date"] = "2026-10-05", ["plannedStartDate"] = "2026-10-04" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "plannedStartDate");
        var early = await (await Coach.PostAsync($"/api/v1/referrals/{referral.Id}/accept", new JsonObject { ["date"] = "2026-09-30", ["plannedStartDate"] = "2026-11-01" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "date");
        Assert.Contains("2026-10-01", early.Errors!["date"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_FromAnAcceptedReferral_PrefillsThePersonAndReferrer_ClosesTheReferralAndARetryReturnsTheSameParticipation()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman(3);
        var referral = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(pnr, Received, "Region"));
        var accepted = await (await Coach.PostAsync($"/api/v1/referrals/{referral.Id}/accept", new JsonObject { ["date"] = "2026-10-06", ["plannedStartDate"] = "2026-11-02" }))
            .ShouldBeAsync<ReferralDto>(HttpStatusCode.OK);

        var response = await Coach.PostAsync($"/api/v1/referrals/{referral.Id}/start", TestData.StartFromReferral(new DateOnly(2026, 11, 2)));
        var retry = await Coach.PostAsync($"/api/v1/referrals/{referral.Id}/start", TestData.StartFromReferral(new DateOnly(2026, 11, 2)));

        var participation = await response.ShouldBeAsync<ParticipationDto>(HttpStatusCode.Created);
        Assert.Equal("Accepted", accepted.State);
        Assert.Equal(TestPersonnummer.Masked(pnr), participation.PersonalIdentityNumber);
        Assert.Equal("Region", participation.ReferredBy);
        Assert.Equal(new DateOnly(2026, 10, 1), participation.Consent!.Date);
        Assert.Equal(participation.Id, (await retry.ShouldBeAsync<ParticipationDto>(HttpStatusCode.Created)).Id);
        var started = await (await Coach.GetAsync($"/api/v1/referrals/{referral.Id}")).ShouldBeAsync<ReferralDto>(HttpStatusCode.OK);
        Assert.Equal("Started", started.State);
        Assert.Equal(participation.Id, started.ParticipationId);
        Assert.Equal(new DateOnly(2026, 11, 2), started.StartDate);
        Assert.Equal(32, started.DaysWaiting); // 1 Oct → 2 Nov
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Participations.CountAsync(Ct)));
        Assert.Equal(1, await ParticipantRowsAsync());
    }

    [Fact]
    public async Task Start_WithSomeoneElsesNumber_Returns400_AndBeforeTheReceipt_Returns400()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var referral = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(TestPersonnummer.Woman(4), Received));
        var other = TestData.StartFromReferral(new DateOnly(2026, 11, 2));
        other["personalIdentityNumber"] = TestPersonnummer.Man(4);

        await (await Coach.PostAsync($"/api/v1/referrals/{referral.Id}/start", other)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "personalIdentityNumber");
        await (await Coach.PostAsync($"/api/v1/referrals/{referral.Id}/start", TestData.StartFromReferral(new DateOnly(2026, 9, 30))))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "startDate");
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Participations.CountAsync(Ct)));
    }

    [Fact]
    public async Task Start_Anonymous_TakesGenderAndBirthYearFromTheReferral_AndADirectIntakeStillWorks()
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual);
        var referral = await Data.ReferralAsync(intervention.Id, TestData.AnonymousReferral(Received, "Man", 1985));

        var participation = await (await Coach.PostAsync($"/api/v1/referrals/{referral.Id}/start", TestData.StartFromReferral(new DateOnly(2026, 10, 20))))
            .ShouldBeAsync<ParticipationDto>(HttpStatusCode.Created);
        var direct = await Data.ParticipationAsync(intervention.Id, TestData.Anonymous("Woman", 1999));

        Assert.Equal("Man", participation.Gender);
        Assert.Equal(1985, participation.BirthYear);
        Assert.Equal("Municipality", participation.ReferredBy);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Referrals.CountAsync(r => r.ParticipationId == direct.Id, Ct)));
    }

    [Fact]
    public async Task Intake_WithAReferralIdInTheBody_StartsIt()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Man(5);
        var referral = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(pnr, Received));
        var body = TestData.Identified(pnr, new DateOnly(2026, 10, 15));
        body["referralId"] = referral.Id;

        var participation = await Data.ParticipationAsync(intervention.Id, body);

        var started = await (await Coach.GetAsync($"/api/v1/referrals/{referral.Id}")).ShouldBeAsync<ReferralDto>(HttpStatusCode.OK);
        Assert.Equal(participation.Id, started.ParticipationId);
    }

    [Fact]
    public async Task Access_AnotherProvidersCoachGets404_TheOfficeAndBoard403OnReferralsButReadTheQueueCounts()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var referral = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(TestPersonnummer.Woman(6), Received));
        var otherProvider = await Data.ProviderAsync(Data.HomeAssociationId);
        var stranger = Users.CoachOf(otherProvider.Id);

        var get = await stranger.GetAsync($"/api/v1/referrals/{referral.Id}");
        var accept = await stranger.PostAsync($"/api/v1/referrals/{referral.Id}/accept", new JsonObject { ["date"] = "2026-10-05", ["plannedStartDate"] = "2026-11-01" });

        Assert.Equal("Anvisningen finns inte.", (await get.ShouldBeProblemAsync(HttpStatusCode.NotFound)).Detail);
        await accept.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await Office.GetAsync($"/api/v1/interventions/{intervention.Id}/referrals")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await Board.GetAsync($"/api/v1/referrals/{referral.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var queue = await (await Board.GetAsync($"/api/v1/interventions/{intervention.Id}/referral-queue")).ShouldBeAsync<ReferralQueueDto>(HttpStatusCode.OK);
        Assert.Equal(1, queue.Waiting);
        Assert.Equal("Received", (await (await Coach.GetAsync($"/api/v1/referrals/{referral.Id}")).ShouldBeAsync<ReferralDto>(HttpStatusCode.OK)).State);
    }

    [Fact]
    public async Task Queue_CountsTheWaiting_TheLongestWait_AndIsFullWhenEveryPlaceIsTaken()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        // Waiting: received 1 Oct (53 days by 23 Nov) and accepted 2 Nov; closed ones are not in the queue.
        var oldest = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(TestPersonnummer.Woman(10), new DateOnly(2026, 10, 1)));
        var accepted = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(TestPersonnummer.Woman(11), new DateOnly(2026, 11, 2)));
        await (await Coach.PostAsync($"/api/v1/referrals/{accepted.Id}/accept", new JsonObject { ["date"] = "2026-11-03", ["plannedStartDate"] = "2026-12-01" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        var declined = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(TestPersonnummer.Woman(12), new DateOnly(2026, 9, 1)));
        await (await Coach.PostAsync($"/api/v1/referrals/{declined.Id}/decline", new JsonObject { ["date"] = "2026-09-02", ["reason"] = "NotInTargetGroup" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Man(10)));

        var notSet = await (await Coach.GetAsync($"/api/v1/interventions/{intervention.Id}/referrals")).ShouldBeAsync<ReferralListDto>(HttpStatusCode.OK);
        await (await Coach.PutAsync($"/api/v1/interventions/{intervention.Id}/places", new JsonObject { ["places"] = 1 })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await Office.PutAsync($"/api/v1/interventions/{intervention.Id}/places", new JsonObject { ["places"] = 0 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "places");
        var full = await (await Office.PutAsync($"/api/v1/interventions/{intervention.Id}/places", new JsonObject { ["places"] = 1 })).ShouldBeAsync<ReferralQueueDto>(HttpStatusCode.OK);

        Assert.Equal([oldest.Id, accepted.Id], notSet.Referrals.Items.Select(r => r.Id));
        Assert.Equal([53, 21], notSet.Referrals.Items.Select(r => r.DaysWaiting!.Value));
        Assert.Equal((1, 1, 2, 53, 1), (notSet.Queue.Received, notSet.Queue.Accepted, notSet.Queue.Waiting, notSet.Queue.LongestWaitDays!.Value, notSet.Queue.Active));
        Assert.False(notSet.Queue.Full);
        Assert.True(full.Full);
        Assert.Equal(1, full.Places);

        // The change is in the intervention's history, in words; the same places again add nothing.
        await (await Office.PutAsync($"/api/v1/interventions/{intervention.Id}/places", new JsonObject { ["places"] = 1 })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await Office.PutAsync($"/api/v1/interventions/{intervention.Id}/places", new JsonObject { ["places"] = null })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var history = await (await Office.GetAsync($"/api/v1/interventions/{intervention.Id}/history")).ShouldBeAsync<List<InterventionChangeDto>>(HttpStatusCode.OK);
        Assert.Equal([("Platser", "inte angivet", "1 plats"), ("Platser", "1 plats", "inte angivet")],
            history.Where(h => h.Field == "Places").OrderBy(h => h.AtUtc).ThenBy(h => h.OldValue == "inte angivet" ? 0 : 1)
                .Select(h => (h.FieldLabel, h.OldValue, h.NewValue)));
    }

    [Fact]
    public async Task LongWaiting_ListsOnlyReferralsWaitingLongerThan14Days()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var old = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(TestPersonnummer.Woman(20), Today.AddDays(-15)));
        await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(TestPersonnummer.Woman(21), Today.AddDays(-14)));

        var list = await (await Coach.GetAsync("/api/v1/referrals/waiting-long")).ShouldBeAsync<LongWaitingReferralsDto>(HttpStatusCode.OK);

        Assert.Equal(14, list.LongWaitDays);
        var only = Assert.Single(list.Referrals);
        Assert.Equal(old.Id, only.Referral.Id);
        Assert.Equal(15, only.Referral.DaysWaiting);
        Assert.Equal(intervention.Name, only.InterventionName);
    }

    [Fact]
    public async Task Erasure_OfThePersonErasesTheIdentityFromTheReferralToo_AndTheLinkSurvives()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Woman(30);
        var referral = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(pnr, Received));
        var participation = await (await Coach.PostAsync($"/api/v1/referrals/{referral.Id}/start", TestData.StartFromReferral(new DateOnly(2026, 10, 12))))
            .ShouldBeAsync<ParticipationDto>(HttpStatusCode.Created);

        await (await Coach.PostAsync("/api/v1/data-subject/erase", new JsonObject { ["personalIdentityNumber"] = pnr })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var read = await (await Coach.GetAsync($"/api/v1/referrals/{referral.Id}")).ShouldBeAsync<ReferralDto>(HttpStatusCode.OK);
        Assert.Null(read.PersonalIdentityNumber);
        Assert.True(read.IdentityErased);
        Assert.Equal(participation.Id, read.ParticipationId);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Participants.CountAsync(p => p.IdentityCipher == null && p.IdentityHash == null, Ct)));
    }

    [Fact]
    public async Task Erasure_OfAPersonOnlyReferred_ErasesTheWaitingReferralsIdentity()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var pnr = TestPersonnummer.Man(31);
        var referral = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(pnr, Received));

        await (await Coach.PostAsync("/api/v1/data-subject/erase", new JsonObject { ["personalIdentityNumber"] = pnr })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var read = await (await Coach.GetAsync($"/api/v1/referrals/{referral.Id}")).ShouldBeAsync<ReferralDto>(HttpStatusCode.OK);
        Assert.Null(read.PersonalIdentityNumber);
        Assert.Equal("Received", read.State);
    }

    [Fact]
    public async Task Correction_OfTheStartedParticipationsNumber_MovesTheReferralToThePersonAndKeepsTheLink()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified);
        var mistyped = TestPersonnummer.Woman(40);
        var right = TestPersonnummer.Woman(41);
        var referral = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(mistyped, Received));
        var participation = await (await Coach.PostAsync($"/api/v1/referrals/{referral.Id}/start", TestData.StartFromReferral(new DateOnly(2026, 10, 12))))
            .ShouldBeAsync<ParticipationDto>(HttpStatusCode.Created);

        await (await Coach.PutAsync($"/api/v1/participations/{participation.Id}", TestData.Identified(right, new DateOnly(2026, 10, 12))))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        var read = await (await Coach.GetAsync($"/api/v1/referrals/{referral.Id}")).ShouldBeAsync<ReferralDto>(HttpStatusCode.OK);
        Assert.Equal(TestPersonnummer.Masked(right), read.PersonalIdentityNumber);
        Assert.Equal(participation.Id, read.ParticipationId);
        Assert.Equal(1, await ParticipantRowsAsync());
    }
}
