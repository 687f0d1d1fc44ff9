using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Privacy;

/// <summary>
/// Erases a person's identity at one provider: the encrypted personnummer and its HMAC go;
/// gender, birth year and every participation stay, so the statistics do not change. The
/// participations become those of an anonymous individual.
/// </summary>
internal sealed class IdentityEraser(AuditLog audit, TimeProvider clock)
{
    /// <summary>Adds the erasure and its audit line to the unit of work; the caller saves.</summary>
    /// <param name="associationId">The association of the participant's provider (for the audit line).</param>
    public void Erase(Participant participant, long associationId, IdentityErasure reason)
    {
        if (participant.IdentityCipher is null && participant.IdentityHash is null)
        {
            return;
        }

        participant.IdentityCipher = null;
        participant.IdentityHash = null;
        participant.ContactCipher = null;
        participant.IdentityErasedAtUtc = clock.GetUtcNow().UtcDateTime;
        participant.IdentityErasure = reason;
        audit.Add(AuditAction.Erased, AuditLog.Participant, participant.Id, associationId, participant.ProviderId,
            SwedishFormat.Label(reason));
    }
}
