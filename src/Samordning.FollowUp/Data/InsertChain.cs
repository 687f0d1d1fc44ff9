using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Samordning.FollowUp.Data;

/// <summary>
/// Saves new rows that hang together in <b>one command</b>: each row may take the key the database
/// gives the row before it (an intake's participation takes its new person's, its audit line the
/// participation's). <c>SaveChanges</c> needs a command per row there, because a row that needs a
/// key the database generates can only be sent once the row before it has come back (and SQLite's
/// provider sends one statement per command anyway). README, "Performance", "Intake under load".
/// </summary>
/// <remarks>
/// <para>The rows are tracked as Added, exactly as for <c>SaveChanges</c>, and are looked at as it
/// looks at its changes (<see cref="FollowUpDbContext.InspectNew"/>: a participation takes its
/// person's gender; the report data marks). Their columns, names and value conversions come from the
/// EF model and each value is bound by its property's type mapping, so the rows are stored exactly
/// as <c>SaveChanges</c> stores them. The marks and, on SQLite, the report data version's move go in
/// the same command. Afterwards each row has its key, the linked properties hold the keys they took,
/// and the rows are tracked as Unchanged.</para>
/// <para>The command goes through EF Core's command pipeline (its logging and interceptors), in the
/// caller's transaction, which must be open: a failure leaves nothing written once it rolls back.</para>
/// <para>SQLite: one statement per row, each <c>RETURNING</c> its key, the next taking
/// <c>last_insert_rowid()</c>. PostgreSQL: one statement, the rows as data-modifying <c>WITH</c>
/// parts each taking the key the part before returned. SQL Server, which cannot be run here, saves
/// the rows one by one through <c>SaveChanges</c> (the way every intake was saved before).</para>
/// </remarks>
internal static class InsertChain
{
    /// <summary>A new row, and the property of it that takes the key of the row before it (if any).</summary>
    internal readonly record struct Link(object Entity, string? TakesKeyBefore = null);

    public static async Task SaveChainAsync(this FollowUpDbContext db, IReadOnlyList<Link> links, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(links);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A chain of rows is saved in its caller's transaction.");
        var entries = Entries(db, links);
        if (entries.Count == 0 || entries.Any(e => e.State != EntityState.Added) || links[0].TakesKeyBefore is not null)
        {
            throw new InvalidOperationException("A chain is new rows (tracked as Added); the first takes no key.");
        }

        if (db.Provider == DatabaseProvider.SqlServer)
        {
            await SaveOneByOneAsync(db, links, cancellationToken);
            return;
        }

        var marks = db.InspectNew(entries);
        var (text, parameters) = Command(db, links, entries);
        text.Append(ReportDataVersion.InTransactionSql(db, transaction, marks));

        var raw = db.GetService<IRawSqlCommandBuilder>().Build(text.ToString(), parameters, db.Model);
        var keys = new long[links.Count];
        // As SaveChanges does in a transaction it did not begin (the caller leaves savepoints on only
        // then): a refused chain is rolled back to here, leaving the caller's transaction as it was.
        var savepoint = db.Database.AutoSavepointsEnabled ? Savepoint : null;
        if (savepoint is not null)
        {
            await db.Database.CurrentTransaction!.CreateSavepointAsync(savepoint, cancellationToken);
        }

        try
        {
            await ReadKeysAsync(db, raw, keys, cancellationToken);
        }
        catch (Exception) when (savepoint is not null)
        {
            await db.Database.CurrentTransaction!.RollbackToSavepointAsync(savepoint, CancellationToken.None);
            throw;
        }

        if (savepoint is not null)
        {
            await db.Database.CurrentTransaction!.ReleaseSavepointAsync(savepoint, cancellationToken);
        }

        db.ReportDataWritten(transaction);
        for (var row = 0; row < entries.Count; row++)
        {
            if (links[row].TakesKeyBefore is { } linked)
            {
                Take(entries[row], linked, keys[row - 1]);
            }

            var key = entries[row].Property(KeyOf(entries[row].Metadata).Name);
            key.CurrentValue = keys[row];
            key.IsTemporary = false;
            // As SaveChanges leaves a saved row: unchanged, what was written as its original values.
            entries[row].State = EntityState.Unchanged;
            entries[row].OriginalValues.SetValues(entries[row].CurrentValues);
        }
    }

    private const string Savepoint = "insert_chain";

    /// <summary>Runs the command and reads the key each row got.</summary>
    private static async Task ReadKeysAsync(FollowUpDbContext db, RawSqlCommand raw, long[] keys, CancellationToken cancellationToken)
    {
        await using (var reader = await raw.RelationalCommand.ExecuteReaderAsync(
            new RelationalCommandParameterObject(db.GetService<IRelationalConnection>(), raw.ParameterValues, null, db,
                db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.SaveChanges),
            cancellationToken))
        {
            var data = reader.DbDataReader;
            if (db.Provider == DatabaseProvider.Sqlite)
            {
                // One result per row, in order; the statements after the last are run by reading past it.
                for (var row = 0; row < keys.Length; row++)
                {
                    if ((row > 0 && !await data.NextResultAsync(cancellationToken)) || !await data.ReadAsync(cancellationToken))
                    {
                        throw new InvalidOperationException("A row of the chain returned no key.");
                    }

                    keys[row] = data.GetInt64(0);
                }
            }
            else
            {
                if (!await data.ReadAsync(cancellationToken))
                {
                    throw new InvalidOperationException("The chain returned no keys.");
                }

                for (var row = 0; row < keys.Length; row++)
                {
                    keys[row] = data.GetInt64(row);
                }
            }

            while (await data.NextResultAsync(cancellationToken))
            {
            }
        }
    }

    /// <summary>SQL Server: one <c>SaveChanges</c> per row, each taking the key the one before got.</summary>
    internal static async Task SaveOneByOneAsync(FollowUpDbContext db, IReadOnlyList<Link> links, CancellationToken cancellationToken)
    {
        var entries = Entries(db, links);
        // Later rows wait (detached) until the row before them is saved and its key is known.
        var later = entries.Skip(1).ToList();
        foreach (var entry in later)
        {
            entry.State = EntityState.Detached;
        }

        await db.SaveChangesAsync(cancellationToken);
        for (var row = 1; row < entries.Count; row++)
        {
            var entry = db.Entry(links[row].Entity);
            entry.State = EntityState.Added;
            if (links[row].TakesKeyBefore is { } linked)
            {
                Take(entry, linked, (long)db.Entry(links[row - 1].Entity).Property(KeyOf(entries[row - 1].Metadata).Name).CurrentValue!);
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The rows' entries, without EF Core's detecting changes on each (<c>DbContext.Entry</c> does):
    /// the values are read from the entities themselves, and the rows are new.
    /// </summary>
    private static List<EntityEntry> Entries(FollowUpDbContext db, IReadOnlyList<Link> links)
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return [.. links.Select(l => db.Entry(l.Entity))];
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static void Take(EntityEntry entry, string property, long key)
    {
        var target = entry.Property(property);
        target.CurrentValue = target.Metadata.ClrType == typeof(string) ? key.ToString(CultureInfo.InvariantCulture) : key;
        target.IsTemporary = false;
    }

    private static IProperty KeyOf(IEntityType entity) =>
        entity.FindPrimaryKey() is { Properties: [{ ValueGenerated: ValueGenerated.OnAdd } key] } && key.ClrType == typeof(long)
            ? key
            : throw new InvalidOperationException($"{entity.DisplayName()} has no key of its own that the database generates.");

    /// <summary>The rows' statements; values as parameters bound by each property's type mapping.</summary>
    private static (StringBuilder Text, List<object> Parameters) Command(FollowUpDbContext db, IReadOnlyList<Link> links, List<EntityEntry> entries)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var sqlite = db.Provider == DatabaseProvider.Sqlite;
        using var factory = db.Database.GetDbConnection().CreateCommand();
        var keyColumns = new List<string>();
        var parameters = new List<object>();
        var text = new StringBuilder();
        for (var row = 0; row < entries.Count; row++)
        {
            var entity = entries[row].Metadata;
            var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var key = KeyOf(entity);
            keyColumns.Add(sql.DelimitIdentifier(key.GetColumnName(store)!));
            var columns = new List<string>();
            var values = new List<string>();
            foreach (var property in entity.GetProperties())
            {
                if (property == key)
                {
                    continue;
                }

                if (property.ValueGenerated != ValueGenerated.Never)
                {
                    throw new InvalidOperationException($"{entity.DisplayName()}.{property.Name} is generated by the database; a chain cannot write it.");
                }

                columns.Add(sql.DelimitIdentifier(property.GetColumnName(store)!));
                if (property.Name == links[row].TakesKeyBefore)
                {
                    var asText = property.ClrType == typeof(string);
                    values.Add(sqlite
                        ? asText ? "CAST(last_insert_rowid() AS TEXT)" : "last_insert_rowid()"
                        : $"(SELECT {(asText ? $"CAST({keyColumns[row - 1]} AS text)" : keyColumns[row - 1])} FROM \"row{row - 1}\")");
                    continue;
                }

                var mapping = (RelationalTypeMapping)property.GetTypeMapping();
                parameters.Add(mapping.CreateParameter(factory, "@c" + parameters.Count.ToString(CultureInfo.InvariantCulture),
                    entries[row].Property(property.Name).CurrentValue, property.IsNullable));
                values.Add("{" + (parameters.Count - 1).ToString(CultureInfo.InvariantCulture) + "}");
            }

            var insert = $"INSERT INTO {sql.DelimitIdentifier(store.Name, store.Schema)} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", values)}) " +
                $"RETURNING {keyColumns[row]}";
            if (sqlite)
            {
                text.Append(insert).Append(";\n");
            }
            else
            {
                text.Append(row == 0 ? "WITH " : ",\n").Append($"\"row{row}\" AS (").Append(insert).Append(')');
            }
        }

        if (!sqlite)
        {
            text.Append("\nSELECT ").AppendJoin(", ", keyColumns.Select((column, r) => $"(SELECT {column} FROM \"row{r}\")")).Append(";\n");
        }

        return (text, parameters);
    }
}
