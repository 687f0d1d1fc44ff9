using Hangfire;
using Mediator;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.Features.Privacy;

namespace Samordning.FollowUp.Jobs;

/// <summary>Nightly: erases the identities that are no longer needed.</summary>
[DisableConcurrentExecution(timeoutInSeconds: 1800)]
public sealed class IdentityRetentionJob(ISender sender, CallerContext caller)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        caller.RunAsSystem();

        // Follow-up states decide what may go: bring them up to date first.
        await sender.Send(new RunFollowUpSchedulerCommand(), cancellationToken);
        await sender.Send(new EraseExpiredIdentitiesCommand(), cancellationToken);
    }
}
