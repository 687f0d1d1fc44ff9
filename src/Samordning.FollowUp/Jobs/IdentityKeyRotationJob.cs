using Hangfire;
using Mediator;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Features.Privacy;

namespace Samordning.FollowUp.Jobs;

/// <summary>After an encryption key rotation: re-encrypts the stored personnummer with the current key. Run on demand.</summary>
[DisableConcurrentExecution(timeoutInSeconds: 1800)]
public sealed class IdentityKeyRotationJob(ISender sender, CallerContext caller)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        caller.RunAsSystem();
        await sender.Send(new ReencryptIdentitiesCommand(), cancellationToken);
    }
}
