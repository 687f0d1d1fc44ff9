using Hangfire;
using Mediator;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.Features.Notifications;

namespace Samordning.FollowUp.Jobs;

/// <summary>Daily: brings the follow-ups' states up to date, then sends each provider its digest of due and overdue ones.</summary>
[DisableConcurrentExecution(timeoutInSeconds: 600)]
public sealed class FollowUpRemindersJob(ISender sender, CallerContext caller)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        caller.RunAsSystem();

        // Reminders are about today's states: bring them up to date first.
        await sender.Send(new RunFollowUpSchedulerCommand(), cancellationToken);
        await sender.Send(new SendFollowUpRemindersCommand(), cancellationToken);
    }
}
