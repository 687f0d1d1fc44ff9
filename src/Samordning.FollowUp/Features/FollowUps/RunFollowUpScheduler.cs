using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.FollowUps;

/// <summary>
/// Keeps exactly one follow-up per qualifying exit and moves each through its states. Every
/// step is one set-based statement that changes only rows that are out of step, so running it
/// twice, or again after a crash, changes nothing the second time.
/// </summary>
/// <param name="ParticipationId">Limit the scan to one participation (after an exit is recorded or corrected).</param>
/// <param name="SinceLastRun">
/// The nightly jobs: read only what may have changed since the last run (the watermark), except on
/// the weekly full pass (<see cref="FollowUpOptions.FullPassDay"/>), the first run, or when the
/// last full pass is a week old. Without it every follow-up is read, as before.
/// </param>
[Access] // system only: sent by a job
public sealed record RunFollowUpSchedulerCommand(long? ParticipationId = null, bool SinceLastRun = false) : ICommand<FollowUpSchedulerResult>;

public sealed record FollowUpSchedulerResult(int Created, int Moved, int StatusChanged)
{
    /// <summary>Whether every participation and follow-up was read (false: only those since the watermark).</summary>
    public bool FullPass { get; init; } = true;

    /// <summary>A run since the last one: the participations changed since the watermark, which it read.</summary>
    public int ParticipationsRead { get; init; }

    /// <summary>A run since the last one: the follow-ups whose state it recomputed (of changed participations, or whose due date a boundary has passed).</summary>
    public int FollowUpsRead { get; init; }
}

internal sealed class RunFollowUpSchedulerHandler(FollowUpScheduler scheduler)
    : ICommandHandler<RunFollowUpSchedulerCommand, FollowUpSchedulerResult>
{
    public async ValueTask<FollowUpSchedulerResult> Handle(RunFollowUpSchedulerCommand command, CancellationToken cancellationToken) =>
        command.ParticipationId is { } one
            ? await scheduler.RunAsync(one, cancellationToken)
            : await scheduler.RunAllAsync(command.SinceLastRun, cancellationToken);
}

/// <summary>
/// The scheduler itself: the job's command runs it over everything; recording an exit runs it
/// for that one participation, inside the exit's transaction and under the coach's own rights.
/// </summary>
internal sealed class FollowUpScheduler(
    FollowUpDbContext db, TimeProvider clock, IOptions<FollowUpOptions> options, IOptions<DatabaseOptions> database)
{
    /// <summary>The name of the scheduler's row in <see cref="FollowUpDbContext.JobWatermarks"/>.</summary>
    public const string Watermark = "follow-up-scheduler";

    /// <summary>
    /// How far before its own start a run counts as seen: a change whose transaction began (and
    /// stamped UpdatedAtUtc) before the run but committed after it had read is read again next time.
    /// </summary>
    public static readonly TimeSpan WatermarkMargin = TimeSpan.FromMinutes(5);

    /// <summary>One participation (an exit recorded or corrected), inside the caller's transaction; the watermark is not touched.</summary>
    public async Task<FollowUpSchedulerResult> RunAsync(long participationId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Joins a caller's transaction (an exit being recorded), or runs in its own.
        await using var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken);
        var scope = Scope.One(participationId);
        var created = await CreateMissingAsync(now, scope, cancellationToken);
        var moved = await MoveDueDatesAsync(now, scope, cancellationToken);
        var changed = await SetStatusesAsync(now, clock.Today(), scope, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new FollowUpSchedulerResult(created, moved, changed);
    }

    /// <summary>
    /// Every follow-up, or (<paramref name="sinceLastRun"/>) those that may have changed since the
    /// last run: of participations whose UpdatedAtUtc is past the watermark (an exit, a correction,
    /// a withdrawn consent), and those whose due date one of the state's boundaries (reminder,
    /// due, window closed) has passed since the day of the last run. A full pass once a week
    /// repairs whatever changed behind the watermark (a row changed without its UpdatedAtUtc).
    /// </summary>
    public async Task<FollowUpSchedulerResult> RunAllAsync(bool sinceLastRun, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.Today();
        db.Database.ForJob(database.Value);
        await using var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken);
        var mark = await db.JobWatermarks.SingleOrDefaultAsync(w => w.Job == Watermark, cancellationToken);
        var full = !sinceLastRun || mark is null || FullPassDue(mark, today);
        var scope = full ? Scope.All : Scope.From(mark!.ChangesSeenUntilUtc, mark.LastRunOn, today, options.Value);

        var participationsRead = full ? 0 : await CountAsync("""SELECT CAST(COUNT(*) AS INTEGER) AS "Value" FROM "Participations" p WHERE p."UpdatedAtUtc" >= {S0}""", scope, cancellationToken);
        var followUpsRead = full ? 0 : await CountAsync($"""SELECT CAST(COUNT(*) AS INTEGER) AS "Value" FROM ({Scope.FollowUpCandidates}) c""", scope, cancellationToken);
        var created = await CreateMissingAsync(now, scope, cancellationToken);
        var moved = await MoveDueDatesAsync(now, scope, cancellationToken);
        var changed = await SetStatusesAsync(now, today, scope, cancellationToken);

        mark ??= db.JobWatermarks.Add(new JobWatermark { Job = Watermark }).Entity;
        mark.ChangesSeenUntilUtc = now - WatermarkMargin;
        mark.LastRunOn = today;
        if (full)
        {
            mark.LastFullPassOn = today;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new FollowUpSchedulerResult(created, moved, changed)
        {
            FullPass = full,
            ParticipationsRead = participationsRead,
            FollowUpsRead = followUpsRead,
        };
    }

    /// <summary>On the week's full-pass day (once), and whenever the last full pass is a week old (the job did not run that day).</summary>
    private bool FullPassDue(JobWatermark mark, DateOnly today) =>
        (today.DayOfWeek == options.Value.FullPassDay && mark.LastFullPassOn < today)
        || today.DayNumber - mark.LastFullPassOn.DayNumber >= 7;

    private async Task<int> CountAsync(string sql, Scope scope, CancellationToken cancellationToken)
    {
        var (text, parameters) = scope.Bind(sql, []);
        return (await db.Database.SqlQueryRaw<int>(text, parameters).ToListAsync(cancellationToken))[0];
    }

    // Codes come from SqlCodes (made from the enums' members), never typed as literals here.
    private static readonly string Qualifies = $$"""
        EXISTS (SELECT 1 FROM "Participations" p
                WHERE p."Id" = "FollowUps"."ParticipationId" AND p."EndDate" IS NOT NULL
                  AND p."ExitReason" NOT IN ({{SqlCodes.ExitsWithoutOutcome}}))
        """;

    private const string HasResult = """EXISTS (SELECT 1 FROM "FollowUpResults" r WHERE r."FollowUpId" = "FollowUps"."Id")""";

    // {0} now, {1} the day reminders start from, {2} today, {3} the window's close.
    private static readonly string State = $$"""
        CASE
          WHEN NOT {{Qualifies}} THEN {{SqlCodes.Cancelled}}
          WHEN {{HasResult}} THEN {{SqlCodes.Completed}}
          WHEN "DueDate" > {1} THEN {{SqlCodes.Upcoming}}
          WHEN "DueDate" >= {2} THEN {{SqlCodes.Due}}
          WHEN "DueDate" >= {3} THEN {{SqlCodes.Overdue}}
          ELSE {{SqlCodes.Expired}}
        END
        """;

    /// <summary>
    /// Every follow-up's state as of today, in one pass: cancelled when its exit no longer
    /// qualifies, completed when a result is recorded, otherwise by its due date. Only rows
    /// whose state differs are written.
    /// </summary>
    private Task<int> SetStatusesAsync(DateTime now, DateOnly today, Scope scope, CancellationToken cancellationToken)
    {
        var only = scope switch
        {
            { ParticipationId: not null } => """AND "ParticipationId" = {S0}""",
            { Since: not null } => $"""AND "Id" IN ({Scope.FollowUpCandidates})""",
            _ => string.Empty,
        };
        var sql = $$"""
            UPDATE "FollowUps" SET "Status" = {{State}}, "UpdatedAtUtc" = {0}
            WHERE "Status" <> {{State}} {{only}}
            """;
        object[] parameters =
        [
            now,
            today.AddDays(options.Value.ReminderDaysBefore),
            today,
            today.AddMonths(-options.Value.WindowMonthsAfter),
        ];
        var (text, all) = scope.Bind(sql, parameters);
        return db.Database.ExecuteSqlRawAsync(text, all, cancellationToken);
    }

    // EF Core has no INSERT … SELECT, and date arithmetic differs per provider: these two
    // statements are the only provider-specific SQL among the features (Data/ReportDataVersion.cs
    // has the version's own statements), with the planner setting of
    // the first on PostgreSQL (WithoutNestedLoopsAsync). (The state change above is
    // plain SQL too: one CASE over all states in one pass, which ExecuteUpdate cannot express.)
    // Identifiers are quoted with double quotes, which all three accept (SQL Server with
    // QUOTED_IDENTIFIER on, its default).
    private Task<int> CreateMissingAsync(DateTime now, Scope scope, CancellationToken cancellationToken)
    {
        var only = scope switch
        {
            { ParticipationId: not null } => """AND p."Id" = {S0}""",
            { Since: not null } => """AND p."UpdatedAtUtc" >= {S0}""",
            _ => string.Empty,
        };
        // Only SQL text of our own is spliced in (codes, date arithmetic); the values travel as parameters.
        var sql = $$"""
            INSERT INTO "FollowUps" ("ParticipationId", "DueDate", "Status", "CreatedAtUtc", "UpdatedAtUtc")
            SELECT p."Id", {{DueDate("p")}}, {{SqlCodes.Upcoming}}, {0}, {0}
            FROM "Participations" p
            INNER JOIN "Interventions" i ON i."Id" = p."InterventionId"
            WHERE i."RegistrationMode" = {{SqlCodes.Identified}}
              AND p."EndDate" IS NOT NULL
              AND p."ExitReason" NOT IN ({{SqlCodes.ExitsWithoutOutcome}})
              AND NOT EXISTS (SELECT 1 FROM "FollowUps" f WHERE f."ParticipationId" = p."Id")
              {{only}}
            """;
        var (text, parameters) = scope.Bind(sql, [now]);
        if (database.Value.Provider != DatabaseProvider.PostgreSql || scope.ParticipationId is not null)
        {
            return db.Database.ExecuteSqlRawAsync(text, parameters, cancellationToken);
        }

        return WithoutNestedLoopsAsync(text, parameters, cancellationToken);
    }

    /// <summary>
    /// PostgreSQL, a run over many participations: the INSERT reads "FollowUps" (which follow-ups
    /// exist) while it writes it. Where the planner believes the table empty (its first run, on a
    /// database filled by an import) it checks each participation by a nested loop that scans the
    /// table again, rows this statement has inserted included: quadratic — 30 s at 100,000
    /// participations, over 600 s at 1,000,000. Without nested loops it builds one hash of the
    /// existing follow-ups first (8.6 s at 1,000,000, README "Performance"). Only for this
    /// statement, inside the run's transaction.
    /// </summary>
    private async Task<int> WithoutNestedLoopsAsync(string text, object[] parameters, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_nestloop = off", cancellationToken);
        var created = await db.Database.ExecuteSqlRawAsync(text, parameters, cancellationToken);
        await db.Database.ExecuteSqlRawAsync("RESET enable_nestloop", cancellationToken);
        return created;
    }

    private Task<int> MoveDueDatesAsync(DateTime now, Scope scope, CancellationToken cancellationToken)
    {
        var only = scope switch
        {
            { ParticipationId: not null } => """AND "FollowUps"."ParticipationId" = {S0}""",
            { Since: not null } => """AND "FollowUps"."ParticipationId" IN (SELECT c."Id" FROM "Participations" c WHERE c."UpdatedAtUtc" >= {S0})""",
            _ => string.Empty,
        };
        // Only SQL text of our own is spliced in (codes, date arithmetic); the values travel as parameters.
        var sql = $$"""
            UPDATE "FollowUps"
            SET "DueDate" = (SELECT {{DueDate("p")}} FROM "Participations" p WHERE p."Id" = "FollowUps"."ParticipationId"),
                "UpdatedAtUtc" = {0}
            WHERE EXISTS (
                SELECT 1 FROM "Participations" p
                WHERE p."Id" = "FollowUps"."ParticipationId"
                  AND p."EndDate" IS NOT NULL
                  AND "FollowUps"."DueDate" <> {{DueDate("p")}})
              {{only}}
            """;
        var (text, parameters) = scope.Bind(sql, [now]);
        return db.Database.ExecuteSqlRawAsync(text, parameters, cancellationToken);
    }

    /// <summary>
    /// Which rows a run reads: all, one participation's, or those that may have changed since the
    /// last run. Its SQL names its own values {S0}, {S1} …; <see cref="Bind"/> numbers them after
    /// the statement's.
    /// </summary>
    private sealed record Scope(long? ParticipationId, DateTime? Since, DateOnly[] Bounds)
    {
        public static readonly Scope All = new(null, null, []);

        public static Scope One(long participationId) => new(participationId, null, []);

        /// <summary>
        /// Since the watermark, and the due dates a boundary of the state has passed between the
        /// last run's day and today: the reminder's (Upcoming → Due), the due date's (Due →
        /// Overdue) and the window's close (Overdue → Expired).
        /// </summary>
        public static Scope From(DateTime since, DateOnly lastRunOn, DateOnly today, FollowUpOptions options) => new(null, since,
        [
            lastRunOn.AddDays(options.ReminderDaysBefore), today.AddDays(options.ReminderDaysBefore),
            lastRunOn, today,
            lastRunOn.AddMonths(-options.WindowMonthsAfter), today.AddMonths(-options.WindowMonthsAfter),
        ]);

        /// <summary>The follow-ups a run since the last one recomputes (by the indexes on DueDate and on the participation's UpdatedAtUtc).</summary>
        public const string FollowUpCandidates = """
            SELECT f."Id" FROM "FollowUps" f WHERE f."DueDate" > {S1} AND f."DueDate" <= {S2}
            UNION SELECT f."Id" FROM "FollowUps" f WHERE f."DueDate" >= {S3} AND f."DueDate" < {S4}
            UNION SELECT f."Id" FROM "FollowUps" f WHERE f."DueDate" >= {S5} AND f."DueDate" < {S6}
            UNION SELECT f."Id" FROM "FollowUps" f INNER JOIN "Participations" p ON p."Id" = f."ParticipationId" WHERE p."UpdatedAtUtc" >= {S0}
            """;

        private object[] Values => ParticipationId is { } id ? [id] : Since is { } since ? [since, .. Bounds.Cast<object>()] : [];

        public (string Sql, object[] Parameters) Bind(string sql, object[] statement)
        {
            var values = Values;
            for (var i = 0; i < values.Length; i++)
            {
                sql = sql.Replace("{S" + i.ToString(CultureInfo.InvariantCulture) + "}",
                    "{" + (statement.Length + i).ToString(CultureInfo.InvariantCulture) + "}", StringComparison.Ordinal);
            }

            return (sql, [.. statement, .. values]);
        }
    }

    /// <summary>End date plus twelve months; 29 February ends on 28 February, as in .NET and the other providers.</summary>
    private string DueDate(string alias) => database.Value.Provider switch
    {
        DatabaseProvider.Sqlite =>
            $"""CASE WHEN strftime('%m-%d', {alias}."EndDate") = '02-29' THEN date({alias}."EndDate", '+12 months', '-1 days') ELSE date({alias}."EndDate", '+12 months') END""",
        DatabaseProvider.PostgreSql => $"""CAST({alias}."EndDate" + INTERVAL '12 months' AS date)""",
        _ => $"""DATEADD(month, 12, {alias}."EndDate")""",
    };
}
