using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;

namespace Samordning.FollowUp.Jobs;

public sealed record RunJobResponse(string JobId, string RecurringJobId);

/// <summary>Runs a recurring job now (system administrators only), so an operator, a test or a demo need not wait for the night.</summary>
public static class RunJobEndpoint
{
    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Jobs");
        group.MapPost("/jobs/{jobId}/run", Accepted<RunJobResponse> (string jobId, IRecurringJobManagerV2 jobs) =>
            {
                if (!RecurringJobs.All.Contains(jobId))
                {
                    throw new NotFoundException($"Det finns inget schemalagt jobb med id \"{jobId}\". Kända jobb: {string.Join(", ", RecurringJobs.All)}.");
                }

                var runId = jobs.TriggerJob(jobId);
                return TypedResults.Accepted(JobRunStatus.Path(runId), new RunJobResponse(runId, jobId));
            })
            .RequireAuthorization(AuthenticationSetup.SystemAdminPolicy)
            .WithName("RunJob")
            .WithSummary("Run a recurring job at once; 202 with the run's status in Location (GET /api/v1/jobs/runs/{runId}).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGetJobRun();
        return app;
    }
}
