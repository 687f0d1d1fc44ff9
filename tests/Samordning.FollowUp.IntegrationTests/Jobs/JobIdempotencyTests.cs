using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Features.Notifications;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Fixtures;

namespace Samordning.FollowUp.IntegrationTests.Jobs;

/// <summary>The nightly jobs may run twice, or again after a crash: the second run changes nothing.</summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Jobs")]
public sealed class JobIdempotencyTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly string[] Volatile = ["Id", "ComputedAtUtc"];

    private Task<List<string>> SnapshotAsync(string table, params string[] ignore) => Factory.SnapshotAsync(table, ignore);

    /// <summary>Follow-ups in every state: Upcoming, Due, Overdue, Expired, Completed and Cancelled.</summary>
    private async Task ArrangeFollowUpsInEveryStateAsync()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified, start: new DateOnly(2025, 1, 1));
        var start = new DateOnly(2025, 1, 7);
        await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Woman(0), start, new DateOnly(2026, 5, 1));   // Upcoming
        await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Woman(1), start, new DateOnly(2025, 12, 10)); // Due
        await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Woman(2), start, new DateOnly(2025, 10, 10)); // Overdue
        await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Man(0), start, new DateOnly(2025, 3, 10));    // Expired
        var completed = await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Man(1), start, new DateOnly(2025, 11, 1));
        var cancelled = await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Man(2), start, new DateOnly(2025, 11, 2));
        await Data.RecordFollowUpAsync((await Data.FollowUpOfAsync(completed.Id))!.Id,
            TestData.FollowUpResult("Reached", new DateOnly(2026, 11, 2), "Employed"));
        await Data.CorrectExitAsync(cancelled.Id, TestData.Exit(new DateOnly(2025, 11, 2), "Deceased", occupation: null));
    }

    [Fact]
    public async Task Scheduler_RunTwice_ChangesNothing()
    {
        await ArrangeFollowUpsInEveryStateAsync();
        // A month later every open follow-up has moved on; the first run brings them up to date.
        Factory.Clock.AdjustTime(new DateTimeOffset(2026, 12, 23, 3, 0, 0, TimeSpan.Zero));
        var first = await Factory.SendAsync(new RunFollowUpSchedulerCommand(), Ct);
        Assert.True(first.StatusChanged > 0, "The first run should have moved some follow-up on.");
        var afterFirst = await SnapshotAsync("FollowUps");

        // Later the same day: a second run must not even touch UpdatedAtUtc.
        Factory.Clock.Advance(TimeSpan.FromHours(2));
        var second = await Factory.SendAsync(new RunFollowUpSchedulerCommand(), Ct);

        Assert.Equal(new FollowUpSchedulerResult(0, 0, 0), second);
        Assert.Equal(afterFirst, await SnapshotAsync("FollowUps"));
        var statuses = (await Data.FollowUpsAsync()).Items.Select(f => f.Status).Order().ToList();
        Assert.Equal(["Cancelled", "Completed", "Expired", "Overdue", "Overdue", "Upcoming"], statuses);
    }

    [Fact]
    public async Task ComputeIndicators_RunTwice_SameFigures()
    {
        var fixture = await IndicatorFixture.BuildAsync(Data);
        await Factory.SendAsync(new ComputeIndicatorsCommand(), Ct);
        var first = await SnapshotAsync("IndicatorResults", Volatile);
        Assert.NotEmpty(first);

        Factory.Clock.Advance(TimeSpan.FromMinutes(10));
        await Factory.SendAsync(new ComputeIndicatorsCommand(fixture.AssociationId), Ct);

        Assert.Equal(first, await SnapshotAsync("IndicatorResults", Volatile));
        var computedAt = (await Data.IndicatorsAsync(fixture.AssociationId, 2025, 1, "Period")).Indicators.Select(i => i.ComputedAtUtc).Distinct();
        Assert.Equal([TestDates.Now.UtcDateTime.AddMinutes(10)], computedAt);
    }

    [Fact]
    public async Task ComputeIndicators_CancelledMidRun_KeepsThePreviousFigures_AndARerunEqualsACleanRun()
    {
        var fixture = await IndicatorFixture.BuildAsync(Data);
        await Factory.SendAsync(new ComputeIndicatorsCommand(), Ct);
        var previous = await SnapshotAsync("IndicatorResults", Volatile);

        // New data, so the next run would change the figures: one more woman, Employed at exit in T1 2025.
        await Data.IdentifiedExitAsync(fixture.InterventionA, TestPersonnummer.Woman(20), new DateOnly(2024, 9, 1), new DateOnly(2025, 3, 3));

        // Cancel right after the first new figure has been written: the old ones are already deleted.
        using var cancellation = new CancellationTokenSource();
        var cancelledAfterWrite = false;
        Factory.Commands.AfterExecute = command =>
        {
            if (command.CommandText.Contains("INSERT INTO \"IndicatorResults\"", StringComparison.Ordinal))
            {
                cancelledAfterWrite = true;
                cancellation.Cancel();
            }
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await Factory.SendAsync(new ComputeIndicatorsCommand(), cancellation.Token));
        Factory.Commands.Reset();

        Assert.True(cancelledAfterWrite, "The run should have been cancelled after writing a figure.");
        Assert.Equal(previous, await SnapshotAsync("IndicatorResults", Volatile));

        await Factory.SendAsync(new ComputeIndicatorsCommand(), Ct);
        var rerun = await SnapshotAsync("IndicatorResults", Volatile);
        await Factory.SendAsync(new ComputeIndicatorsCommand(), Ct);
        var clean = await SnapshotAsync("IndicatorResults", Volatile);

        Assert.Equal(clean, rerun);
        Assert.NotEqual(previous, rerun);
        // The new woman is in: I1 T1 2025 women 3/4 (was 2/3).
        var i1 = (await Data.IndicatorsAsync(fixture.AssociationId, 2025, 1, "Period")).Indicators.Single(i => i.Code == "I1");
        Assert.Equal((3, 4), (i1.Woman.Numerator, i1.Woman.Denominator));
    }

    [Fact]
    public async Task Reminders_RunTwiceTheSameDay_OneDigest()
    {
        await ArrangeFollowUpsInEveryStateAsync();
        await Factory.SendAsync(new RunFollowUpSchedulerCommand(), Ct);

        var first = await Factory.SendAsync(new SendFollowUpRemindersCommand(), Ct);
        var notificationsAfterFirst = await SnapshotAsync("Notifications");
        var followUpsAfterFirst = await SnapshotAsync("FollowUps");
        Factory.Clock.Advance(TimeSpan.FromHours(3));
        await Factory.SendAsync(new RunFollowUpSchedulerCommand(), Ct);
        var second = await Factory.SendAsync(new SendFollowUpRemindersCommand(), Ct);

        Assert.Equal(new FollowUpRemindersResult(1, 0), first);
        Assert.Equal(new FollowUpRemindersResult(0, 0), second);
        Assert.Equal(notificationsAfterFirst, await SnapshotAsync("Notifications"));
        Assert.Equal(followUpsAfterFirst, await SnapshotAsync("FollowUps"));
        var digest = Assert.Single((await Data.NotificationsAsync()).Items);
        Assert.Equal(2, digest.ItemCount);
    }
}
