using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Disclosure;
using Samordning.FollowUp.Features.Reports.Presentation;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Reports;

/// <summary>
/// A report a signed-in user read is built again after a change before its next reader asks, so the
/// reader is served what the warmer built (README, "Performance", "Reports kept warm").
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class ReportWarmerTests(ApiFactory factory) : ApiTest(factory)
{
    private static readonly DateOnly March = new(2026, 3, 2);

    [Fact]
    public async Task AReportTheOfficeRead_IsBuiltAgainAfterAnIntakeAnExitAndTheIndicatorJob_AndItsNextReaderBuildsNothing()
    {
        var interventionId = await SetUpAsync();
        var (warmer, built) = Services(Factory.Services);

        Assert.Equal(2, (await Office.ReportAsync(Data.HomeAssociationId, 2026, 1)).TotalOf("active"));
        Assert.Equal(1, warmer.Count);
        // Nothing has changed since the office read it: nothing to build.
        Assert.Equal(0, await warmer.WarmAsync(Ct));

        var third = await Coach.AnonymousAsync(Data, interventionId, "Man", March);
        Assert.Equal(1, await warmer.WarmAsync(Ct));
        var builds = built.Built;
        Assert.Equal(3, (await Office.ReportAsync(Data.HomeAssociationId, 2026, 1)).TotalOf("active"));
        Assert.Equal(builds, built.Built);

        await Data.ExitAsync(third.Id, TestData.Exit(new DateOnly(2026, 4, 10)));
        Assert.Equal(1, await warmer.WarmAsync(Ct));
        builds = built.Built;
        var afterExit = await Office.ReportAsync(Data.HomeAssociationId, 2026, 1);
        Assert.Equal(1, afterExit.TotalOf("ended"));
        Assert.Equal(builds, built.Built);

        // The nightly indicator job writes past the change tracker (set-based): built again too.
        Assert.True((await Factory.SendAsync(new ComputeIndicatorsCommand(), Ct)).Figures > 0, "the exit gives the job figures to store");
        Assert.Equal(1, await warmer.WarmAsync(Ct));
        builds = built.Built;
        Assert.Equal(1, (await Office.ReportAsync(Data.HomeAssociationId, 2026, 1)).TotalOf("ended"));
        Assert.Equal(builds, built.Built);
    }

    [Fact]
    public async Task TheBoardsMaskedReport_IsKeptWarm_AndANewDayIsBuiltLikeAChange()
    {
        var association = await Data.AssociationAsync(smallNumberThreshold: 3);
        var provider = await Data.ProviderAsync(association.Id);
        var intervention = await Data.InterventionAsync(association.Id, provider.Id, Mode.AnonymousIndividual);
        await Coach.AnonymousAsync(Data, intervention.Id, "Woman", March, new DateOnly(2026, 6, 10));
        await Coach.AnonymousAsync(Data, intervention.Id, "Man", March);
        var (warmer, built) = Services(Factory.Services);
        var board = Users.BoardOf(association.Id);

        var read = await board.ReportAsync(association.Id, 2026, 2);
        Assert.Contains("\"masked\":true", read["presentation"]!.ToJsonString(), StringComparison.Ordinal);

        // The next day: the data-quality rows and follow-up states read the date, so the report is built for it.
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await warmer.WarmAsync(Ct));
        var builds = built.Built;
        var again = await board.ReportAsync(association.Id, 2026, 2);
        Assert.Equal(builds, built.Built);
        // The same figures and masks, built for the new day.
        Assert.Equal(read["presentation"]!["keyFigures"]!.ToJsonString(), again["presentation"]!["keyFigures"]!.ToJsonString());
        Assert.Contains("\"masked\":true", again["presentation"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.NotEqual(read["presentation"]!["generatedText"]!.ToJsonString(), again["presentation"]!["generatedText"]!.ToJsonString());
    }

    [Fact]
    public async Task AReportOnlyTheOfficeRead_IsKeptWarmWithoutTheBoardsMasks_UntilTheBoardReadsIt()
    {
        var association = await Data.AssociationAsync(smallNumberThreshold: 3);
        var provider = await Data.ProviderAsync(association.Id);
        var intervention = await Data.InterventionAsync(association.Id, provider.Id, Mode.AnonymousIndividual);
        await Coach.AnonymousAsync(Data, intervention.Id, "Woman", March);
        await Coach.AnonymousAsync(Data, intervention.Id, "Man", March);
        var (warmer, built) = Services(Factory.Services);
        // The service outlives every test: its memo counts the tables earlier tests built too.
        var masks = Factory.Services.GetRequiredService<YearMaskMemo>();
        masks.Clear();
        var tablesBefore = masks.TablesBuilt;
        var (office, board) = (Users.OfficeOf(association.Id), Users.BoardOf(association.Id));

        Assert.Equal(2, (await office.ReportAsync(association.Id, 2026, 1)).TotalOf("active"));
        Assert.Equal(tablesBefore, masks.TablesBuilt);
        await Coach.AnonymousAsync(Data, intervention.Id, "Man", March);
        Assert.Equal(1, await warmer.WarmAsync(Ct));
        // The office's exact view: no year table was built for masks nobody is shown.
        Assert.Equal(tablesBefore, masks.TablesBuilt);
        var builds = built.Built;
        Assert.Equal(3, (await office.ReportAsync(association.Id, 2026, 1)).TotalOf("active"));
        Assert.Equal(builds, built.Built);

        // Once the board has read it, its masked view is kept warm too, beside the office's.
        Assert.Contains("\"masked\":true", (await board.ReportAsync(association.Id, 2026, 1))["presentation"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(2, warmer.Count);
        var tables = masks.TablesBuilt;
        Assert.True(tables > tablesBefore, "the board's view masks the year");
        await Coach.AnonymousAsync(Data, intervention.Id, "Woman", March);
        Assert.Equal(2, await warmer.WarmAsync(Ct));
        Assert.True(masks.TablesBuilt > tables, "the warmer masked the changed year for the board");
        builds = built.Built;
        var boardView = await board.ReportAsync(association.Id, 2026, 1);
        Assert.Equal(4, (await office.ReportAsync(association.Id, 2026, 1)).TotalOf("active"));
        Assert.Equal(builds, built.Built);
        Assert.Null(boardView["report"]);
    }

    [Fact]
    public async Task NothingUnread_IsBuilt_AndAReportNobodyReadForWarmHours_OrThatCannotBeBuilt_IsForgotten()
    {
        var interventionId = await SetUpAsync();
        var (warmer, _) = Services(Factory.Services);

        // Read by nobody (the jobs and the warmer itself are no readers): nothing to keep warm.
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CallerContext>().RunAsSystem();
            await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetTertialReportQuery(Data.HomeAssociationId, 2026, 1, "Period", null), Ct);
        }

        await Coach.AnonymousAsync(Data, interventionId, "Man", March);
        Assert.Equal(0, warmer.Count);
        Assert.Equal(0, await warmer.WarmAsync(Ct));

        await Office.ReportAsync(Data.HomeAssociationId, 2026, 1);
        await Coach.AnonymousAsync(Data, interventionId, "Woman", March);
        Factory.Clock.Advance(TimeSpan.FromHours(new ReportOptions().WarmHours) + TimeSpan.FromMinutes(1));
        Assert.Equal(0, await warmer.WarmAsync(Ct));
        Assert.Equal(0, warmer.Count);

        // A report that cannot be built (here: an association that does not exist) is forgotten, not tried every few seconds.
        warmer.Read(new GetTertialReportQuery(long.MaxValue, 2026, 1, "Period", null), ReportAudience.Office, null);
        Assert.Equal(0, await warmer.WarmAsync(Ct));
        Assert.Equal(0, warmer.Count);
    }

    [Fact]
    public async Task TheBackgroundWarmer_BuildsAChangeMadeThroughAnotherInstance()
    {
        var interventionId = await SetUpAsync();
        // An instance whose warmer runs every second (the tests' own service runs none); stopped with
        // the test, so that it reads nothing while later tests count their commands.
        await using var warm = Factory.WithWebHostBuilder(builder => builder.UseSetting("Reports:WarmSeconds", "1"));
        var (warmer, built) = Services(warm.Services);
        await Office.EnsureSignedInAsync();
        using var http = warm.CreateClient();
        http.DefaultRequestHeaders.Authorization = Office.Http.DefaultRequestHeaders.Authorization;
        using var officeThere = new ApiClient(http);
        Assert.Equal(2, (await officeThere.ReportAsync(Data.HomeAssociationId, 2026, 1)).TotalOf("active"));
        var warmed = warmer.Warmed;

        // The intake goes through the other service; the warm one only sees the data version move.
        await Coach.AnonymousAsync(Data, interventionId, "Man", March);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (warmer.Warmed == warmed && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100, Ct);
        }

        Assert.True(warmer.Warmed > warmed, "the background warmer built the report after the change");
        var builds = built.Built;
        Assert.Equal(3, (await officeThere.ReportAsync(Data.HomeAssociationId, 2026, 1)).TotalOf("active"));
        Assert.Equal(builds, built.Built);
    }

    private static (ReportWarmer Warmer, BuiltReports Built) Services(IServiceProvider services)
    {
        var warmer = services.GetRequiredService<ReportWarmer>();
        var built = services.GetRequiredService<BuiltReports>();
        // The service outlives every test: it remembers the reports earlier tests read.
        warmer.Clear();
        built.Clear();
        return (warmer, built);
    }

    /// <summary>One anonymous-individual intervention of the home association with two participants active in T1 2026.</summary>
    private async Task<long> SetUpAsync()
    {
        var association = await Data.AssociationAsync();
        await Data.ProviderAsync(association.Id);
        var intervention = await Data.InterventionAsync(Data.HomeAssociationId, Data.HomeProviderId, Mode.AnonymousIndividual);
        await Coach.AnonymousAsync(Data, intervention.Id, "Woman", March);
        await Coach.AnonymousAsync(Data, intervention.Id, "Man", March);
        return intervention.Id;
    }
}
