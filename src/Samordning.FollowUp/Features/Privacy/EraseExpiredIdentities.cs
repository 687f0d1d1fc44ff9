using Mediator;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Privacy;

/// <summary>
/// The nightly retention scan: a person's identity at a provider is erased once every
/// participation of that person there is over and needs it no longer — its 12-month follow-up
/// completed or expired, or, when no follow-up applies, the association's retention months
/// (default 15) passed since exit — and every referral of theirs there is closed (declined or
/// withdrawn) that long ago: a person who was only referred, and never started, is erased too.
/// Two set-based statements per association, in one
/// transaction: the audit lines, then the erasure. A second run finds nothing.
/// </summary>
[Access] // system only: sent by a job
public sealed record EraseExpiredIdentitiesCommand : ICommand<EraseExpiredIdentitiesResult>;

public sealed record EraseExpiredIdentitiesResult(int Erased);

internal sealed class EraseExpiredIdentitiesHandler(FollowUpDbContext db, TimeProvider clock)
    : ICommandHandler<EraseExpiredIdentitiesCommand, EraseExpiredIdentitiesResult>
{
    // A participation that still needs the identity: not ended, or ended with a follow-up
    // still to come, or ended without a completed or expired one but within the retention time
    // ({2} = exit cut-off); or a referral still waiting, or declined or withdrawn within the
    // retention time. Codes come from SqlCodes (made from the enums' members).
    private const string StillNeeded = $$"""
        EXISTS (
            SELECT 1 FROM "Participations" q
            WHERE q."ParticipantId" = p."Id"
              AND (q."EndDate" IS NULL
                   OR EXISTS (SELECT 1 FROM "FollowUps" f
                              WHERE f."ParticipationId" = q."Id" AND f."Status" IN ({{SqlCodes.Upcoming}}, {{SqlCodes.Due}}, {{SqlCodes.Overdue}}))
                   OR (NOT EXISTS (SELECT 1 FROM "FollowUps" f
                                   WHERE f."ParticipationId" = q."Id" AND f."Status" IN ({{SqlCodes.Completed}}, {{SqlCodes.Expired}}))
                       AND q."EndDate" > {2})))
        OR EXISTS (
            SELECT 1 FROM "Referrals" r
            WHERE r."ParticipantId" = p."Id"
              AND (r."State" IN ({{SqlCodes.ReferralReceived}}, {{SqlCodes.ReferralAccepted}})
                   OR r."DeclinedOn" > {2} OR r."WithdrawnOn" > {2}))
        """;

    private const string Candidates = $$"""
        p."IdentityCipher" IS NOT NULL
          AND p."ProviderId" IN (SELECT pr."Id" FROM "Providers" pr WHERE pr."AssociationId" = {1})
          AND (EXISTS (SELECT 1 FROM "Participations" q WHERE q."ParticipantId" = p."Id")
               OR EXISTS (SELECT 1 FROM "Referrals" r WHERE r."ParticipantId" = p."Id"))
          AND NOT ({{StillNeeded}})
        """;

    // {0} now, {1} the association, {2} the exit cut-off. Each audit line is the one IdentityEraser
    // writes for a single erasure: the system as the user, the reason's label as the detail.
    private static readonly string AuditLines = $$"""
        INSERT INTO "AuditLog" ("AtUtc", "UserId", "UserName", "Role", "Action", "EntityType", "EntityId", "AssociationId", "ProviderId", "Detail")
        SELECT {0}, NULL, {{SqlCodes.Text(Caller.System.Name)}}, NULL, {{SqlCodes.Erased}}, {{SqlCodes.Text(AuditLog.Participant)}}, CAST(p."Id" AS VARCHAR(20)), {1}, p."ProviderId", {{SqlCodes.Text(SwedishFormat.Label(IdentityErasure.Retention))}}
        FROM "Participants" p
        WHERE {{Candidates}}
        """;

    private const string Erasure = $$"""
        UPDATE "Participants"
        SET "IdentityCipher" = NULL, "IdentityHash" = NULL, "ContactCipher" = NULL, "IdentityErasedAtUtc" = {0}, "IdentityErasure" = {{SqlCodes.ErasedByRetention}}
        WHERE "Id" IN (SELECT p."Id" FROM "Participants" p WHERE {{Candidates}})
        """;

    public async ValueTask<EraseExpiredIdentitiesResult> Handle(EraseExpiredIdentitiesCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.Today();
        var associations = await db.Associations.AsNoTracking()
            .Select(a => new { a.Id, a.IdentityRetentionMonths })
            .ToListAsync(cancellationToken);

        var erased = 0;
        await using var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken);
        foreach (var association in associations)
        {
            object[] parameters = [now, association.Id, today.AddMonths(-association.IdentityRetentionMonths)];

            // The statements are fixed text of ours; the values travel as parameters.
            await db.Database.ExecuteSqlRawAsync(AuditLines, parameters, cancellationToken);
            erased += await db.Database.ExecuteSqlRawAsync(Erasure, parameters, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new EraseExpiredIdentitiesResult(erased);
    }
}
