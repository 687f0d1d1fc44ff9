using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Benchmarks;

/// <summary>
/// Writes the generated participations (and the anonymous people they introduce) straight into the
/// tables, bypassing the service: one prepared INSERT in one transaction on SQLite, binary COPY on
/// PostgreSQL.
/// </summary>
internal static class BulkInsert
{
    public static async Task FillAsync(IServiceProvider services, DatabaseProvider provider, int size,
        List<(long Id, long ProviderId, RegistrationMode Mode)> interventions, Dictionary<long, long[]> participants, DateOnly today)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FollowUpDbContext>();
        var firstNewId = await db.Participants.MaxAsync(p => p.Id) + 1;
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();

        // Two passes over the same seeded sequence: first the anonymous people it needs, then the
        // participations. Nothing is held in memory, whatever the size.
        ParticipationGenerator Generator() => new(new Random(20261123), interventions, participants, today, firstNewId);
        if (provider == DatabaseProvider.PostgreSql)
        {
            var npgsql = (NpgsqlConnection)connection;
            await CopyPostgresAsync(npgsql, "Participants", ParticipationGenerator.ParticipantColumns, Rows(Generator(), size, participantsPass: true));
            await CopyPostgresAsync(npgsql, "Participations", ParticipationGenerator.Columns, Rows(Generator(), size, participantsPass: false));
            await using var sequence = npgsql.CreateCommand();
            sequence.CommandText = "SELECT setval(pg_get_serial_sequence('\"Participants\"', 'Id'), (SELECT MAX(\"Id\") FROM \"Participants\"))";
            await sequence.ExecuteScalarAsync();
        }
        else
        {
            var sqlite = (SqliteConnection)connection;
            await InsertSqliteAsync(sqlite, "Participants", ParticipationGenerator.ParticipantColumns, Rows(Generator(), size, participantsPass: true));
            await InsertSqliteAsync(sqlite, "Participations", ParticipationGenerator.Columns, Rows(Generator(), size, participantsPass: false));
        }

        // Each participation carries its person's gender (Participation.Gender), as every save in the
        // service writes it; the rows above were written past the service, so it is copied here.
        await using var genders = connection.CreateCommand();
        genders.CommandText = """
            UPDATE "Participations" AS p SET "Gender" = x."Gender"
            FROM "Participants" AS x
            WHERE x."Id" = p."ParticipantId" AND p."Gender" <> x."Gender"
            """;
        genders.CommandTimeout = 1800;
        await genders.ExecuteNonQueryAsync();
    }

    private static IEnumerable<object?[]> Rows(ParticipationGenerator generator, int size, bool participantsPass)
    {
        for (var i = 0; i < size; i++)
        {
            var (participation, person) = generator.Next();
            if (!participantsPass)
            {
                yield return participation;
            }
            else if (person is not null)
            {
                yield return person;
            }
        }
    }

    private static async Task InsertSqliteAsync(SqliteConnection connection, string table, string[] columns, IEnumerable<object?[]> rows)
    {
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;";
            await pragma.ExecuteNonQueryAsync();
        }

        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        var parameters = columns.Select(c => insert.Parameters.Add(new SqliteParameter("$" + c, null))).ToArray();
        insert.Prepare();
        foreach (var row in rows)
        {
            for (var c = 0; c < parameters.Length; c++)
            {
                parameters[c].Value = row[c] switch
                {
                    null => DBNull.Value,
                    string[] list => "[" + string.Join(',', list.Select(s => $"\"{s}\"")) + "]",
                    DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    var v => v,
                };
            }

            await insert.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
    }

    private static async Task CopyPostgresAsync(NpgsqlConnection connection, string table, string[] columns, IEnumerable<object?[]> rows)
    {
        await using var import = await connection.BeginBinaryImportAsync(
            $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)");
        // The server checks 2,000,000 rows' keys and indexes as the import completes: more than the
        // connection's 30 s command timeout, which ended the PostgreSQL fill at that size.
        import.Timeout = TimeSpan.FromMinutes(30);
        foreach (var row in rows)
        {
            await import.StartRowAsync();
            foreach (var value in row)
            {
                switch (value)
                {
                    case null: await import.WriteNullAsync(); break;
                    case string[] list: await import.WriteAsync(list, NpgsqlDbType.Array | NpgsqlDbType.Text); break;
                    case DateOnly d: await import.WriteAsync(d, NpgsqlDbType.Date); break;
                    case DateTime t: await import.WriteAsync(t, NpgsqlDbType.TimestampTz); break;
                    case long l: await import.WriteAsync(l, NpgsqlDbType.Bigint); break;
                    case int n: await import.WriteAsync(n, NpgsqlDbType.Integer); break;
                    case string s: await import.WriteAsync(s, NpgsqlDbType.Text); break;
                    default: throw new InvalidOperationException(value.GetType().Name);
                }
            }
        }

        await import.CompleteAsync();
    }
}
