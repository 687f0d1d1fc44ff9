using Samordning.FollowUp.Jobs;

namespace Samordning.FollowUp.UnitTests.Jobs;

/// <summary>A run's state as a program reads it, from Hangfire's state history.</summary>
public sealed class JobRunStatusTests
{
    private static readonly DateTime Enqueued = new(2026, 12, 6, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Started = Enqueued.AddSeconds(2);
    private static readonly DateTime Ended = Enqueued.AddSeconds(9);

    [Fact]
    public void Enqueued_IsQueued_NotStarted()
    {
        var run = JobRunStatus.Describe("7", "indicator-computation", "Enqueued", null, [("Enqueued", Enqueued)]);

        Assert.Equal(JobRunState.Queued, run.State);
        Assert.Null(run.StartedAtUtc);
        Assert.Null(run.EndedAtUtc);
        Assert.Null(run.Message);
    }

    [Fact]
    public void Processing_IsRunning_SinceItStarted()
    {
        var run = JobRunStatus.Describe("7", "indicator-computation", "Processing", null, [("Processing", Started), ("Enqueued", Enqueued)]);

        Assert.Equal(JobRunState.Running, run.State);
        Assert.Equal(Started, run.StartedAtUtc);
        Assert.Null(run.EndedAtUtc);
    }

    [Fact]
    public void Succeeded_HasStartAndEnd()
    {
        var run = JobRunStatus.Describe("7", "indicator-computation", "Succeeded", null,
            [("Enqueued", Enqueued), ("Processing", Started), ("Succeeded", Ended)]);

        Assert.Equal(JobRunState.Succeeded, run.State);
        Assert.Equal(Started, run.StartedAtUtc);
        Assert.Equal(Ended, run.EndedAtUtc);
    }

    [Fact]
    public void Failed_SaysSoInSwedish_WithoutTheException()
    {
        var run = JobRunStatus.Describe("7", "identity-retention", "Failed", "An exception occurred: Npgsql.PostgresException 42P01 Host=db",
            [("Enqueued", Enqueued), ("Processing", Started), ("Failed", Ended)]);

        Assert.Equal(JobRunState.Failed, run.State);
        Assert.Equal(Ended, run.EndedAtUtc);
        Assert.Equal("Jobbet misslyckades. Orsaken finns i tjänstens logg under körningens id.", run.Message);
        Assert.DoesNotContain("Npgsql", run.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScheduledForARetry_IsQueued_AndSaysAnAttemptFailed()
    {
        var run = JobRunStatus.Describe("7", "identity-retention", "Scheduled", "Retry attempt 1 of 10: Host=db refused",
            [("Enqueued", Enqueued), ("Processing", Started), ("Scheduled", Ended)]);

        Assert.Equal(JobRunState.Queued, run.State);
        Assert.Null(run.EndedAtUtc);
        Assert.Equal("Ett försök misslyckades; jobbet körs igen automatiskt.", run.Message);
    }
}
