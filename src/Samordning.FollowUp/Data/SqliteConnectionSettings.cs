using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Samordning.FollowUp.Data;

/// <summary>
/// SQLite has one writer at a time. Without a busy timeout a writer that finds the database locked
/// gets SQLITE_BUSY at once, and Microsoft.Data.Sqlite sleeps 150 ms before it tries again: at
/// eight concurrent intakes that sleep was the p99 (README, "Performance"). With
/// <c>PRAGMA busy_timeout</c> SQLite itself waits for the lock, retrying after 1, 2, 5, 10 … 100 ms;
/// the service's own transactions queue in the process before that (<see cref="SqliteWriteGate"/>).
/// Set once on each of SQLite's own connections: Microsoft.Data.Sqlite pools them, and a pooled one
/// keeps its settings, so a context opening a pooled connection again (several times in one request)
/// does not pay for the command again.
/// </summary>
/// <remarks>
/// The same command puts the database in write-ahead logging (<c>journal_mode = WAL</c>, stored in
/// the file, so only the first connection changes anything) with <c>synchronous = NORMAL</c>: a
/// commit appends to the log without waiting for the disk, readers never wait for the writer, and
/// the writer never waits for readers. In WAL mode NORMAL is safe against a crash of the service
/// (every committed transaction survives it); only a power cut or an operating-system crash may
/// lose the last transactions before a checkpoint, never corrupt the database. Before, the database
/// ran in the default rollback journal with <c>synchronous = FULL</c>: several fsyncs per commit,
/// every intake waiting for the disk while holding the one write lock. An in-memory database
/// answers "memory" and stays as it is.
/// <para>And it has SQLite read the first 256 MiB of the file through memory mapping
/// (<c>mmap_size</c>): pages are read in place from the operating system's file cache instead of
/// being copied into each connection's own page cache (2 MiB by default). The report's grouped
/// queries over a year's participations take about a third less time with it (README,
/// "Performance"). The mapped pages are the operating system's file cache, shared by every
/// connection and given back under memory pressure; writes still go through the write-ahead log.</para>
/// </remarks>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    /// <summary>SQLite's connections (the native handle a pooled connection keeps) already set.</summary>
    private readonly ConditionalWeakTable<sqlite3, object> _set = [];

    /// <summary>As long as the driver's own default command timeout (30 s): waiting longer than a request would is pointless.</summary>
    public const int Milliseconds = 30_000;

    /// <summary>How much of the database file SQLite reads through memory mapping: 256 MiB.</summary>
    public const long MemoryMappedBytes = 256L * 1024 * 1024;

    private const string Pragma = "PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA mmap_size = 268435456;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!FirstOpen(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
        Remember(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!FirstOpen(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Remember(connection);
    }

    /// <summary>Whether SQLite's connection under <paramref name="connection"/> has not been set yet.</summary>
    private bool FirstOpen(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || !_set.TryGetValue(handle, out _);

    private void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            _set.TryAdd(handle, this);
        }
    }
}
