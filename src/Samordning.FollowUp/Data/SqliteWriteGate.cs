using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Samordning.FollowUp.Data;

/// <summary>
/// SQLite's one writer, queued in the process: a transaction on SQLite (Microsoft.Data.Sqlite begins
/// every one with <c>BEGIN IMMEDIATE</c>, which takes the write lock at once) first waits its turn here,
/// and the next in line is woken the moment the one before commits or rolls back. Without it the
/// waiters poll: SQLite's busy handler sleeps 1, 2, 5, 10 … 100 ms between tries, so at eight
/// concurrent intakes the lock stood free while the next writer slept, which was the intake's p99
/// (README, "Performance"). One queue per database file, shared by every context in the process.
/// </summary>
/// <remarks>
/// The queue only orders writers SQLite would serialise anyway; it never decides whether a write may
/// happen. A writer that has waited <see cref="SqliteConnectionSettings.Milliseconds"/> goes on
/// without its turn and is left to SQLite's own busy timeout, as before. A turn ends when the
/// transaction commits, rolls back or fails, when its context begins another, and at the latest
/// when the context is disposed (a transaction disposed without commit or rollback). Statements outside a transaction (a single-row save, an
/// ExecuteUpdate) are not queued: SQLite's busy timeout still serialises them.
/// </remarks>
internal sealed class SqliteWriteGate : IDbTransactionInterceptor
{
    public static readonly SqliteWriteGate Instance = new();

    private static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(SqliteConnectionSettings.Milliseconds);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _queues = new(StringComparer.Ordinal);

    private SqliteWriteGate()
    {
    }

    /// <summary>Whether no transaction holds the turn on <paramref name="connection"/>'s database (for the tests).</summary>
    public bool IsFree(DbConnection connection) => QueueOf(connection).CurrentCount == 1;

    private SemaphoreSlim QueueOf(DbConnection connection) =>
        _queues.GetOrAdd(((SqliteConnection)connection).DataSource, _ => new SemaphoreSlim(1, 1));

    public InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (eventData.Context is FollowUpDbContext db)
        {
            db.EndWriteTurn();
            var queue = QueueOf(connection);
            if (queue.Wait(Patience))
            {
                db.WriteTurn = queue;
            }
        }

        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is FollowUpDbContext db)
        {
            db.EndWriteTurn();
            var queue = QueueOf(connection);
            if (await queue.WaitAsync(Patience, cancellationToken))
            {
                db.WriteTurn = queue;
            }
        }

        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => End(eventData);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        End(eventData);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => End(eventData);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        End(eventData);

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => End(eventData);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default) =>
        End(eventData);

    private static Task End(DbContextEventData eventData)
    {
        (eventData.Context as FollowUpDbContext)?.EndWriteTurn();
        return Task.CompletedTask;
    }
}
