using System.Net;
using Microsoft.EntityFrameworkCore;
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
        Assert.Equal(2, first.TotalOf("active"));
        var builds = built.Built;

        var again = await Office.ReportAsync(associationId, 2026, 1);
        var xlsx = await Office.GetAsync($"/api/v1/associations/{associationId}/reports/tertial/2026/1/report.xlsx?mode=Period");
        await xlsx.ShouldHaveStatusAsync(HttpStatusCode.OK);

        Assert.Equal(builds, built.Built);
        Assert.Equal(first["report"]!["total"]!.ToJsonString(), again["report"]!["total"]!.ToJsonString());
        Assert.Equal(first["report"]!["header"]!["builtAtUtc"].Str(), again["report"]!["header"]!["builtAtUtc"].Str());

        var third = await Coach.AnonymousAsync(Data, interventionId, "Man", March);
        var afterIntake = await Office.ReportAsync(associationId, 2026, 1);
        Assert.Equal(3, afterIntake.TotalOf("active"));
        Assert.True(built.Built > builds, "an intake must make the report be built again");

        await Data.ExitAsync(third.Id, TestData.Exit(new DateOnly(2026, 4, 10)));
        var afterExit = await Office.ReportAsync(associationId, 2026, 1);
        Assert.Equal(1, afterExit.TotalOf("ended"));
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

        var board = Users.BoardOf(association.Id);
        await board.EnsureSignedInAsync();
        var grids = 0;
        var commands = 0;
        var versionReads = 0;
        var definitionReads = 0;
        var interventionLists = 0;
        Factory.Commands.AfterExecute = command =>
        {
            Interlocked.Increment(ref commands);
            var text = command.CommandText;
            if (text.Contains("\"Started\"", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref grids);
            }

            if (IsVersionRead(text))
            {
                Interlocked.Increment(ref versionReads);
            }

            if (text.Contains("FROM \"IndicatorDefinitions\"", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref definitionReads);
            }

            if (text.Contains("FROM \"Interventions\"", StringComparison.Ordinal) && text.Contains("JOIN \"Providers\"", StringComparison.Ordinal)
                && text.Contains("ORDER BY", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref interventionLists);
            }
        };
        var page = await board.ReportAsync(association.Id, 2026, 2);
        Factory.Commands.Reset();

        // Six reports of 2026 (T1–T3, each alone and year to date) and eight trend periods: one pass over the participations.
        Assert.Equal(1, grids);
        Assert.True(commands > 20, $"the page ran {commands} commands: the year's reports and the trend were built");
        // The page's reports, trend and parts are kept under the data version its request read once
        // (ReportReadVersion), and read the association's definitions and the year's interventions once.
        Assert.Equal(1, versionReads);
        Assert.Equal(1, definitionReads);
        Assert.Equal(1, interventionLists);
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
        Assert.Equal(2, (await Office.ReportAsync(associationId, 2026, 1)).TotalOf("active"));
        Assert.Equal(2, (await Office.ReportAsync(associationId, 2026, 1)).TotalOf("active"));

        // Another service on the same database, with its own built reports; the coach's token works there too.
        var other = Factory.WithSettings(("Reports:BuiltReportMinutes", "9"));
        await Coach.EnsureSignedInAsync();
        using var http = other.CreateClient();
        http.DefaultRequestHeaders.Authorization = Coach.Http.DefaultRequestHeaders.Authorization;
        using var coachThere = new ApiClient(http);
        var registered = await coachThere.PostAsync($"/api/v1/interventions/{interventionId}/participations",
            TestData.Anonymous("Man", 1985, March));
        await registered.ShouldHaveStatusAsync(HttpStatusCode.Created);

        Assert.Equal(3, (await Office.ReportAsync(associationId, 2026, 1)).TotalOf("active"));
    }

    [Fact]
    public async Task AScopeThatWroteReportData_ReadsTheVersionAgain_AndItsPartsTakeItsVersionWithoutReading()
    {
        var (_, interventionId) = await SetUpAsync();
        await using var scope = Factory.Services.CreateAsyncScope();
        var reads = scope.ServiceProvider.GetRequiredService<ReportReadVersion>();
        var db = scope.ServiceProvider.GetRequiredService<FollowUpDbContext>();
        var versionReads = 0;
        Factory.Commands.AfterExecute = command =>
        {
            if (IsVersionRead(command.CommandText))
            {
                Interlocked.Increment(ref versionReads);
            }
        };
        try
        {
            var first = await reads.GetAsync(Ct);
            Assert.NotNull(first);
            Assert.Equal(first, await reads.GetAsync(Ct));
            Assert.Equal(1, versionReads);

            // A part built in a scope of its own takes the version this request read.
            var inPart = await scope.ServiceProvider.GetRequiredService<ReportScopes>()
                .BuildAsync(services => services.GetRequiredService<ReportReadVersion>().GetAsync(Ct));
            Assert.Equal(first, inPart);
            Assert.Equal(1, versionReads);

            // This scope writes report data: what it reads from now on is newer than that version.
            var intervention = await db.Interventions.SingleAsync(i => i.Id == interventionId, Ct);
            intervention.Name += " (ny)";
            await db.SaveChangesAsync(Ct);
            var second = await reads.GetAsync(Ct);
            Assert.NotNull(second);
            Assert.NotEqual(first, second);
            Assert.Equal(2, versionReads);
        }
        finally
        {
            Factory.Commands.Reset();
        }
    }

    /// <summary>A read of the report data version, on SQLite (its row) or PostgreSQL (its sequence).</summary>
    private static bool IsVersionRead(string text) =>
        text.Contains($"FROM \"{ReportDataVersion.SqliteTable}\" WHERE", StringComparison.Ordinal)
        || text.Contains($"FROM {ReportDataVersion.Sequence}", StringComparison.Ordinal);

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
}
