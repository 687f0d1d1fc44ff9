using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

namespace Samordning.FollowUp.IntegrationTests.Jobs;

/// <summary>
/// A program runs a job and waits for it through the API: 202 with Location, then the run's state.
/// In process (the tests' hosts run no Hangfire server) the run stays queued; a service process
/// with its server on the test's database (in-memory job storage on SQLite, Hangfire's
/// PostgreSQL storage on PostgreSQL) carries it to the end.
/// </summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Jobs")]
public sealed class JobRunStatusTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task RunJob_Returns202WithLocation_WhoseRunIsQueuedWhileNoWorkerTakesIt()
    {
        var response = await Admin.PostAsync("/api/v1/jobs/indicator-computation/run", new JsonObject());

        var accepted = await response.ShouldBeAsync<RunJobDto>(HttpStatusCode.Accepted);
        Assert.Equal($"/api/v1/jobs/runs/{accepted.JobId}", response.Headers.Location?.OriginalString);
        var run = await (await Admin.GetAsync(response.Headers.Location!.OriginalString)).ShouldBeAsync<JobRunDto>(HttpStatusCode.OK);
        Assert.Equal(accepted.JobId, run.RunId);
        Assert.Equal("indicator-computation", run.RecurringJobId);
        Assert.Equal("Queued", run.State);
        Assert.Null(run.StartedAtUtc);
        Assert.Null(run.EndedAtUtc);
    }

    [Fact]
    public async Task JobRun_Unknown_Returns404InSwedish()
    {
        var problem = await (await Admin.GetAsync("/api/v1/jobs/runs/999999")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal("Hittades inte", problem.Title);
        Assert.Equal("Det finns ingen jobbkörning med id \"999999\".", problem.Detail);
    }

    [Fact]
    public async Task RunJob_OnAServiceWithItsJobServer_CanBeWaitedForUntilSucceeded()
    {
        await Data.AssociationAsync();
        var email = await Factory.CreateUserAsync(UserRole.SystemAdmin, null, null);
        await using var service = await ServiceProcess.StartAsync("jobs", new Dictionary<string, string>
        {
            ["Https:Required"] = "false",
            ["Database:Provider"] = Factory.Provider.ToString(),
            ["Database:MigrateAtStartup"] = "false",
            ["ConnectionStrings:FollowUp"] = Factory.ConnectionString,
            ["IdentityProtection:EncryptionKey"] = ApiFactory.EncryptionKey,
            ["IdentityProtection:HmacKey"] = ApiFactory.HmacKey,
            ["DemoData:Enabled"] = "false",
            ["Jobs:RunServer"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        }, Ct);
        using var client = service.Client();
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = ApiFactory.Password }, Ct);
        var token = (await login.ShouldBeAsync<JsonObject>(HttpStatusCode.OK))["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        using var response = await client.PostAsync(new Uri("/api/v1/jobs/indicator-computation/run", UriKind.Relative), JsonContent.Create(new { }), Ct);
        await response.ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        var location = response.Headers.Location!;

        // As a program would: ask until the run has ended.
        JobRunDto run;
        var seen = new List<string>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            await Task.Delay(200, Ct);
            using var status = await client.GetAsync(location, Ct);
            run = await status.ShouldBeAsync<JobRunDto>(HttpStatusCode.OK);
            seen.Add(run.State);
            Assert.True(waited.Elapsed < JobTimeout, $"The run did not end: {string.Join(", ", seen)}\n{service.Output}");
        }
        while (run.State is "Queued" or "Running");

        Assert.True(run.State == "Succeeded", $"{run.State}: {run.Message}\n{service.Output}");
        Assert.Equal("indicator-computation", run.RecurringJobId);
        Assert.NotNull(run.StartedAtUtc);
        Assert.NotNull(run.EndedAtUtc);
        Assert.True(run.StartedAtUtc <= run.EndedAtUtc);
        Assert.Null(run.Message);
    }
}
