using System.Net;
using System.Text.Json.Nodes;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Jobs;

/// <summary>Running a recurring job at once through the API.</summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Jobs")]
public sealed class RunJobTests(ApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("follow-up-scheduler")]
    [InlineData("follow-up-reminders")]
    [InlineData("indicator-computation")]
    [InlineData("indicator-computation-after-tertial")]
    [InlineData("identity-key-rotation")]
    [InlineData("identity-retention")]
    public async Task RunJob_KnownJob_Returns202WithTheRunsJobId(string jobId)
    {
        var response = await Admin.PostAsync($"/api/v1/jobs/{jobId}/run", new JsonObject());

        var run = await response.ShouldBeAsync<RunJobDto>(HttpStatusCode.Accepted);
        Assert.False(string.IsNullOrWhiteSpace(run.JobId));
        Assert.Equal(jobId, run.RecurringJobId);
    }

    [Fact]
    public async Task RunJob_UnknownJob_Returns404()
    {
        var response = await Admin.PostAsync("/api/v1/jobs/no-such-job/run", new JsonObject());

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
