using Hangfire;
using Mediator;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Features.Progression;

namespace Samordning.FollowUp.Jobs;

/// <summary>
/// Nightly, and again right after each tertial: computes the target indicators (I1–I3) and the progression indicators, then
/// refreshes SQLite's planner statistics for the day's queries.
/// </summary>
[DisableConcurrentExecution(timeoutInSeconds: 1800)]
public sealed class IndicatorComputationJob(ISender sender, CallerContext caller, FollowUpDbContext db)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        caller.RunAsSystem();
        await sender.Send(new ComputeIndicatorsCommand(), cancellationToken);
        await sender.Send(new ComputeProgressionCommand(), cancellationToken);
        await SqliteStatistics.RefreshAsync(db, cancellationToken);
    }
}
