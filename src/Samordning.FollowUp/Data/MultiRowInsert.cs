using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Samordning.FollowUp.Data;

/// <summary>
/// Inserts many rows of one entity as multi-row <c>INSERT … VALUES (…), (…)</c> statements, each as
/// many rows as the parameter limit allows, instead of EF Core's one statement per row (SQLite got
/// 6,699 single-row inserts from one indicator run). Columns, names and value conversions come from
/// the EF model, so the rows are stored exactly as SaveChanges would store them; the store-generated
/// key is left to the database. Runs in the context's current transaction; nothing is tracked.
/// </summary>
internal static class MultiRowInsert
{
    /// <summary>SQL Server takes at most 2,100 parameters in one command; SQLite and PostgreSQL more.</summary>
    private const int MaxParameters = 2_000;

    public static async Task InsertRowsAsync<T>(this FollowUpDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var properties = entity.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .Select(p => (Getter: p.GetGetter(), Converter: p.GetTypeMapping().Converter, Column: p.GetColumnName(store)!))
            .ToList();
        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table, entity.GetSchema())} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.Column)))}) VALUES ";

        // Through EF Core (ExecuteSqlRaw): the current transaction, and the interceptors see every statement.
        foreach (var chunk in rows.Chunk(Math.Max(1, MaxParameters / properties.Count)))
        {
            var text = new StringBuilder(head);
            var values = new List<object?>(chunk.Length * properties.Count);
            foreach (var row in chunk)
            {
                text.Append(values.Count == 0 ? "(" : ", (");
                for (var column = 0; column < properties.Count; column++)
                {
                    var (getter, converter, _) = properties[column];
                    var value = getter.GetClrValue(row);
                    text.Append(column == 0 ? "{" : ", {").Append(values.Count).Append('}');
                    values.Add(value is not null && converter is not null ? converter.ConvertToProvider(value) : value);
                }

                text.Append(')');
            }

            await db.Database.ExecuteSqlRawAsync(text.ToString(), values!, cancellationToken);
        }
    }
}
