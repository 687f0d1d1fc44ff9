using System.Net;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.FollowUps;

/// <summary>The 12-month follow-up: created by an exit, moved and cancelled with it, recorded by a coach.</summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "FollowUps")]
public sealed class FollowUpTests(ApiFactory factory) : ApiTest(factory)
{
    // Default intervention 2026-01-01 – 2027-12-31; the clock stands at 2026-11-23.
    private static readonly DateOnly StartDate = new(2026, 3, 2);
    private static readonly DateOnly EndDate = new(2026, 6, 15);
    private static readonly DateOnly DueDate = new(2027, 6, 15);

    /// <summary>An identified participant who left on 2026-06-15: due 2027-06-15, window 2027-05-15 – 2027-09-15.</summary>
    private async Task<(ParticipationDto Participation, FollowUpDto FollowUp)> ExitedAsync(long? interventionId = null, int person = 0)
    {
        interventionId ??= (await Data.InterventionAsync()).Id;
        var participation = await Data.IdentifiedExitAsync(interventionId.Value, TestPersonnummer.Woman(person), StartDate, EndDate);
        var followUp = await Data.FollowUpOfAsync(participation.Id);
        Assert.NotNull(followUp);
        return (participation, followUp);
    }

    private Task<FollowUpSchedulerResult> RunSchedulerAsync() => Factory.SendAsync(new RunFollowUpSchedulerCommand(), Ct);

    private async Task<string> StatusAfterSchedulerAtAsync(DateTimeOffset utc, long participationId)
    {
        Factory.Clock.AdjustTime(utc);
        await RunSchedulerAsync();
        return (await Data.FollowUpOfAsync(participationId))!.Status;
    }

    private Task<int> FollowUpRowsAsync() => Factory.WithDbAsync(db => db.TwelveMonthFollowUps.CountAsync(Ct));

    [Fact]
    public async Task Exit_CreatesOneFollowUp_DueTwelveMonthsAfterTheEndDate()
    {
        var (participation, followUp) = await ExitedAsync();

        Assert.Equal(participation.Id, followUp.ParticipationId);
        Assert.Equal($"D-{participation.Id}", followUp.Reference);
        Assert.Equal(EndDate, followUp.ExitDate);
        Assert.Equal(DueDate, followUp.DueDate);
        Assert.Equal(new DateOnly(2027, 5, 15), followUp.WindowOpens);
        Assert.Equal(new DateOnly(2027, 9, 15), followUp.WindowCloses);
        Assert.Equal("Upcoming", followUp.Status);
        Assert.Null(followUp.Result);

        await RunSchedulerAsync();
        Assert.Equal(1, await FollowUpRowsAsync());
    }

    [Fact]
    public async Task Exit_On29February_IsDueOn28FebruaryNextYear()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified, start: new DateOnly(2024, 1, 1));
        var participation = await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Man(), new DateOnly(2024, 1, 8), new DateOnly(2024, 2, 29));

        var followUp = await Data.FollowUpOfAsync(participation.Id);

        Assert.Equal(new DateOnly(2025, 2, 28), followUp!.DueDate);
    }

    [Fact]
    public async Task CorrectedExitDate_MovesTheDueDate()
    {
        var (participation, followUp) = await ExitedAsync();

        await Data.CorrectExitAsync(participation.Id, TestData.Exit(new DateOnly(2026, 8, 31)));

        var moved = await Data.FollowUpOfAsync(participation.Id);
        Assert.Equal(followUp.Id, moved!.Id);
        Assert.Equal(new DateOnly(2027, 8, 31), moved.DueDate);
        Assert.Equal(new DateOnly(2026, 8, 31), moved.ExitDate);
        Assert.Equal(1, await FollowUpRowsAsync());
    }

    [Theory]
    [InlineData("Deceased")]
    [InlineData("RegisteredInError")]
    public async Task ExitChangedToAReasonNotFollowedUp_CancelsIt_AndBackToPlannedCompletionRevivesIt(string reason)
    {
        var (participation, followUp) = await ExitedAsync();

        await Data.CorrectExitAsync(participation.Id, TestData.Exit(EndDate, reason, occupation: null));

        var cancelled = await Data.FollowUpOfAsync(participation.Id);
        Assert.Equal((followUp.Id, "Cancelled"), (cancelled!.Id, cancelled.Status));
        Factory.Clock.AdjustTime(new DateTimeOffset(2027, 6, 1, 10, 0, 0, TimeSpan.Zero));
        var record = await Coach.PostAsync($"/api/v1/follow-ups/{followUp.Id}/result",
            TestData.FollowUpResult("Reached", new DateOnly(2027, 6, 1), "Employed"));
        await record.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await RunSchedulerAsync();
        Assert.Equal("Cancelled", (await Data.FollowUpOfAsync(participation.Id))!.Status);

        await Data.CorrectExitAsync(participation.Id, TestData.Exit(EndDate));

        var revived = await Data.FollowUpOfAsync(participation.Id);
        Assert.Equal((followUp.Id, "Due", DueDate), (revived!.Id, revived.Status, revived.DueDate));
        Assert.Equal(1, await FollowUpRowsAsync());
    }

    [Fact]
    public async Task ExitRecordedAsDeceased_HasNoFollowUp_UntilCorrectedToAReasonFollowedUp()
    {
        var intervention = await Data.InterventionAsync();
        var participation = await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Man(), StartDate, EndDate, "Deceased", occupation: null);
        Assert.Null(await Data.FollowUpOfAsync(participation.Id));

        await Data.CorrectExitAsync(participation.Id, TestData.Exit(EndDate, "Discontinued", "JobSeeking"));

        var created = await Data.FollowUpOfAsync(participation.Id);
        Assert.Equal((DueDate, "Upcoming"), (created!.DueDate, created.Status));
        await RunSchedulerAsync();
        Assert.Equal(1, await FollowUpRowsAsync());
    }

    [Fact]
    public async Task AnonymousExit_HasNoFollowUp()
    {
        var intervention = await Data.InterventionAsync(Mode.AnonymousIndividual);
        var participation = await Data.AnonymousExitAsync(intervention.Id, "Man", StartDate, EndDate);

        await RunSchedulerAsync();

        Assert.Null(await Data.FollowUpOfAsync(participation.Id));
        Assert.Equal(0, await FollowUpRowsAsync());
    }

    [Fact]
    public async Task Scheduler_MovesUpcomingDueOverdueExpired_OnTheRightSwedishDays()
    {
        var (participation, _) = await ExitedAsync();

        // Due 2027-06-15. Due from 30 days before (2027-05-16), overdue the day after, expired after
        // three months (2027-09-16). "Today" is the date in Sweden (CEST = UTC+2 in summer).
        Assert.Equal("Upcoming", await StatusAfterSchedulerAtAsync(new(2027, 5, 15, 10, 0, 0, TimeSpan.Zero), participation.Id));
        Assert.Equal("Upcoming", await StatusAfterSchedulerAtAsync(new(2027, 5, 15, 21, 59, 0, TimeSpan.Zero), participation.Id));
        Assert.Equal("Due", await StatusAfterSchedulerAtAsync(new(2027, 5, 15, 22, 0, 0, TimeSpan.Zero), participation.Id));
        Assert.Equal("Due", await StatusAfterSchedulerAtAsync(new(2027, 6, 15, 21, 59, 0, TimeSpan.Zero), participation.Id));
        Assert.Equal("Overdue", await StatusAfterSchedulerAtAsync(new(2027, 6, 15, 22, 0, 0, TimeSpan.Zero), participation.Id));
        Assert.Equal("Overdue", await StatusAfterSchedulerAtAsync(new(2027, 9, 15, 12, 0, 0, TimeSpan.Zero), participation.Id));
        Assert.Equal("Expired", await StatusAfterSchedulerAtAsync(new(2027, 9, 16, 12, 0, 0, TimeSpan.Zero), participation.Id));
    }

    [Fact]
    public async Task RecordResult_InsideTheWindow_Completes_AndStaysCompleted()
    {
        var (_, followUp) = await ExitedAsync();
        Factory.Clock.AdjustTime(new DateTimeOffset(2027, 6, 1, 10, 0, 0, TimeSpan.Zero));

        var recorded = await Data.RecordFollowUpAsync(followUp.Id, TestData.FollowUpResult("Reached", new DateOnly(2027, 5, 15), "Studies"));

        Assert.Equal("Completed", recorded.Status);
        Assert.NotNull(recorded.Result);
        Assert.Equal(("Reached", new DateOnly(2027, 5, 15), "Studies", 75), (recorded.Result.Outcome, recorded.Result.ContactedOn, recorded.Result.Occupation, recorded.Result.ExtentPercent));
        Assert.Equal(["Salary"], recorded.Result.IncomeSources);

        Assert.Equal("Completed", await StatusAfterSchedulerAtAsync(new(2028, 1, 10, 10, 0, 0, TimeSpan.Zero), recorded.ParticipationId));
    }

    [Theory]
    [InlineData("2027-05-14")] // the day before the window opens
    [InlineData("2027-09-16")] // the day after it closes
    public async Task RecordResult_OutsideTheWindow_Returns400ContactedOn(string contactedOn)
    {
        var (_, followUp) = await ExitedAsync();
        Factory.Clock.AdjustTime(new DateTimeOffset(2027, 9, 20, 10, 0, 0, TimeSpan.Zero));

        var response = await Coach.PostAsync($"/api/v1/follow-ups/{followUp.Id}/result",
            TestData.FollowUpResult("Unreachable", DateOnly.Parse(contactedOn, System.Globalization.CultureInfo.InvariantCulture)));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "contactedOn");
        Assert.Null((await Data.FollowUpOfAsync(followUp.ParticipationId))!.Result);
    }

    [Fact]
    public async Task RecordResult_OnTheLastDayOfTheWindow_Returns200()
    {
        var (_, followUp) = await ExitedAsync();
        Factory.Clock.AdjustTime(new DateTimeOffset(2027, 9, 20, 10, 0, 0, TimeSpan.Zero));

        var recorded = await Data.RecordFollowUpAsync(followUp.Id, TestData.FollowUpResult("Declined", new DateOnly(2027, 9, 15)));

        Assert.Equal(("Completed", "Declined"), (recorded.Status, recorded.Result!.Outcome));
    }

    [Fact]
    public async Task RecordResult_ContactedInTheFuture_Returns400ContactedOn()
    {
        var (_, followUp) = await ExitedAsync();
        Factory.Clock.AdjustTime(new DateTimeOffset(2027, 6, 1, 10, 0, 0, TimeSpan.Zero));

        var response = await Coach.PostAsync($"/api/v1/follow-ups/{followUp.Id}/result",
            TestData.FollowUpResult("Reached", new DateOnly(2027, 6, 2), "Employed"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "contactedOn");
    }

    [Theory]
    [InlineData("Reached", null)]
    [InlineData("Unreachable", "Employed")]
    [InlineData("Declined", "Employed")]
    public async Task RecordResult_OccupationRequiredOnlyWhenReached_Returns400Occupation(string outcome, string? occupation)
    {
        var (_, followUp) = await ExitedAsync();
        Factory.Clock.AdjustTime(new DateTimeOffset(2027, 6, 1, 10, 0, 0, TimeSpan.Zero));
        var body = TestData.FollowUpResult(outcome, new DateOnly(2027, 5, 20));
        body["occupation"] = occupation;

        var response = await Coach.PostAsync($"/api/v1/follow-ups/{followUp.Id}/result", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "occupation");
    }

    [Fact]
    public async Task RecordResult_Twice_Returns409()
    {
        var (_, followUp) = await ExitedAsync();
        Factory.Clock.AdjustTime(new DateTimeOffset(2027, 6, 1, 10, 0, 0, TimeSpan.Zero));
        await Data.RecordFollowUpAsync(followUp.Id, TestData.FollowUpResult("Reached", new DateOnly(2027, 5, 20), "Employed"));

        var response = await Coach.PostAsync($"/api/v1/follow-ups/{followUp.Id}/result",
            TestData.FollowUpResult("Unreachable", new DateOnly(2027, 5, 21)));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var kept = await Data.FollowUpOfAsync(followUp.ParticipationId);
        Assert.Equal(("Reached", "Employed"), (kept!.Result!.Outcome, kept.Result.Occupation));
    }

    [Fact]
    public async Task CorrectResult_WithPut_ReplacesItAndKeepsWhenItWasFirstRecorded()
    {
        var (_, followUp) = await ExitedAsync();
        Factory.Clock.AdjustTime(new DateTimeOffset(2027, 6, 1, 10, 0, 0, TimeSpan.Zero));
        var first = await Data.RecordFollowUpAsync(followUp.Id, TestData.FollowUpResult("Reached", new DateOnly(2027, 5, 20), "Employed"));
        Factory.Clock.AdjustTime(new DateTimeOffset(2027, 6, 3, 9, 0, 0, TimeSpan.Zero));
        await Data.ContactAttemptAsync(followUp.Id, new DateOnly(2027, 6, 1), "NoAnswer");
        await Data.ContactAttemptAsync(followUp.Id, new DateOnly(2027, 6, 2), "WrongNumber");

        var response = await Coach.PutAsync($"/api/v1/follow-ups/{followUp.Id}/result",
            TestData.FollowUpResult("Unreachable", new DateOnly(2027, 6, 2)));

        var corrected = await response.ShouldBeAsync<FollowUpDto>(HttpStatusCode.OK);
        Assert.Equal("Completed", corrected.Status);
        Assert.Equal(("Unreachable", new DateOnly(2027, 6, 2), (string?)null, (int?)null), (corrected.Result!.Outcome, corrected.Result.ContactedOn, corrected.Result.Occupation, corrected.Result.ExtentPercent));
        Assert.Empty(corrected.Result.IncomeSources);
        Assert.Equal(first.Result!.RecordedAtUtc, corrected.Result.RecordedAtUtc);
        Assert.Equal(new DateTime(2027, 6, 3, 9, 0, 0, DateTimeKind.Utc), corrected.Result.UpdatedAtUtc);
    }

    [Fact]
    public async Task CorrectResult_WhenNothingIsRecorded_Returns409()
    {
        var (_, followUp) = await ExitedAsync();
        Factory.Clock.AdjustTime(new DateTimeOffset(2027, 6, 1, 10, 0, 0, TimeSpan.Zero));

        var response = await Coach.PutAsync($"/api/v1/follow-ups/{followUp.Id}/result",
            TestData.FollowUpResult("Reached", new DateOnly(2027, 5, 20), "Employed"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task RecordResult_UnknownFollowUp_Returns404()
    {
        await Data.InterventionAsync(); // the coach asking works for its provider

        var response = await Coach.PostAsync("/api/v1/follow-ups/987654/result",
            TestData.FollowUpResult("Unreachable", new DateOnly(2026, 11, 1)));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListFollowUps_ACoachFiltersByProviderInterventionAndStatus_OldestDueFirst()
    {
        var association = await Data.AssociationAsync();
        var p1 = await Data.ProviderAsync(association.Id, "Coachens utförare", null);
        var p2 = await Data.ProviderAsync(association.Id, "Annan utförare", null);
        var start = new DateOnly(2025, 1, 1);
        var a = await Data.InterventionAsync(association.Id, p1.Id, Mode.Identified, start);
        var b = await Data.InterventionAsync(association.Id, p1.Id, Mode.Identified, start);
        var c = await Data.InterventionAsync(association.Id, p2.Id, Mode.Identified, start);
        var s = new DateOnly(2025, 1, 7);
        // Today 2026-11-23: due within 30 days is Due, past due (up to 3 months) is Overdue.
        var aDueLate = await Data.IdentifiedExitAsync(a.Id, TestPersonnummer.Woman(0), s, new DateOnly(2025, 12, 20));  // due 2026-12-20 Due
        var aDueSoon = await Data.IdentifiedExitAsync(a.Id, TestPersonnummer.Woman(1), s, new DateOnly(2025, 11, 30));  // due 2026-11-30 Due
        var aOverdue = await Data.IdentifiedExitAsync(a.Id, TestPersonnummer.Man(0), s, new DateOnly(2025, 10, 1));     // due 2026-10-01 Overdue
        var aUpcoming = await Data.IdentifiedExitAsync(a.Id, TestPersonnummer.Man(1), s, new DateOnly(2026, 3, 1));     // due 2027-03-01 Upcoming
        var bDue = await Data.IdentifiedExitAsync(b.Id, TestPersonnummer.Woman(2), s, new DateOnly(2025, 12, 1));       // due 2026-12-01 Due
        var cDue = await Data.IdentifiedExitAsync(c.Id, TestPersonnummer.Woman(3), s, new DateOnly(2025, 12, 2));       // due 2026-12-02 Due
        await Factory.SendAsync(new RunFollowUpSchedulerCommand(), Ct);

        var dueOfProvider = await Data.FollowUpsAsync($"?providerId={p1.Id}&status=Due");
        Assert.Equal([aDueSoon.Id, bDue.Id, aDueLate.Id], dueOfProvider.Items.Select(f => f.ParticipationId));
        Assert.Equal(3, dueOfProvider.TotalCount);
        Assert.All(dueOfProvider.Items, f => Assert.Equal((p1.Id, "Due"), (f.ProviderId, f.Status)));

        var dueOfIntervention = await Data.FollowUpsAsync($"?interventionId={a.Id}&status=due");
        Assert.Equal([aDueSoon.Id, aDueLate.Id], dueOfIntervention.Items.Select(f => f.ParticipationId));

        var allOfIntervention = await Data.FollowUpsAsync($"?interventionId={a.Id}");
        Assert.Equal([aOverdue.Id, aDueSoon.Id, aDueLate.Id, aUpcoming.Id], allOfIntervention.Items.Select(f => f.ParticipationId));
        Assert.Equal(["Overdue", "Due", "Due", "Upcoming"], allOfIntervention.Items.Select(f => f.Status));

        var overdue = await Data.FollowUpsAsync("?status=Overdue");
        Assert.Equal([aOverdue.Id], overdue.Items.Select(f => f.ParticipationId));

        // A coach sees only its own provider's follow-ups: the other provider's are its coach's.
        Assert.Empty((await Data.FollowUpsAsync($"?providerId={p2.Id}")).Items);
        var otherProvider = await Data.FollowUpsAsync($"?providerId={p2.Id}", Users.CoachOf(p2.Id));
        Assert.Equal([cDue.Id], otherProvider.Items.Select(f => f.ParticipationId));

        var paged = await Data.FollowUpsAsync($"?providerId={p1.Id}&page=2&pageSize=2");
        Assert.Equal((5, 2), (paged.TotalCount, paged.Items.Count));
        Assert.Equal([bDue.Id, aDueLate.Id], paged.Items.Select(f => f.ParticipationId));
    }

    [Fact]
    public async Task ListFollowUps_UnknownStatus_Returns400Status()
    {
        await Data.InterventionAsync(); // the coach asking works for its provider

        var response = await Coach.GetAsync("/api/v1/follow-ups?status=Late");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "status");
    }
}
