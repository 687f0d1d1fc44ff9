using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;

namespace Samordning.FollowUp.Jobs;

/// <summary>Where a job run stands, as a program waiting for it needs to know.</summary>
public enum JobRunState
{
    /// <summary>Waiting for a worker (also while waiting for a retry after a failed attempt).</summary>
    Queued,
    Running,
    Succeeded,

    /// <summary>Failed for good (or deleted before it finished); <c>message</c> says so without internals.</summary>
    Failed,
}

/// <param name="RunId">The run's id, as POST /jobs/{jobId}/run returned it.</param>
/// <param name="RecurringJobId">The recurring job it is a run of; null for a run of no recurring job.</param>
/// <param name="StartedAtUtc">When a worker last started it; null while it has not started.</param>
/// <param name="EndedAtUtc">When it succeeded or failed; null until then.</param>
/// <param name="Message">A Swedish sentence for failed or retried runs; never the exception (that is in the log).</param>
public sealed record JobRunResponse(
    string RunId, string? RecurringJobId, JobRunState State, DateTime? StartedAtUtc, DateTime? EndedAtUtc, string? Message);

/// <summary>
/// GET /api/v1/jobs/runs/{runId}: read from Hangfire's own storage (its monitoring API), so it
/// answers the same on SQL Server, PostgreSQL and the in-memory storage used with SQLite. On the
/// in-memory storage a restart forgets the runs (404), as it forgets the queue.
/// </summary>
public static class JobRunStatus
{
    public static string Path(string runId) => $"/api/v1/jobs/runs/{Uri.EscapeDataString(runId)}";

    internal static RouteHandlerBuilder MapGetJobRun(this RouteGroupBuilder group) => group
        .MapGet("/jobs/runs/{runId}", (string runId, JobStorage storage) => Read(storage, runId))
        .RequireAuthorization(AuthenticationSetup.SystemAdminPolicy)
        .WithName("GetJobRun")
        .WithSummary("A job run's state (Queued, Running, Succeeded, Failed) with its start and end times.")
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static JobRunResponse Read(JobStorage storage, string runId)
    {
        JobDetailsDto? details = null;
        StateData? current = null;
        if (runId.Length <= 100)
        {
            try
            {
                // The current state first, then the history: read the other way round, a run that
                // finished in between was "Succeeded" with a history that had not yet begun.
                using (var connection = storage.GetConnection())
                {
                    current = connection.GetStateData(runId);
                }

                details = storage.GetMonitoringApi().JobDetails(runId);
            }
            catch (FormatException)
            {
                // SQL Server and PostgreSQL ids are numbers: another id is simply not a run.
            }
        }

        if (details is null || current is null)
        {
            throw new NotFoundException($"Det finns ingen jobbkörning med id \"{runId}\".");
        }

        details.Properties.TryGetValue("RecurringJobId", out var recurring);
        return Describe(runId, recurring?.Trim('"'), current.Name, current.Reason,
            [.. details.History.Select(h => (h.StateName, DateTime.SpecifyKind(h.CreatedAt, DateTimeKind.Utc)))]);
    }

    /// <summary>A run's state from Hangfire's state names: the current one and the history (any order).</summary>
    internal static JobRunResponse Describe(
        string runId, string? recurringJobId, string currentState, string? reason, IReadOnlyList<(string State, DateTime AtUtc)> history)
    {
        var started = history.Where(h => h.State == ProcessingState.StateName).Select(h => (DateTime?)h.AtUtc).Max();
        var endedAt = history.Where(h => h.State == currentState).Select(h => (DateTime?)h.AtUtc).Max();
        return currentState switch
        {
            _ when currentState == ProcessingState.StateName => new(runId, recurringJobId, JobRunState.Running, started, null, null),
            _ when currentState == SucceededState.StateName => new(runId, recurringJobId, JobRunState.Succeeded, started, endedAt, null),
            _ when currentState == FailedState.StateName => new(runId, recurringJobId, JobRunState.Failed, started, endedAt,
                "Jobbet misslyckades. Orsaken finns i tjänstens logg under körningens id."),
            _ when currentState == DeletedState.StateName => new(runId, recurringJobId, JobRunState.Failed, started, endedAt,
                "Körningen togs bort innan den blev klar."),
            // Enqueued, Scheduled (a retry after a failed attempt), Awaiting.
            _ => new(runId, recurringJobId, JobRunState.Queued, started, null,
                history.Any(h => h.State == FailedState.StateName) || (reason?.StartsWith("Retry", StringComparison.Ordinal) ?? false)
                    ? "Ett försök misslyckades; jobbet körs igen automatiskt."
                    : null),
        };
    }
}
