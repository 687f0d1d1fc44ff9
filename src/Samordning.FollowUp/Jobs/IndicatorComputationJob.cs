using Hangfire;
using Mediator;
using Microsoft.Extensions.Logging;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Features.Progression;

namespace Samordning.FollowUp.Jobs;

/// <summary>
/// Nightly, and again right after each tertial: computes the target indicators (I1–I3) and the progression indicators, folds
/// the day's report marks into one per intervention (<see cref="ReportDataMarks.FoldAsync"/>), then refreshes SQLite's
/// planner statistics for the day's queries.
/// </summary>
[DisableConcurrentExecution(timeoutInSeconds: 1800)]
public sealed partial class IndicatorComputationJob(ISender sender, CallerContext caller, FollowUpDbContext db, ILogger<IndicatorComputationJob> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        caller.RunAsSystem();
        await sender.Send(new ComputeIndicatorsCommand(), cancellationToken);
        await sender.Send(new ComputeProgressionCommand(), cancellationToken);
        var (before, after) = await ReportDataMarks.FoldAsync(db, cancellationToken);
        MarksFolded(logger, before, after);
        await SqliteStatistics.RefreshAsync(db, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report marks folded: {Before} into {After}")]
    private static partial void MarksFolded(ILogger logger, int before, int after);
}
