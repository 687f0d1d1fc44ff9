using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.Features.Privacy;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Privacy;

/// <summary>
/// The nightly retention job (EraseExpiredIdentitiesCommand): an identity goes once every
/// participation of the person at the provider is over and needs it no longer.
/// The clock stands at 2026-11-23; a follow-up's window closes three months after it is due.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Privacy")]
public sealed class RetentionJobTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly DateOnly InterventionStart = new(2025, 1, 1);

    private async Task<EraseExpiredIdentitiesResult> RunNightAsync()
    {
        await Factory.SendAsync(new RunFollowUpSchedulerCommand(), Ct);
        return await Factory.SendAsync(new EraseExpiredIdentitiesCommand(), Ct);
    }

    private async Task<bool> HasIdentityAsync(long participantId) =>
        (await Factory.ReadRawTableAsync("Participants"))
            .Single(r => Convert.ToInt64(r["Id"], CultureInfo.InvariantCulture) == participantId)["IdentityCipher"] is not null;

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task RetentionJob_ErasesCompletedAndExpired_KeepsOpenAndDue_AndASecondRunErasesNothing()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified, start: InterventionStart);
        var id = intervention.Id;
        // Due 2026-10-01, overdue now; the coach records it: Completed.
        var completed = await Data.IdentifiedExitAsync(id, TestPersonnummer.Woman(0), new DateOnly(2025, 1, 13), new DateOnly(2025, 10, 1));
        // Due 2026-06-02, its window closed 2026-09-02: Expired.
        var expired = await Data.IdentifiedExitAsync(id, TestPersonnummer.Man(0), new DateOnly(2025, 1, 13), new DateOnly(2025, 6, 2));
        // Due 2026-12-10, within the reminder days: Due.
        var due = await Data.IdentifiedExitAsync(id, TestPersonnummer.Woman(1), new DateOnly(2025, 1, 13), new DateOnly(2025, 12, 10));
        // Due 2027-05-04: Upcoming.
        var upcoming = await Data.IdentifiedExitAsync(id, TestPersonnummer.Man(1), new DateOnly(2025, 1, 13), new DateOnly(2026, 5, 4));
        var open = await Data.ParticipationAsync(id, TestData.Identified(TestPersonnummer.Woman(2), new DateOnly(2025, 2, 3)));
        // One participation over (expired), another still open: the identity is still needed.
        var alsoOpen = await Data.IdentifiedExitAsync(id, TestPersonnummer.Man(2), new DateOnly(2025, 1, 13), new DateOnly(2025, 6, 2));
        var reopened = await Data.ParticipationAsync(id, TestData.Identified(TestPersonnummer.Man(2), new DateOnly(2025, 9, 1)));
        Assert.Equal(alsoOpen.ParticipantId, reopened.ParticipantId);
        await Factory.SendAsync(new RunFollowUpSchedulerCommand(), Ct);
        var completedFollowUp = (await Data.FollowUpOfAsync(completed.Id))!;
        await Data.RecordFollowUpAsync(completedFollowUp.Id, TestData.FollowUpResult("Unreachable", new DateOnly(2026, 11, 2)));
        Assert.Equal("Expired", (await Data.FollowUpOfAsync(expired.Id))!.Status);
        Assert.Equal("Due", (await Data.FollowUpOfAsync(due.Id))!.Status);
        Assert.Equal("Upcoming", (await Data.FollowUpOfAsync(upcoming.Id))!.Status);

        var result = await RunNightAsync();

        Assert.Equal(2, result.Erased);
        Assert.False(await HasIdentityAsync(completed.ParticipantId));
        Assert.False(await HasIdentityAsync(expired.ParticipantId));
        foreach (var kept in new[] { due, upcoming, open, alsoOpen })
        {
            Assert.True(await HasIdentityAsync(kept.ParticipantId), $"Participation {kept.Id} lost its identity");
        }

        await (await Coach.GetAsync($"/api/v1/participations/{completed.Id}/identity")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(TestPersonnummer.WithDash(TestPersonnummer.Woman(1)), (await Coach.IdentityAsync(due.Id)).PersonalIdentityNumber);
        Assert.Equal(7, (await Data.ParticipationsAsync(id)).TotalCount);
        Assert.Equal("Completed", (await Data.FollowUpOfAsync(completed.Id))!.Status);
        var row = (await Factory.ReadRawTableAsync("Participants")).Single(r => Convert.ToInt64(r["Id"], CultureInfo.InvariantCulture) == expired.ParticipantId);
        Assert.Equal("Retention", row["IdentityErasure"]);
        Assert.Null(row["IdentityHash"]);

        var lines = (await Admin.AuditAsync("?action=Erased")).Items;
        Assert.Equal(
            new[] { Id(completed.ParticipantId), Id(expired.ParticipantId) }.Order(StringComparer.Ordinal),
            lines.Select(l => l.EntityId!).Order(StringComparer.Ordinal));
        Assert.All(lines, l => Assert.Equal(("system", null, null, "Participant", "Lagringstiden löpte ut"), (l.UserName, l.UserId, l.Role, l.EntityType, l.Detail)));
        Assert.All(lines, l => Assert.Equal((intervention.AssociationId, intervention.ProviderId), (l.AssociationId, l.ProviderId)));
        Assert.Equal(2, (await Office.AuditAsync("?action=Erased")).TotalCount);

        var again = await RunNightAsync();

        Assert.Equal(0, again.Erased);
        Assert.Equal(2, (await Admin.AuditAsync("?action=Erased")).TotalCount);
    }

    [Theory]
    [InlineData("Deceased")]
    [InlineData("RegisteredInError")]
    public async Task RetentionJob_ExitWithoutFollowUp_IsErasedFifteenMonthsAfterTheExit(string exitReason)
    {
        var intervention = await Data.InterventionAsync(Mode.Identified, start: InterventionStart);
        var exit = new DateOnly(2025, 9, 15);
        var gone = await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Woman(3), new DateOnly(2025, 2, 3), exit, exitReason, occupation: null);
        Assert.Null(await Data.FollowUpOfAsync(gone.Id));

        Assert.Equal(0, (await RunNightAsync()).Erased);
        Factory.Clock.AdjustTime(new DateTimeOffset(2026, 12, 14, 10, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, (await RunNightAsync()).Erased);
        Assert.True(await HasIdentityAsync(gone.ParticipantId));

        Factory.Clock.AdjustTime(new DateTimeOffset(2026, 12, 15, 10, 0, 0, TimeSpan.Zero));
        var result = await RunNightAsync();

        Assert.Equal(1, result.Erased);
        Assert.False(await HasIdentityAsync(gone.ParticipantId));
        var line = Assert.Single((await Admin.AuditAsync("?action=Erased")).Items);
        Assert.Equal(("system", Id(gone.ParticipantId)), (line.UserName, line.EntityId));
        Assert.Equal(0, (await RunNightAsync()).Erased);
    }

    [Fact]
    public async Task RetentionJob_CancelledFollowUp_CountsAsNoFollowUp()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified, start: InterventionStart);
        var exit = new DateOnly(2025, 6, 2);
        var participation = await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Man(3), new DateOnly(2025, 2, 3), exit);
        await Data.CorrectExitAsync(participation.Id, TestData.Exit(exit, "Deceased", occupation: null));
        Assert.Equal("Cancelled", (await Data.FollowUpOfAsync(participation.Id))!.Status);

        // 2026-11-23 is more than 15 months after 2025-06-02.
        var result = await RunNightAsync();

        Assert.Equal(1, result.Erased);
        Assert.False(await HasIdentityAsync(participation.ParticipantId));
    }

    [Fact]
    public async Task RetentionJob_LeavesAnonymousParticipantsAndOtherAssociationsAlone()
    {
        var anonymous = await Data.InterventionAsync(Mode.AnonymousIndividual, start: InterventionStart);
        await Data.AnonymousExitAsync(anonymous.Id, "Woman", new DateOnly(2025, 1, 13), new DateOnly(2025, 2, 3));
        var identified = await Data.InterventionAsync(Mode.Identified, start: InterventionStart);
        var open = await Data.ParticipationAsync(identified.Id, TestData.Identified(TestPersonnummer.Woman(4), new DateOnly(2025, 1, 13)));

        var result = await RunNightAsync();

        Assert.Equal(0, result.Erased);
        Assert.True(await HasIdentityAsync(open.ParticipantId));
        Assert.Empty((await Admin.AuditAsync("?action=Erased")).Items);
    }
    /// <summary>
    /// People who were only referred and never started: the identity goes once their referrals
    /// were declined or withdrawn longer ago than the retention time (15 months: before
    /// 2025-08-23), and stays while one waits or was closed recently.
    /// </summary>
    [Fact]
    public async Task RetentionJob_ErasesPeopleOnlyReferred_OnceTheirReferralsClosedLongAgo()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified, start: InterventionStart);
        var coach = await Data.CoachOfAsync(intervention.Id);
        var received = new DateOnly(2025, 3, 3);
        var declinedLongAgo = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(TestPersonnummer.Woman(5), received));
        await (await coach.PostAsync($"/api/v1/referrals/{declinedLongAgo.Id}/decline", new JsonObject { ["date"] = "2025-04-01", ["reason"] = "NoPlace" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        var withdrawnLongAgo = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(TestPersonnummer.Man(5), received));
        await (await coach.PostAsync($"/api/v1/referrals/{withdrawnLongAgo.Id}/withdraw", new JsonObject { ["date"] = "2025-05-02" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        var declinedRecently = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(TestPersonnummer.Woman(6), received));
        await (await coach.PostAsync($"/api/v1/referrals/{declinedRecently.Id}/decline", new JsonObject { ["date"] = "2026-10-05", ["reason"] = "DeclinedByPerson" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);
        var waiting = await Data.ReferralAsync(intervention.Id, TestData.IdentifiedReferral(TestPersonnummer.Man(6), received));

        var result = await RunNightAsync();

        var people = (await Factory.ReadRawTableAsync("Referrals")).ToDictionary(
            r => Convert.ToInt64(r["Id"], CultureInfo.InvariantCulture), r => Convert.ToInt64(r["ParticipantId"], CultureInfo.InvariantCulture));
        Assert.Equal(2, result.Erased);
        Assert.False(await HasIdentityAsync(people[declinedLongAgo.Id]));
        Assert.False(await HasIdentityAsync(people[withdrawnLongAgo.Id]));
        Assert.True(await HasIdentityAsync(people[declinedRecently.Id]));
        Assert.True(await HasIdentityAsync(people[waiting.Id]));
        Assert.Equal(
            new[] { Id(people[declinedLongAgo.Id]), Id(people[withdrawnLongAgo.Id]) }.Order(StringComparer.Ordinal),
            (await Admin.AuditAsync("?action=Erased")).Items.Select(l => l.EntityId!).Order(StringComparer.Ordinal));
        Assert.Equal(0, (await RunNightAsync()).Erased);
    }
}
