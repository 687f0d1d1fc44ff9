using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;
using Samordning.FollowUp.Jobs;

namespace Samordning.FollowUp.IntegrationTests.Jobs;

/// <summary>
/// The nightly scheduler reads only what changed since its last run (README, "Performance"): the
/// participations changed after its watermark and the follow-ups whose due date a boundary of the
/// state has passed since the last run's day; on Sundays it reads everything. What it read is
/// counted in its result, so "not read" is asserted as a count, not as a time.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Jobs")]
public sealed class FollowUpSchedulerWatermarkTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly RunFollowUpSchedulerCommand Nightly = new(SinceLastRun: true);

    /// <summary>Four exits, today (Monday 2026-11-23): Upcoming, Due, Overdue and Expired.</summary>
    private async Task<ParticipationDto[]> ArrangeExitsAsync()
    {
        var intervention = await Data.InterventionAsync(Mode.Identified, start: new DateOnly(2025, 1, 1));
        var start = new DateOnly(2025, 1, 7);
        return
        [
            await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Woman(0), start, new DateOnly(2026, 5, 1)),   // due 2027-05-01
            await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Woman(1), start, new DateOnly(2025, 12, 10)), // due 2026-12-10
            await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Woman(2), start, new DateOnly(2025, 10, 10)), // due 2026-10-10
            await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Man(0), start, new DateOnly(2025, 3, 10)),    // due 2026-03-10
        ];
    }

    /// <summary>An exit changed in the database as a handler would not do it: the follow-up is left as it was.</summary>
    private Task<int> ChangeExitReasonAsync(long participationId, string reason, bool stampUpdatedAt) => Factory.WithDbAsync(async db =>
    {
        var participation = await db.Participations.SingleAsync(p => p.Id == participationId, Ct);
        participation.ExitReason = Enum.Parse<ExitReason>(reason);
        if (stampUpdatedAt)
        {
            participation.UpdatedAtUtc = Factory.Clock.GetUtcNow().UtcDateTime;
        }

        return await db.SaveChangesAsync(Ct);
    });

    private Task<FollowUpStatus> StatusOfAsync(long participationId) => Factory.WithDbAsync(db =>
        db.TwelveMonthFollowUps.Where(f => f.ParticipationId == participationId).Select(f => f.Status).SingleAsync(Ct));

    [Fact]
    public async Task NightlyRun_ReadsTheParticipationChangedAfterTheWatermark_AndNoOther()
    {
        var exits = await ArrangeExitsAsync();
        Factory.Clock.Advance(TimeSpan.FromHours(1));
        var first = await Factory.SendAsync(Nightly, Ct);
        Factory.Clock.Advance(TimeSpan.FromHours(2));
        await ChangeExitReasonAsync(exits[0].Id, "Deceased", stampUpdatedAt: true);

        var second = await Factory.SendAsync(Nightly, Ct);

        Assert.True(first.FullPass, "The first run has no watermark: it reads everything.");
        Assert.False(second.FullPass);
        Assert.Equal(1, second.ParticipationsRead);
        Assert.Equal(1, second.FollowUpsRead);
        Assert.Equal(1, second.StatusChanged);
        Assert.Equal(FollowUpStatus.Cancelled, await StatusOfAsync(exits[0].Id));
    }

    [Fact]
    public async Task NightlyRun_NothingChanged_ReadsNothing()
    {
        await ArrangeExitsAsync();
        Factory.Clock.Advance(TimeSpan.FromHours(1));
        await Factory.SendAsync(Nightly, Ct);
        Factory.Clock.Advance(TimeSpan.FromHours(2));

        var second = await Factory.SendAsync(Nightly, Ct);

        Assert.False(second.FullPass);
        Assert.Equal((0, 0), (second.ParticipationsRead, second.FollowUpsRead));
        Assert.Equal((0, 0, 0), (second.Created, second.Moved, second.StatusChanged));
    }

    [Fact]
    public async Task WeeklyFullPass_RepairsAChangeBehindTheWatermark()
    {
        var exits = await ArrangeExitsAsync();
        Factory.Clock.Advance(TimeSpan.FromHours(1));
        await Factory.SendAsync(Nightly, Ct);
        // Changed without its UpdatedAtUtc (as a hand-written correction in the database would be).
        await ChangeExitReasonAsync(exits[0].Id, "Deceased", stampUpdatedAt: false);
        Factory.Clock.Advance(TimeSpan.FromHours(2));

        var monday = await Factory.SendAsync(Nightly, Ct);
        var upcomingOnMonday = await StatusOfAsync(exits[0].Id);
        Factory.Clock.AdjustTime(new DateTimeOffset(2026, 11, 29, 2, 0, 0, TimeSpan.Zero)); // Sunday
        var sunday = await Factory.SendAsync(Nightly, Ct);
        Factory.Clock.Advance(TimeSpan.FromHours(4));
        var sundayAgain = await Factory.SendAsync(Nightly, Ct);

        Assert.False(monday.FullPass);
        Assert.Equal(FollowUpStatus.Upcoming, upcomingOnMonday);
        Assert.True(sunday.FullPass);
        Assert.Equal(FollowUpStatus.Cancelled, await StatusOfAsync(exits[0].Id));
        Assert.False(sundayAgain.FullPass, "One full pass a week: the second run on Sunday reads since the first.");
    }

    [Fact]
    public async Task NightlyRuns_OverFourMonths_LeaveNothingForAFullPassToChange()
    {
        // Due dates that pass every boundary in the next four months: the reminder day (Upcoming ->
        // Due), the due date (Due -> Overdue) and the window's close (Overdue -> Expired).
        var intervention = await Data.InterventionAsync(Mode.Identified, start: new DateOnly(2025, 1, 1));
        var start = new DateOnly(2025, 1, 7);
        DateOnly[] ends = [new(2025, 9, 1), new(2025, 12, 1), new(2026, 1, 15), new(2026, 2, 20), new(2025, 11, 30)];
        for (var i = 0; i < ends.Length; i++)
        {
            await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Woman(i), start, ends[i]);
        }

        await Factory.SendAsync(Nightly, Ct);
        var sinceLastRun = 0;
        for (var day = 1; day <= 120; day++)
        {
            Factory.Clock.AdjustTime(new DateTimeOffset(TestDates.Now.Date.AddDays(day).AddHours(2), TimeSpan.Zero));
            var nightly = await Factory.SendAsync(Nightly, Ct);
            if (nightly.FullPass)
            {
                continue;
            }

            // A full pass right after it finds nothing out of step.
            sinceLastRun++;
            var check = await Factory.SendAsync(new RunFollowUpSchedulerCommand(), Ct);
            Assert.True((check.Created, check.Moved, check.StatusChanged) == (0, 0, 0),
                $"Day {day} ({Factory.Clock.GetUtcNow():yyyy-MM-dd}): the nightly run left {check.StatusChanged} states for the full pass.");
        }

        Assert.True(sinceLastRun >= 100, $"Only the Sundays read everything; {sinceLastRun} of 120 runs read since the last.");
        var statuses = await Factory.WithDbAsync(db => db.TwelveMonthFollowUps.Select(f => f.Status).ToListAsync(Ct));
        Assert.Equal(ends.Length, statuses.Count(s => s == FollowUpStatus.Expired) + statuses.Count(s => s == FollowUpStatus.Overdue));
    }

    [Fact]
    public async Task TwoJobRunsAtOnce_OneFollowUpPerExit_OneWatermark()
    {
        var exits = await ArrangeExitsAsync();
        // The follow-ups are gone (as after a restore): both runs would create them.
        await Factory.WithDbAsync(db => db.TwelveMonthFollowUps.ExecuteDeleteAsync(Ct));

        await Task.WhenAll(RunJobAsync(), RunJobAsync());

        var followUps = await Factory.WithDbAsync(db => db.TwelveMonthFollowUps.Select(f => f.ParticipationId).ToListAsync(Ct));
        Assert.Equal(exits.Select(e => e.Id).Order(), followUps.Order());
        Assert.Equal(1, await Factory.WithDbAsync(db => db.JobWatermarks.CountAsync(Ct)));
    }

    private async Task RunJobAsync()
    {
        await Task.Yield();
        await using var scope = Factory.Services.CreateAsyncScope();
        await ActivatorUtilities.CreateInstance<FollowUpSchedulerJob>(scope.ServiceProvider).RunAsync(Ct);
    }
}
