using Microsoft.EntityFrameworkCore;

namespace Samordning.FollowUp.Data;

/// <summary>
/// SQLite's planner has no statistics until ANALYZE gathers them; without them it chose to scan
/// every participation of an intervention for the report's exits instead of the end-date index
/// (README, "Performance"). Gathered after migration and again by the nightly indicator job, with
/// <c>analysis_limit</c> so the cost stays bounded as the tables grow. PostgreSQL (autovacuum) and
/// SQL Server (auto statistics) keep theirs themselves: nothing to do there.
/// </summary>
public static class SqliteStatistics
{
    private const string Analyze = "PRAGMA analysis_limit = 1000; ANALYZE;";

    public static async Task RefreshAsync(FollowUpDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync(Analyze, cancellationToken);
        }
    }
}
