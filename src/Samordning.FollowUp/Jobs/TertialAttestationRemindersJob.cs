using Hangfire;
using Mediator;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Features.TertialCycle;

namespace Samordning.FollowUp.Jobs;

/// <summary>Daily: reminds the providers that have not attested the last ended tertial, once, from the configured day on.</summary>
[DisableConcurrentExecution(timeoutInSeconds: 600)]
public sealed class TertialAttestationRemindersJob(ISender sender, CallerContext caller)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        caller.RunAsSystem();
        await sender.Send(new SendTertialAttestationRemindersCommand(), cancellationToken);
    }
}
