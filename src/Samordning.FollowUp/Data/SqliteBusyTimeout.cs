using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Samordning.FollowUp.Data;

/// <summary>
/// SQLite has one writer at a time. Without a busy timeout a writer that finds the database locked
/// gets SQLITE_BUSY at once, and Microsoft.Data.Sqlite sleeps 150 ms before it tries again: at
/// eight concurrent intakes that sleep was the p99 (README, "Performance"). With
/// <c>PRAGMA busy_timeout</c> SQLite itself waits for the lock and retries within a millisecond or two.
/// Set on every connection as it opens (pooled connections keep it; setting it again is a no-op).
/// </summary>
internal sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    /// <summary>As long as the driver's own default command timeout (30 s): waiting longer than a request would is pointless.</summary>
    public const int Milliseconds = 30_000;

    private const string Pragma = "PRAGMA busy_timeout = 30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
