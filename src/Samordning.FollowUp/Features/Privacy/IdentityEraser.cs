using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Privacy;

/// <summary>
/// Erases a person's identity at one provider: the encrypted personnummer and its HMAC go;
/// gender, birth year and every participation stay, so the statistics do not change. The
/// participations become those of an anonymous individual.
/// </summary>
internal sealed class IdentityEraser(FollowUpDbContext db, AuditLog audit, TimeProvider clock)
{
    /// <summary>Adds the erasure and its audit line to the unit of work; the caller saves.</summary>
    public async Task EraseAsync(Participant participant, IdentityErasure reason, CancellationToken cancellationToken)
    {
        if (participant.IdentityCipher is null && participant.IdentityHash is null)
        {
            return;
        }

        participant.IdentityCipher = null;
        participant.IdentityHash = null;
        participant.IdentityErasedAtUtc = clock.GetUtcNow().UtcDateTime;
        participant.IdentityErasure = reason;
        var associationId = await db.Providers.Where(p => p.Id == participant.ProviderId)
            .Select(p => p.AssociationId).SingleAsync(cancellationToken);
        audit.Add(AuditAction.Erased, AuditLog.Participant, participant.Id, associationId, participant.ProviderId,
            Common.CodeLabels.Label(reason));
    }
}
