using Hangfire;
using Mediator;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Features.Notifications;
using Samordning.FollowUp.Features.Participations;
using Samordning.FollowUp.Features.Privacy;
using Samordning.FollowUp.Features.Reports;

namespace Samordning.FollowUp.Jobs;

// Each job sends one command: the same checks and code as an HTTP call, and nothing that a
// second run or a run after a crash would do differently.

[DisableConcurrentExecution(timeoutInSeconds: 600)]
public sealed class FollowUpSchedulerJob(ISender sender, CallerContext caller)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        caller.RunAsSystem();
        await sender.Send(new RunFollowUpSchedulerCommand(), cancellationToken);
    }
}

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

[DisableConcurrentExecution(timeoutInSeconds: 1800)]
public sealed class IndicatorComputationJob(ISender sender, CallerContext caller)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        caller.RunAsSystem();
        await sender.Send(new ComputeIndicatorsCommand(), cancellationToken);
    }
}

[DisableConcurrentExecution(timeoutInSeconds: 1800)]
public sealed class TertialDraftJob(ISender sender, CallerContext caller)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        caller.RunAsSystem();
        await sender.Send(new PrepareTertialDraftsCommand(), cancellationToken);
    }
}

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
