using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.FollowUps;

/// <summary>
/// Keeps exactly one follow-up per qualifying exit and moves each through its states. Every
/// step is one set-based statement that changes only rows that are out of step, so running it
/// twice, or again after a crash, changes nothing the second time.
/// </summary>
/// <param name="ParticipationId">Limit the scan to one participation (after an exit is recorded or corrected).</param>
public sealed record RunFollowUpSchedulerCommand(long? ParticipationId = null) : ICommand<FollowUpSchedulerResult>;

public sealed record FollowUpSchedulerResult(int Created, int Moved, int StatusChanged);

internal sealed class RunFollowUpSchedulerHandler(
    FollowUpDbContext db, TimeProvider clock, IOptions<FollowUpOptions> options, IOptions<DatabaseOptions> database)
    : ICommandHandler<RunFollowUpSchedulerCommand, FollowUpSchedulerResult>
{
    public async ValueTask<FollowUpSchedulerResult> Handle(RunFollowUpSchedulerCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.Today();
        var pid = command.ParticipationId;

        // Joins a caller's transaction (an exit being recorded), or runs in its own.
        await using var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken);
        var created = await CreateMissingAsync(now, pid, cancellationToken);
        var moved = await MoveDueDatesAsync(now, pid, cancellationToken);

        var reminderFrom = today.AddDays(options.Value.ReminderDaysBefore);
        var expiredBefore = today.AddMonths(-options.Value.WindowMonthsAfter);
        var changed = 0;
        changed += await SetStatusAsync(FollowUpStatus.Cancelled, $"NOT {Qualifies}", [], now, pid, cancellationToken);
        changed += await SetStatusAsync(FollowUpStatus.Completed, $"{Qualifies} AND {HasResult}", [], now, pid, cancellationToken);
        var open = $"{Qualifies} AND NOT {HasResult}";
        changed += await SetStatusAsync(FollowUpStatus.Upcoming, $"{open} AND \"DueDate\" > {{3}}", [reminderFrom], now, pid, cancellationToken);
        changed += await SetStatusAsync(FollowUpStatus.Due, $"{open} AND \"DueDate\" <= {{3}} AND \"DueDate\" >= {{4}}", [reminderFrom, today], now, pid, cancellationToken);
        changed += await SetStatusAsync(FollowUpStatus.Overdue, $"{open} AND \"DueDate\" < {{3}} AND \"DueDate\" >= {{4}}", [today, expiredBefore], now, pid, cancellationToken);
        changed += await SetStatusAsync(FollowUpStatus.Expired, $"{open} AND \"DueDate\" < {{3}}", [expiredBefore], now, pid, cancellationToken);

        await transaction.CommitAsync(cancellationToken);

        return new FollowUpSchedulerResult(created, moved, changed);
    }

    private const string Qualifies = """
        EXISTS (SELECT 1 FROM "Participations" p
                WHERE p."Id" = "FollowUps"."ParticipationId" AND p."EndDate" IS NOT NULL
                  AND p."ExitReason" NOT IN ('RegisteredInError', 'Deceased'))
        """;

    private const string HasResult = """EXISTS (SELECT 1 FROM "FollowUpResults" r WHERE r."FollowUpId" = "FollowUps"."Id")""";

    /// <summary>Moves the follow-ups that meet a condition into a state; rows already there are left alone.</summary>
    private Task<int> SetStatusAsync(
        FollowUpStatus status, string condition, object[] values, DateTime now, long? participationId, CancellationToken cancellationToken)
    {
        // {0} status, {1} now, {2} participation id (or unused), {3}… the condition's dates.
        var onlyOne = participationId is null ? string.Empty : """AND "ParticipationId" = {2}""";
        var sql = $$"""
            UPDATE "FollowUps" SET "Status" = {0}, "UpdatedAtUtc" = {1}
            WHERE "Status" <> {0} AND {{condition}} {{onlyOne}}
            """;
        object[] parameters = [status.ToString(), now, participationId ?? 0L, .. values];
        return db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
    }

    // EF Core has no INSERT … SELECT, and date arithmetic differs per provider: these two
    // statements are the only provider-specific SQL in the service. (The state changes above are
    // plain SQL too: EF Core's ExecuteUpdate joins the target table in a way SQLite rejects.)
    // Identifiers are quoted with double quotes, which all three accept (SQL Server with
    // QUOTED_IDENTIFIER on, its default).
    private Task<int> CreateMissingAsync(DateTime now, long? participationId, CancellationToken cancellationToken)
    {
        var onlyOne = participationId is null ? string.Empty : """AND p."Id" = {1}""";
        // Only constants of our own are spliced in; the values travel as parameters.
        var sql = $$"""
            INSERT INTO "FollowUps" ("ParticipationId", "DueDate", "Status", "CreatedAtUtc", "UpdatedAtUtc")
            SELECT p."Id", {{DueDate("p")}}, 'Upcoming', {0}, {0}
            FROM "Participations" p
            INNER JOIN "Interventions" i ON i."Id" = p."InterventionId"
            WHERE i."RegistrationMode" = 'Identified'
              AND p."EndDate" IS NOT NULL
              AND p."ExitReason" NOT IN ('RegisteredInError', 'Deceased')
              AND NOT EXISTS (SELECT 1 FROM "FollowUps" f WHERE f."ParticipationId" = p."Id")
              {{onlyOne}}
            """;
        return db.Database.ExecuteSqlRawAsync(sql, Parameters(now, participationId), cancellationToken);
    }

    private Task<int> MoveDueDatesAsync(DateTime now, long? participationId, CancellationToken cancellationToken)
    {
        var onlyOne = participationId is null ? string.Empty : """AND "FollowUps"."ParticipationId" = {1}""";
        // Only constants of our own are spliced in; the values travel as parameters.
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
