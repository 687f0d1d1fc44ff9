using Hangfire;
using Mediator;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Features.Indicators;

namespace Samordning.FollowUp.Jobs;

/// <summary>Nightly, and again right after each tertial: computes the target indicators (I1–I3).</summary>
[DisableConcurrentExecution(timeoutInSeconds: 1800)]
public sealed class IndicatorComputationJob(ISender sender, CallerContext caller)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        caller.RunAsSystem();
        await sender.Send(new ComputeIndicatorsCommand(), cancellationToken);
    }
}
