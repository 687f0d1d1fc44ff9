using Hangfire;
using Mediator;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.TertialCycle;

namespace Samordning.FollowUp.Jobs;

/// <summary>Daily: tells the office when a tertial's draft report is ready, and opens the tertial's cycle (providers and office told).</summary>
[DisableConcurrentExecution(timeoutInSeconds: 1800)]
public sealed class TertialDraftJob(ISender sender, CallerContext caller)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        caller.RunAsSystem();
        await sender.Send(new PrepareTertialDraftsCommand(), cancellationToken);
        await sender.Send(new OpenTertialCycleCommand(), cancellationToken);
    }
}
