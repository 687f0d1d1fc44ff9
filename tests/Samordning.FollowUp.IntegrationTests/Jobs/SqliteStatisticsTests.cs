using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.Jobs;

namespace Samordning.FollowUp.IntegrationTests.Jobs;

/// <summary>SQLite's planner statistics: gathered at start-up and refreshed by the nightly indicator job.</summary>
[Collection(ApiTestGroup.Name)]
[Trait("Feature", "Jobs")]
public sealed class SqliteStatisticsTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task IndicatorJob_OnSqlite_GathersPlannerStatisticsForTheParticipations()
    {
        if (Factory.Provider != DatabaseProvider.Sqlite)
        {
            Assert.Skip("PostgreSQL keeps its own planner statistics (autovacuum).");
        }

        var intervention = await Data.InterventionAsync(Mode.Identified, start: new DateOnly(2025, 1, 1));
        await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Woman(0), new DateOnly(2025, 2, 1), new DateOnly(2025, 6, 1));
        await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Man(0), new DateOnly(2025, 2, 1), new DateOnly(2025, 7, 1));

        // Whatever an earlier run gathered is gone: what the job leaves is the job's.
        await Factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM sqlite_stat1", Ct));
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CallerContext>().RunAsSystem();
            await ActivatorUtilities.CreateInstance<IndicatorComputationJob>(scope.ServiceProvider).RunAsync(Ct);
        }

        // sqlite_stat1 holds one row per index the planner can now weigh; the end-date index among them.
        var participationIndexes = await Factory.WithDbAsync(db => db.Database
            .SqlQueryRaw<string>("""SELECT "idx" AS "Value" FROM sqlite_stat1 WHERE "tbl" = 'Participations' AND "idx" IS NOT NULL""")
            .ToListAsync(Ct));
        Assert.Contains(participationIndexes, i => i.Contains("EndDate", StringComparison.Ordinal));
    }
}
