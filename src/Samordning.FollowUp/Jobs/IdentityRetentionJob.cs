using Hangfire;
using Mediator;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.Features.Privacy;

namespace Samordning.FollowUp.Jobs;

/// <summary>Nightly: erases the identities that are no longer needed.</summary>
[DisableConcurrentExecution(timeoutInSeconds: 1800)]
public sealed class IdentityRetentionJob(ISender sender, CallerContext caller, JobStorage storage)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        caller.RunAsSystem();

        // Follow-up states decide what may go: bring them up to date first, under the scheduler's
        // lock (it moves the scheduler's watermark, as the scheduler and reminder jobs do).
        using (JobLock.Acquire(storage, JobLock.FollowUps, TimeSpan.FromMinutes(10)))
        {
            await sender.Send(new RunFollowUpSchedulerCommand(SinceLastRun: true), cancellationToken);
        }

        await sender.Send(new EraseExpiredIdentitiesCommand(), cancellationToken);
    }
}
