using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Reports;

/// <summary>
/// A built report is reused while nothing it reads has changed, and never after a change — made
/// through the API, by a job's set-based statements, or through another instance of the service
/// (README, "Performance", "Built reports reused").
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class BuiltReportReuseTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly DateOnly March = new(2026, 3, 2);

    [Fact]
    public async Task TheSameFigures_AreBuiltOnce_ForThePageAndItsFiles_AndAnIntakeOrExitIsSeenAtOnce()
    {
        var (associationId, interventionId) = await SetUpAsync();
        var built = Factory.Services.GetRequiredService<BuiltReports>();
        // The factory outlives every test: earlier tests' reports (under versions nobody asks for
        // now) would fill the bounded store, and a full store keeps nothing new until it compacts.
        built.Clear();

        var first = await Office.ReportAsync(associationId, 2026, 1);
        Assert.Equal(2, Active(first));
        var builds = built.Built;

        var again = await Office.ReportAsync(associationId, 2026, 1);
        var xlsx = await Office.GetAsync($"/api/v1/associations/{associationId}/reports/tertial/2026/1/report.xlsx?mode=Period");
        await xlsx.ShouldHaveStatusAsync(HttpStatusCode.OK);

        Assert.Equal(builds, built.Built);
        Assert.Equal(first["report"]!["total"]!.ToJsonString(), again["report"]!["total"]!.ToJsonString());
        Assert.Equal(first["report"]!["header"]!["builtAtUtc"].Str(), again["report"]!["header"]!["builtAtUtc"].Str());

        var third = await Coach.AnonymousAsync(Data, interventionId, "Man", March);
        var afterIntake = await Office.ReportAsync(associationId, 2026, 1);
        Assert.Equal(3, Active(afterIntake));
        Assert.True(built.Built > builds, "an intake must make the report be built again");

        await Data.ExitAsync(third.Id, TestData.Exit(new DateOnly(2026, 4, 10)));
        var afterExit = await Office.ReportAsync(associationId, 2026, 1);
        Assert.Equal(1, Ended(afterExit));
    }

    [Fact]
    public async Task ReportsOfAnOutdatedVersion_AreDropped_AsTheVersionMoves()
    {
        var (associationId, interventionId) = await SetUpAsync();
        var built = Factory.Services.GetRequiredService<BuiltReports>();
        built.Clear();

        await Office.ReportAsync(associationId, 2026, 1);
        var oneVersion = built.Count;
        Assert.True(oneVersion > 0, "the report and its parts are kept");

        // Two changes later, the first version's reports can never be served again: they are gone,
        // and only the newest version's and the one before it are kept.
        await Coach.AnonymousAsync(Data, interventionId, "Man", March);
        await Office.ReportAsync(associationId, 2026, 1);
        Assert.Equal(2 * oneVersion, built.Count);
        await Coach.AnonymousAsync(Data, interventionId, "Woman", March);
        await Office.ReportAsync(associationId, 2026, 1);
        Assert.Equal(2 * oneVersion, built.Count);
    }

    [Fact]
    public async Task ABoardsPage_CountsTheYearsParticipationsOnce_ForItsReportTheYearsOtherReportsAndTheTrend()
    {
        // A threshold above 1: the board's masks read the year's other reports, built beside this one.
        var association = await Data.AssociationAsync(smallNumberThreshold: 3);
        var provider = await Data.ProviderAsync(association.Id);
        var intervention = await Data.InterventionAsync(association.Id, provider.Id, Mode.AnonymousIndividual);
        await Coach.AnonymousAsync(Data, intervention.Id, "Woman", March, new DateOnly(2026, 6, 10));
        await Coach.AnonymousAsync(Data, intervention.Id, "Man", March);
        Factory.Services.GetRequiredService<BuiltReports>().Clear();

        var grids = 0;
        var commands = 0;
        Factory.Commands.AfterExecute = command =>
        {
            Interlocked.Increment(ref commands);
            if (command.CommandText.Contains("\"Started\"", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref grids);
            }
        };
        var page = await Users.BoardOf(association.Id).ReportAsync(association.Id, 2026, 2);
        Factory.Commands.Reset();

        // Six reports of 2026 (T1–T3, each alone and year to date) and eight trend periods: one pass over the participations.
        Assert.Equal(1, grids);
        Assert.True(commands > 20, $"the page ran {commands} commands: the year's reports and the trend were built");
        Assert.Contains("\"masked\":true", page["presentation"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheVersion_MovesForSetBasedJobWrites_AndNotForRefusedRequestsOrSignIns()
    {
        var (_, interventionId) = await SetUpAsync();
        await Coach.AnonymousAsync(Data, interventionId, "Woman", March, new DateOnly(2026, 4, 10));

        // A refused intake writes nothing, so nothing moves.
        var before = await VersionAsync();
        var refused = await Coach.PostAsync($"/api/v1/interventions/{interventionId}/participations",
            TestData.Anonymous("Woman", 1990, TestDates.Tomorrow.AddYears(1)));
        await refused.ShouldHaveStatusAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await VersionAsync());

        // A new user signing in is no report data.
        await Users.BoardOf(Data.HomeAssociationId).EnsureSignedInAsync();
        Assert.Equal(before, await VersionAsync());

        // The indicator job replaces the association's figures with one DELETE and multi-row INSERTs (no tracked entity).
        var computed = await Factory.SendAsync(new ComputeIndicatorsCommand(), Ct);
        Assert.True(computed.Figures > 0, "the exit gives the job figures to store");
        var afterJob = await VersionAsync();
        Assert.NotNull(afterJob);
        Assert.NotEqual(before, afterJob);
    }

    [Fact]
    public async Task AChangeThroughAnotherInstance_IsSeenAtOnce()
    {
        var (associationId, interventionId) = await SetUpAsync();
        Assert.Equal(2, Active(await Office.ReportAsync(associationId, 2026, 1)));
        Assert.Equal(2, Active(await Office.ReportAsync(associationId, 2026, 1)));

        // Another service on the same database, with its own built reports; the coach's token works there too.
        var other = Factory.WithSettings(("Reports:BuiltReportMinutes", "9"));
        await Coach.EnsureSignedInAsync();
        using var http = other.CreateClient();
        http.DefaultRequestHeaders.Authorization = Coach.Http.DefaultRequestHeaders.Authorization;
        using var coachThere = new ApiClient(http);
        var registered = await coachThere.PostAsync($"/api/v1/interventions/{interventionId}/participations",
            TestData.Anonymous("Man", 1985, March));
        await registered.ShouldHaveStatusAsync(HttpStatusCode.Created);

        Assert.Equal(3, Active(await Office.ReportAsync(associationId, 2026, 1)));
    }

    /// <summary>One anonymous-individual intervention with two participants active in T1 2026, none ended.</summary>
    private async Task<(long AssociationId, long InterventionId)> SetUpAsync()
    {
        var association = await Data.AssociationAsync();
        await Data.ProviderAsync(association.Id);
        var intervention = await Data.InterventionAsync(Data.HomeAssociationId, Data.HomeProviderId, Mode.AnonymousIndividual);
        await Coach.AnonymousAsync(Data, intervention.Id, "Woman", March);
        await Coach.AnonymousAsync(Data, intervention.Id, "Man", March);
        return (association.Id, intervention.Id);
    }

    private Task<string?> VersionAsync() => Factory.WithDbAsync(db => ReportDataVersion.ReadAsync(db, Ct));

    private static int Active(JsonObject view) => Total(view, "active");

    private static int Ended(JsonObject view) => Total(view, "ended");

    private static int Total(JsonObject view, string figure)
    {
        var count = view["report"]!["total"]![figure]!;
        return count["women"]!.GetValue<int>() + count["men"]!.GetValue<int>();
    }
}
