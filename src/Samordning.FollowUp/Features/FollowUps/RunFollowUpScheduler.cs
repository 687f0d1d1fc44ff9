using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;

namespace Samordning.FollowUp.Features.FollowUps;

/// <summary>
/// Keeps exactly one follow-up per qualifying exit and moves each through its states. Every
/// step is one set-based statement that changes only rows that are out of step, so running it
/// twice, or again after a crash, changes nothing the second time.
/// </summary>
/// <param name="ParticipationId">Limit the scan to one participation (after an exit is recorded or corrected).</param>
[Access] // system only: sent by a job
public sealed record RunFollowUpSchedulerCommand(long? ParticipationId = null) : ICommand<FollowUpSchedulerResult>;

public sealed record FollowUpSchedulerResult(int Created, int Moved, int StatusChanged);

internal sealed class RunFollowUpSchedulerHandler(FollowUpScheduler scheduler)
    : ICommandHandler<RunFollowUpSchedulerCommand, FollowUpSchedulerResult>
{
    public async ValueTask<FollowUpSchedulerResult> Handle(RunFollowUpSchedulerCommand command, CancellationToken cancellationToken) =>
        await scheduler.RunAsync(command.ParticipationId, cancellationToken);
}

/// <summary>
/// The scheduler itself: the job's command runs it over everything; recording an exit runs it
/// for that one participation, inside the exit's transaction and under the coach's own rights.
/// </summary>
internal sealed class FollowUpScheduler(
    FollowUpDbContext db, TimeProvider clock, IOptions<FollowUpOptions> options, IOptions<DatabaseOptions> database)
{
    public async Task<FollowUpSchedulerResult> RunAsync(long? participationId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.Today();
        var pid = participationId;

        // Joins a caller's transaction (an exit being recorded), or runs in its own.
        await using var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken);
        var created = await CreateMissingAsync(now, pid, cancellationToken);
        var moved = await MoveDueDatesAsync(now, pid, cancellationToken);

        var changed = await SetStatusesAsync(now, today, pid, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return new FollowUpSchedulerResult(created, moved, changed);
    }

    // Codes come from SqlCodes (made from the enums' members), never typed as literals here.
    private static readonly string Qualifies = $$"""
        EXISTS (SELECT 1 FROM "Participations" p
                WHERE p."Id" = "FollowUps"."ParticipationId" AND p."EndDate" IS NOT NULL
                  AND p."ExitReason" NOT IN ({{SqlCodes.ExitsWithoutOutcome}}))
        """;

    private const string HasResult = """EXISTS (SELECT 1 FROM "FollowUpResults" r WHERE r."FollowUpId" = "FollowUps"."Id")""";

    // {0} now, {1} the day reminders start from, {2} today, {3} the window's close, {4} one participation.
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
    private Task<int> SetStatusesAsync(DateTime now, DateOnly today, long? participationId, CancellationToken cancellationToken)
    {
        var onlyOne = participationId is null ? string.Empty : """AND "ParticipationId" = {4}""";
        var sql = $$"""
            UPDATE "FollowUps" SET "Status" = {{State}}, "UpdatedAtUtc" = {0}
            WHERE "Status" <> {{State}} {{onlyOne}}
            """;
        object[] parameters =
        [
            now,
            today.AddDays(options.Value.ReminderDaysBefore),
            today,
            today.AddMonths(-options.Value.WindowMonthsAfter),
            participationId ?? 0L,
        ];
        return db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
    }

    // EF Core has no INSERT … SELECT, and date arithmetic differs per provider: these two
    // statements are the only provider-specific SQL in the service. (The state change above is
    // plain SQL too: one CASE over all states in one pass, which ExecuteUpdate cannot express.)
    // Identifiers are quoted with double quotes, which all three accept (SQL Server with
    // QUOTED_IDENTIFIER on, its default).
    private Task<int> CreateMissingAsync(DateTime now, long? participationId, CancellationToken cancellationToken)
    {
        var onlyOne = participationId is null ? string.Empty : """AND p."Id" = {1}""";
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
              {{onlyOne}}
            """;
        return db.Database.ExecuteSqlRawAsync(sql, Parameters(now, participationId), cancellationToken);
    }

    private Task<int> MoveDueDatesAsync(DateTime now, long? participationId, CancellationToken cancellationToken)
    {
        var onlyOne = participationId is null ? string.Empty : """AND "FollowUps"."ParticipationId" = {1}""";
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
              {{onlyOne}}
            """;
        return db.Database.ExecuteSqlRawAsync(sql, Parameters(now, participationId), cancellationToken);
    }

    private static object[] Parameters(DateTime now, long? participationId) =>
        participationId is null ? [now] : [now, participationId.Value];

    /// <summary>End date plus twelve months; 29 February ends on 28 February, as in .NET and the other providers.</summary>
    private string DueDate(string alias) => database.Value.Provider switch
    {
        DatabaseProvider.Sqlite =>
            $"""CASE WHEN strftime('%m-%d', {alias}."EndDate") = '02-29' THEN date({alias}."EndDate", '+12 months', '-1 days') ELSE date({alias}."EndDate", '+12 months') END""",
        DatabaseProvider.PostgreSql => $"""CAST({alias}."EndDate" + INTERVAL '12 months' AS date)""",
        _ => $"""DATEADD(month, 12, {alias}."EndDate")""",
    };
}
