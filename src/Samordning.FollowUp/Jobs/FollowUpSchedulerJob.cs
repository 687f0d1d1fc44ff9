using Hangfire;
using Mediator;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Features.FollowUps;

namespace Samordning.FollowUp.Jobs;

/// <summary>
/// Nightly: keeps the follow-ups in step with the exits and moves them through their states.
/// One run at a time across every instance, and never beside the reminder job, which runs the scheduler too.
/// </summary>
public sealed class FollowUpSchedulerJob(ISender sender, CallerContext caller, JobStorage storage)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var held = JobLock.Acquire(storage, JobLock.FollowUps, TimeSpan.FromMinutes(10));
        caller.RunAsSystem();
        await sender.Send(new RunFollowUpSchedulerCommand(SinceLastRun: true), cancellationToken);
    }
}
