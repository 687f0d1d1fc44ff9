using Hangfire;
using Mediator;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Features.FollowUps;

namespace Samordning.FollowUp.Jobs;

/// <summary>Nightly: keeps the follow-ups in step with the exits and moves them through their states.</summary>
[DisableConcurrentExecution(timeoutInSeconds: 600)]
public sealed class FollowUpSchedulerJob(ISender sender, CallerContext caller)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        caller.RunAsSystem();
        await sender.Send(new RunFollowUpSchedulerCommand(), cancellationToken);
    }
}
