using Hangfire;
using Mediator;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.Features.Notifications;

namespace Samordning.FollowUp.Jobs;

/// <summary>
/// Daily: brings the follow-ups' states up to date, then sends each provider its digest of due and
/// overdue ones; under the scheduler job's lock (one run of either at a time, across every instance).
/// </summary>
public sealed class FollowUpRemindersJob(ISender sender, CallerContext caller, JobStorage storage)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var held = JobLock.Acquire(storage, JobLock.FollowUps, TimeSpan.FromMinutes(10));
        caller.RunAsSystem();

        // Reminders are about today's states: bring them up to date first.
        await sender.Send(new RunFollowUpSchedulerCommand(SinceLastRun: true), cancellationToken);
        await sender.Send(new SendFollowUpRemindersCommand(), cancellationToken);
    }
}
