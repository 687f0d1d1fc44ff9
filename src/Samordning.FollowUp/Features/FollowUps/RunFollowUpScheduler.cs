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

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await CreateMissingAsync(now, pid, cancellationToken);
        var moved = await MoveDueDatesAsync(now, pid, cancellationToken);

        var followUps = db.FollowUps.Where(f => pid == null || f.ParticipationId == pid);
        var changed = await followUps
            .Where(f => f.Status != FollowUpStatus.Cancelled && !(
                f.Participation!.EndDate != null
                && f.Participation.ExitReason != ExitReason.RegisteredInError
                && f.Participation.ExitReason != ExitReason.Deceased))
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, FollowUpStatus.Cancelled).SetProperty(f => f.UpdatedAtUtc, now), cancellationToken);

        var live = followUps.Where(f =>
            f.Participation!.EndDate != null
            && f.Participation.ExitReason != ExitReason.RegisteredInError
            && f.Participation.ExitReason != ExitReason.Deceased);
        changed += await SetStatusAsync(live.Where(f => f.Result != null), FollowUpStatus.Completed, now, cancellationToken);

        var open = live.Where(f => f.Result == null);
        var reminderFrom = today.AddDays(options.Value.ReminderDaysBefore);
        var expiredBefore = today.AddMonths(-options.Value.WindowMonthsAfter);
        changed += await SetStatusAsync(open.Where(f => f.DueDate > reminderFrom), FollowUpStatus.Upcoming, now, cancellationToken);
        changed += await SetStatusAsync(open.Where(f => f.DueDate <= reminderFrom && f.DueDate >= today), FollowUpStatus.Due, now, cancellationToken);
        changed += await SetStatusAsync(open.Where(f => f.DueDate < today && f.DueDate >= expiredBefore), FollowUpStatus.Overdue, now, cancellationToken);
        changed += await SetStatusAsync(open.Where(f => f.DueDate < expiredBefore), FollowUpStatus.Expired, now, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return new FollowUpSchedulerResult(created, moved, changed);
    }

    private static Task<int> SetStatusAsync(
        IQueryable<TwelveMonthFollowUp> followUps, FollowUpStatus status, DateTime now, CancellationToken cancellationToken) =>
        followUps.Where(f => f.Status != status)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Status, status).SetProperty(f => f.UpdatedAtUtc, now), cancellationToken);

    // EF Core has no INSERT … SELECT, and date arithmetic differs per provider: these two
    // statements are the only provider-specific SQL in the service. Identifiers are quoted with
    // double quotes, which all three accept (SQL Server with QUOTED_IDENTIFIER on, its default).
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
