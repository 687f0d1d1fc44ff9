using System.Data.Common;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data;

/// <summary>
/// A number in the database that moves after every committed change of anything a report reads,
/// so a built report can be reused for as long as it has not moved (README, "Performance",
/// "Built reports reused"). It is in the database, not in a process, so every instance of the
/// service sees a change made through another one.
/// </summary>
/// <remarks>
/// <para>How it moves: <see cref="FollowUpDbContext"/>'s <c>SaveChanges</c> notices added, changed
/// or deleted entities other than the ones no report reads (<see cref="IsReportData"/>), and
/// <see cref="ReportDataChangeInterceptor"/> every other writing statement sent through EF Core
/// (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>, <c>ExecuteSqlRaw</c>: the jobs' set-based writes).
/// The number moves <b>after</b> the change is committed — at once without a transaction, when the
/// transaction commits otherwise (never after a rollback); on SQLite inside the change's own
/// transaction instead (there is one writer at a time, so nobody waits for the row, and a reader
/// sees the change and the new number together or neither; a save without a transaction of its
/// own gets one), which spares SQLite a second commit per change. Moving it before the commit would let a
/// reader see the new number with the old data and keep the old figures under the new number; after
/// the commit, a reader that read the old number may build from the new data and keep that under
/// the old number, which nobody asks for once the number has moved.</para>
/// <para>Where it lives: on PostgreSQL and SQL Server a sequence (<c>nextval</c> and <c>NEXT VALUE
/// FOR</c> take no lock that other writers wait for and are not rolled back); on SQLite, whose
/// writers take turns anyway, one row with a random epoch, so that a database emptied and filled
/// again (a restored copy, the tests' reset) does not repeat an earlier number: without the row
/// nothing is reused until the next change writes it afresh.</para>
/// </remarks>
public static class ReportDataVersion
{
    public const string SqliteTable = "ReportDataVersion";
    public const string Sequence = "report_data_version";

    /// <summary>The current number, or null when there is none to trust (then nothing is reused).</summary>
    public static async Task<string?> ReadAsync(FollowUpDbContext db, CancellationToken cancellationToken)
    {
        var sql = db.Provider switch
        {
            DatabaseProvider.Sqlite => $"SELECT \"Epoch\" || ':' || CAST(\"Version\" AS TEXT) AS \"Value\" FROM \"{SqliteTable}\" WHERE \"Id\" = 1",
            DatabaseProvider.PostgreSql => $"SELECT CAST(CASE WHEN is_called THEN last_value ELSE 0 END AS text) AS \"Value\" FROM {Sequence}",
            _ => $"SELECT CAST(COALESCE(CAST(last_used_value AS bigint), 0) AS nvarchar(40)) AS [Value] FROM sys.sequences WHERE name = N'{Sequence}'",
        };
        var values = await db.Database.SqlQueryRaw<string>(sql).ToListAsync(cancellationToken);
        return values.Count == 1 ? values[0] : null;
    }

    /// <summary>
    /// Something a report reads was written through <paramref name="db"/>: the number moves now when
    /// no transaction is open, else when the open one commits — on SQLite inside it, with the change.
    /// </summary>
    /// <param name="marks">SQLite: the save's marks (<see cref="ReportDataMarks"/>), written by the same statement.</param>
    public static async Task ChangedAsync(FollowUpDbContext db, CancellationToken cancellationToken, IReadOnlyCollection<ReportDataChange>? marks = null)
    {
        if (db.Database.CurrentTransaction is { } transaction)
        {
            var current = transaction.GetDbTransaction();
            var move = MovesNowIn(db, current);
            if (move || marks is { Count: > 0 })
            {
                await using var command = Command(db, db.Database.GetDbConnection(), move, marks);
                command.Transaction = current;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            db.ReportDataWritten(current);
            return;
        }

        db.ReportDataWritten(null);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await MoveAsync(db, db.Database.GetDbConnection(), cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <inheritdoc cref="ChangedAsync"/>
    public static void Changed(FollowUpDbContext db, IReadOnlyCollection<ReportDataChange>? marks = null)
    {
        if (db.Database.CurrentTransaction is { } transaction)
        {
            var current = transaction.GetDbTransaction();
            var move = MovesNowIn(db, current);
            if (move || marks is { Count: > 0 })
            {
                using var command = Command(db, db.Database.GetDbConnection(), move, marks);
                command.Transaction = current;
                command.ExecuteNonQuery();
            }

            db.ReportDataWritten(current);
            return;
        }

        db.ReportDataWritten(null);
        db.Database.OpenConnection();
        try
        {
            Move(db, db.Database.GetDbConnection());
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }

    /// <summary>SQLite moves the number inside the transaction that changed the data (<see cref="ChangedAsync"/>).</summary>
    internal static bool MovesInTransaction(FollowUpDbContext db) => db.Provider == DatabaseProvider.Sqlite;

    /// <summary>
    /// Moves the number on an open connection with no transaction (a plain ADO.NET command, so EF
    /// Core's interceptors do not see it as a change of their own).
    /// </summary>
    internal static async Task MoveAsync(FollowUpDbContext db, DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Command(db, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static void Move(FollowUpDbContext db, DbConnection connection)
    {
        using var command = Command(db, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// For a command written by hand inside <paramref name="transaction"/> (<see cref="InsertChain"/>):
    /// the statements that write its marks and, on SQLite, move the number in it. The caller sets
    /// <see cref="FollowUpDbContext.ReportDataChangedIn"/> once the command has run, so the number
    /// moves (elsewhere) when the transaction commits.
    /// </summary>
    internal static string InTransactionSql(FollowUpDbContext db, DbTransaction transaction, IReadOnlyCollection<ReportDataChange> marks) =>
        Text(db, MovesNowIn(db, transaction), marks);

    /// <summary>SQLite moves the number inside a transaction once, with its first change of report data.</summary>
    private static bool MovesNowIn(FollowUpDbContext db, DbTransaction transaction) =>
        db.Provider == DatabaseProvider.Sqlite && db.ReportDataChangedIn != transaction;

    private static DbCommand Command(FollowUpDbContext db, DbConnection connection, bool move = true, IReadOnlyCollection<ReportDataChange>? marks = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = Text(db, move, marks);
        return command;
    }

    private static string Text(FollowUpDbContext db, bool move, IReadOnlyCollection<ReportDataChange>? marks)
    {
        var text = !move ? "" : db.Provider switch
        {
            DatabaseProvider.Sqlite => $"INSERT INTO \"{SqliteTable}\" (\"Id\", \"Epoch\", \"Version\") VALUES (1, lower(hex(randomblob(8))), 1) " +
                "ON CONFLICT (\"Id\") DO UPDATE SET \"Version\" = \"Version\" + 1;",
            DatabaseProvider.PostgreSql => $"SELECT nextval('{Sequence}')",
            _ => $"DECLARE @v bigint; SET @v = NEXT VALUE FOR [{Sequence}];",
        };
        // SQLite: the save's marks in the same statement, so an intake costs no command more for them.
        return marks is { Count: > 0 } ? text + ReportDataMarks.InsertSql(marks) : text;
    }

    /// <summary>
    /// Whether an entity is something a report may read. Left out: the audit log, the key ring, the
    /// jobs' bookkeeping, notifications and answer-link invitations, and the users' sign-in data —
    /// none of them is in a report, and a sign-in must not make every report be built again.
    /// Anything else counts, so a new table is report data until someone decides otherwise.
    /// </summary>
    public static bool IsReportData(EntityEntry entry) =>
        entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
        && entry.Entity is not (AuditEntry or DataProtectionKey or JobWatermark or Notification or FollowUpInvitation or UserAccount or ReportDataChange)
        && entry.Metadata.ClrType.Namespace != typeof(Microsoft.AspNetCore.Identity.IdentityUserToken<>).Namespace;

}

/// <summary>
/// Moves <see cref="ReportDataVersion"/> for writes that bypass the change tracker (statements sent
/// with <c>ExecuteNonQuery</c> that changed a row; -1, "not known", counts as a change) and when a
/// transaction that changed report data commits.
/// </summary>
internal sealed class ReportDataChangeInterceptor(ILogger<ReportDataChangeInterceptor> logger) : DbCommandInterceptor, IDbTransactionInterceptor
{
    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        if (result != 0 && eventData.Context is FollowUpDbContext db && Writes(command.CommandText, eventData.CommandSource))
        {
            if (!ReportDataMarks.WritesNoSliceTable(db, command.CommandText))
            {
                using var mark = ReportDataMarks.UnknownCommand(db, command.Connection!, command.Transaction);
                mark.ExecuteNonQuery();
            }

            ReportDataVersion.Changed(db);
        }

        return result;
    }

    public override async ValueTask<int> NonQueryExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (result != 0 && eventData.Context is FollowUpDbContext db && Writes(command.CommandText, eventData.CommandSource))
        {
            // Which interventions a set-based statement touched is not known: it marks all of them, unless
            // it writes only tables no intervention's kept parts read (the jobs' stored results).
            if (!ReportDataMarks.WritesNoSliceTable(db, command.CommandText))
            {
                await using var mark = ReportDataMarks.UnknownCommand(db, command.Connection!, command.Transaction);
                await mark.ExecuteNonQueryAsync(cancellationToken);
            }

            await ReportDataVersion.ChangedAsync(db, cancellationToken);
        }

        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is FollowUpDbContext db && db.ReportDataChangedIn == transaction)
        {
            db.ReportDataChangedIn = null;
            if (ReportDataVersion.MovesInTransaction(db))
            {
                return;
            }

            try
            {
                ReportDataVersion.Move(db, db.Database.GetDbConnection());
            }
            catch (DbException exception)
            {
                NotMoved(exception);
            }
        }
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is FollowUpDbContext db && db.ReportDataChangedIn == transaction)
        {
            db.ReportDataChangedIn = null;
            if (ReportDataVersion.MovesInTransaction(db))
            {
                return;
            }

            try
            {
                await ReportDataVersion.MoveAsync(db, db.Database.GetDbConnection(), cancellationToken);
            }
            catch (DbException exception)
            {
                NotMoved(exception);
            }
        }
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(transaction, eventData);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(transaction, eventData);
        return Task.CompletedTask;
    }

    private static void Forget(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is FollowUpDbContext db && db.ReportDataChangedIn == transaction)
        {
            db.ReportDataChangedIn = null;
        }
    }

    /// <summary>
    /// The change is committed: a failure to move the number must not turn it into an error for the
    /// user. Logged; built reports live at most <c>Reports:BuiltReportMinutes</c> anyway.
    /// </summary>
    private void NotMoved(DbException exception) =>
        logger.LogWarning(exception, "The report data version could not be moved after a commit; reports built before it are reused until they expire.");

    /// <summary>
    /// A writing statement of the service's own (<c>ExecuteSqlRaw</c>, <c>ExecuteUpdate</c>,
    /// <c>ExecuteDelete</c>; <c>SaveChanges</c> is seen by the context, migrations change no data a
    /// report has read): not settings and statistics (<c>PRAGMA</c>, <c>ANALYZE</c>, <c>SET</c>), and not
    /// one that only touches the users' sign-in tables (refresh tokens, "Anvisad av").
    /// </summary>
    private static bool Writes(string text, CommandSource source)
    {
        if (source is not (CommandSource.ExecuteSqlRaw or CommandSource.ExecuteUpdate or CommandSource.ExecuteDelete))
        {
            return false;
        }

        var statement = text.AsSpan().TrimStart();
        if (statement.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase) || statement.StartsWith("ANALYZE", StringComparison.OrdinalIgnoreCase)
            || statement.StartsWith("SET ", StringComparison.OrdinalIgnoreCase) || statement.StartsWith("RESET ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var firstTable = statement.IndexOfAny('"', '[');
        return firstTable < 0 || !statement[(firstTable + 1)..].StartsWith("AspNetUser", StringComparison.Ordinal);
    }
}
