using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data;

/// <summary>
/// One committed change of report data, and the intervention whose figures it can change (none
/// named: any intervention's). Written in the same transaction as the change it marks, so a reader
/// sees the change and its mark together or neither (README, "Performance", "Only what changed is
/// counted again").
/// </summary>
public sealed class ReportDataChange
{
    public long Id { get; set; }

    /// <summary>The intervention whose figures the change can move; null when it can move anyone's.</summary>
    public long? InterventionId { get; set; }

    /// <summary>A random positive number below 2⁴⁰: an intervention's fingerprint is the sum of its marks' stamps.</summary>
    public long Stamp { get; set; }
}

/// <summary>
/// Which interventions' figures changed: each save of report data leaves a mark per intervention it
/// touched (<see cref="ReportDataChange"/>), or one mark that names none when it cannot tell. An
/// intervention's <b>fingerprint</b> is the sum of the stamps of its own marks and of the marks that
/// name none. Stamps are positive, so every committed mark makes the fingerprint larger: equal
/// fingerprints mean no committed change in between, whatever order the changes committed in (a
/// highest id would not tell that: ids are drawn before the commit). Stamps are random, so a
/// database emptied and filled again (the tests' reset, a restored copy) does not repeat a
/// fingerprint that an earlier one had; with no marks at all the fingerprint is 0, which nothing
/// is kept under.
/// </summary>
/// <remarks>
/// The year's report parts are read and kept per intervention under its fingerprint
/// (<c>Features/Reports/InterventionSlices</c>): after an intake only that intervention is counted
/// again. Where a change cannot be traced to one intervention it names none and every intervention
/// is counted again — a change the rules below do not know is always one of those, so a new kind of
/// data can make reports slower, never wrong.
/// </remarks>
public static class ReportDataMarks
{
    public const string Table = "ReportDataChanges";

    /// <summary>Stamps are below this, so 2²³ marks of one intervention sum without overflow.</summary>
    private const long StampLimit = 1L << 40;

    public static long NewStamp() => Random.Shared.NextInt64(1, StampLimit);

    /// <summary>
    /// Adds to <paramref name="touched"/> the interventions whose figures <paramref name="entry"/>'s
    /// change can move, or null for "any". Only report data is passed in
    /// (<see cref="ReportDataVersion.IsReportData"/>).
    /// </summary>
    internal static void Collect(FollowUpDbContext db, EntityEntry entry, HashSet<long?> touched)
    {
        switch (entry.Entity)
        {
            // A new person counts nowhere until a participation names them (that save marks its intervention).
            case Participant when entry.State == EntityState.Added:
                return;
            case Participation:
            case InterventionTertialCount:
            case Referral:
            case InterventionChange:
                Both(entry, nameof(Participation.InterventionId), touched);
                return;
            case Intervention when entry.State != EntityState.Added:
                Both(entry, nameof(Intervention.Id), touched);
                return;
            case TwelveMonthFollowUp followUp:
                touched.Add(OfParticipation(db, followUp.ParticipationId));
                return;
            case FollowUpResult result:
                touched.Add(OfFollowUp(db, result.FollowUpId));
                return;
            case ContactAttempt attempt:
                touched.Add(OfFollowUp(db, attempt.FollowUpId));
                return;
            case ProgressionMeasurement measurement:
                touched.Add(OfParticipation(db, measurement.ParticipationId));
                return;
            case ProgressionScore score:
                touched.Add(db.ProgressionMeasurements.Local.FindEntry(score.MeasurementId) is { } m ? OfParticipation(db, m.Entity.ParticipationId) : null);
                return;
            case var stored when ReadByNoSlice(stored.GetType()):
                // The data version moves (the caller saw report data); no intervention's kept parts change.
                return;
            default:
                touched.Add(null);
                return;
        }
    }

    /// <summary>
    /// Report data that none of the per-intervention parts kept under a fingerprint reads
    /// (<c>Features/Reports/InterventionSlices</c>: the participation grid, the exits, the indicator
    /// buckets, the data-quality checks, the contact attempts): the results the nightly indicator job
    /// stores, which the office's trends page reads, and the progression job's results and factor changes,
    /// which the report's progression section reads. A write of these moves the data version, so every
    /// built report is built again, but marks no intervention, so no intervention's rows are counted
    /// again: after the nightly job the first page is not a full recount. A part that comes to read one
    /// of these tables must take it off this list.
    /// </summary>
    internal static bool ReadByNoSlice(Type type) =>
        type == typeof(IndicatorResult) || type == typeof(ProgressionResult) || type == typeof(ProgressionFactorChange);

    /// <summary>
    /// Whether a statement sent past the change tracker (a job's set-based write) writes only tables that
    /// no kept part reads (<see cref="ReadByNoSlice"/>): every table of the model it names, quoted as the
    /// providers quote them, is one of those. A statement that names no table of the model, or any other
    /// table, marks every intervention, as before.
    /// </summary>
    internal static bool WritesNoSliceTable(FollowUpDbContext db, string statement)
    {
        var tables = TablesOf.GetValue(db.Model, model => [.. model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null)
            .Select(e => (Name: e.GetTableName()!, NoSlice: ReadByNoSlice(e.ClrType)))
            .GroupBy(t => t.Name, StringComparer.Ordinal)
            .Select(g => (g.Key, g.All(t => t.NoSlice)))]);
        var named = false;
        foreach (var (name, noSlice) in tables)
        {
            if (statement.Contains($"\"{name}\"", StringComparison.Ordinal) || statement.Contains($"[{name}]", StringComparison.Ordinal))
            {
                if (!noSlice)
                {
                    return false;
                }

                named = true;
            }
        }

        return named;
    }

    private static readonly ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, (string Name, bool NoSlice)[]> TablesOf = new();

    /// <summary>The intervention before and after the change (a participation moved moves two).</summary>
    private static void Both(EntityEntry entry, string property, HashSet<long?> touched)
    {
        var value = entry.Property(property);
        if (value.IsTemporary)
        {
            touched.Add(null);
            return;
        }

        touched.Add((long)value.CurrentValue!);
        if (entry.State is EntityState.Modified or EntityState.Deleted)
        {
            touched.Add((long)value.OriginalValue!);
        }
    }

    /// <summary>The intervention of a participation this context tracks (its value before this save too); null when it does not track it.</summary>
    private static long? OfParticipation(FollowUpDbContext db, long participationId)
    {
        if (db.Participations.Local.FindEntry(participationId) is not { } participation)
        {
            return null;
        }

        var intervention = participation.Property(p => p.InterventionId);
        return intervention.IsTemporary || (participation.State == EntityState.Modified && intervention.IsModified) ? null : intervention.CurrentValue;
    }

    private static long? OfFollowUp(FollowUpDbContext db, long followUpId) =>
        db.TwelveMonthFollowUps.Local.FindEntry(followUpId) is { } followUp ? OfParticipation(db, followUp.Entity.ParticipationId) : null;

    /// <summary>The marks for what <see cref="Collect"/> gathered: one naming none covers all.</summary>
    internal static IEnumerable<ReportDataChange> Marks(HashSet<long?> touched) =>
        touched.Contains(null)
            ? [new ReportDataChange { InterventionId = null, Stamp = NewStamp() }]
            : touched.Select(id => new ReportDataChange { InterventionId = id, Stamp = NewStamp() });

    /// <summary>
    /// The marks as one INSERT for SQLite, which writes them with the data version's move (one
    /// command; the values are numbers this class made, written as literals).
    /// </summary>
    internal static string InsertSql(IEnumerable<ReportDataChange> marks) =>
        $"INSERT INTO \"{Table}\" (\"InterventionId\", \"Stamp\") VALUES " +
        string.Join(", ", marks.Select(m => string.Create(CultureInfo.InvariantCulture, $"({(m.InterventionId is { } id ? id.ToString(CultureInfo.InvariantCulture) : "NULL")}, {m.Stamp})"))) + ";";

    /// <summary>
    /// A mark naming no intervention, for a statement sent past the change tracker (the jobs'
    /// set-based writes): on the statement's own connection and in its transaction, if any.
    /// </summary>
    internal static DbCommand UnknownCommand(FollowUpDbContext db, DbConnection connection, DbTransaction? transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = db.Provider == DatabaseProvider.SqlServer
            ? $"INSERT INTO [{Table}] ([InterventionId], [Stamp]) VALUES (NULL, @stamp)"
            : $"INSERT INTO \"{Table}\" (\"InterventionId\", \"Stamp\") VALUES (NULL, @stamp)";
        var stamp = command.CreateParameter();
        stamp.ParameterName = "@stamp";
        stamp.Value = NewStamp();
        command.Parameters.Add(stamp);
        return command;
    }

    /// <summary>
    /// Folds the marks: each intervention's marks, and those naming none, become one mark carrying the
    /// sum of their stamps. Every fingerprint is what it was, so nothing kept is read again and nothing
    /// is kept under a fingerprint it did not have; the data version does not move (the statements go
    /// past the change tracker and the interceptor, on the context's connection). Without it the table
    /// grows by a row with every change, and the fingerprints' sums, read before every page after a
    /// change, grow with it (53–60 ms at a million marks on SQLite, against 0.03 ms folded). Each database
    /// deletes exactly the marks it sums, in one transaction, so a mark committed meanwhile is either
    /// folded or left as it is, never lost. Run nightly by the indicator job.
    /// </summary>
    /// <returns>The marks before and after.</returns>
    public static async Task<(int Before, int After)> FoldAsync(FollowUpDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // SQLite: the transaction begins IMMEDIATE, so no other writer adds a mark until it ends.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var current = transaction.GetDbTransaction();
            (long Before, long After) counts;
            if (db.Provider == DatabaseProvider.Sqlite)
            {
                var (before, last) = await PairAsync(db, current, $"SELECT COUNT(*), COALESCE(MAX(\"Id\"), 0) FROM \"{Table}\"", cancellationToken);
                // One writer at a time: every mark up to the highest id is committed, and none comes until the commit.
                await using (var fold = Command(db, current,
                    $"""
                    INSERT INTO "{Table}" ("InterventionId", "Stamp")
                        SELECT "InterventionId", SUM("Stamp") FROM "{Table}" WHERE "Id" <= {last} GROUP BY "InterventionId";
                    DELETE FROM "{Table}" WHERE "Id" <= {last};
                    """))
                {
                    await fold.ExecuteNonQueryAsync(cancellationToken);
                }

                counts = (before, (await PairAsync(db, current, $"SELECT COUNT(*), 0 FROM \"{Table}\"", cancellationToken)).First);
            }
            else
            {
                counts = await PairAsync(db, current, db.Provider == DatabaseProvider.PostgreSql
                    // One statement: the marks it sums are the ones it deleted, whatever commits meanwhile.
                    ? $"""
                      WITH gone AS (DELETE FROM "{Table}" RETURNING "InterventionId", "Stamp"),
                      kept AS (INSERT INTO "{Table}" ("InterventionId", "Stamp")
                          SELECT "InterventionId", SUM("Stamp") FROM gone GROUP BY "InterventionId" RETURNING 1)
                      SELECT (SELECT COUNT(*) FROM gone), (SELECT COUNT(*) FROM kept)
                      """
                    // The deleted marks are set aside by OUTPUT, and exactly those are summed.
                    : $"""
                      DECLARE @gone TABLE ([InterventionId] bigint NULL, [Stamp] bigint NOT NULL);
                      DELETE FROM [{Table}] OUTPUT deleted.[InterventionId], deleted.[Stamp] INTO @gone;
                      INSERT INTO [{Table}] ([InterventionId], [Stamp]) SELECT [InterventionId], SUM([Stamp]) FROM @gone GROUP BY [InterventionId];
                      SELECT CAST((SELECT COUNT(*) FROM @gone) AS bigint), CAST((SELECT COUNT(*) FROM [{Table}]) AS bigint);
                      """, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return ((int)counts.Before, (int)counts.After);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static DbCommand Command(FollowUpDbContext db, DbTransaction transaction, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        command.CommandTimeout = db.Database.GetCommandTimeout() ?? 30;
        command.CommandText = sql;
        return command;
    }

    /// <summary>The two numbers of the one row the statement answers.</summary>
    private static async Task<(long First, long Second)> PairAsync(FollowUpDbContext db, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(db, transaction, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("The marks' count answered no row.");
        }

        return (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The fingerprint of each of the association's interventions (0 when no mark covers it): read
    /// before the figures it vouches for, so figures kept under it are never older than it.
    /// </summary>
    public static async Task<Dictionary<long, long>> FingerprintsAsync(FollowUpDbContext db, long associationId, CancellationToken cancellationToken)
    {
        // One statement, so the intervention's own marks and those naming none are read together.
        var sums = await db.Interventions.AsNoTracking()
            .Where(i => i.AssociationId == associationId)
            .Select(i => new
            {
                i.Id,
                Own = db.ReportDataChanges.Where(c => c.InterventionId == i.Id).Sum(c => c.Stamp),
                Any = db.ReportDataChanges.Where(c => c.InterventionId == null).Sum(c => c.Stamp),
            })
            .ToListAsync(cancellationToken);
        return sums.ToDictionary(s => s.Id, s => s.Own + s.Any);
    }
}
