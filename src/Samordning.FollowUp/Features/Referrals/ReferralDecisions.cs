using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Participations;

namespace Samordning.FollowUp.Features.Referrals;

/// <summary>
/// Accept, decline and withdraw share one path: load the waiting referral, check the date, apply,
/// audit, save with the version check. The same decision sent again (a retry) changes nothing and
/// answers as the first time; a different one on a closed referral is a 409.
/// </summary>
internal sealed class ReferralDecisions(FollowUpDbContext db, AuditLog audit, ReferralReader reader, TimeProvider clock)
{
    public async Task<ReferralResponse> DecideAsync(
        long referralId,
        ReferralTransition transition,
        DateOnly date,
        Func<Referral, bool> alreadyDone,
        Action<Referral> apply,
        AuditAction action,
        string detail,
        CancellationToken cancellationToken)
    {
        var referral = await db.Referrals.Include(r => r.Intervention)
            .SingleOrDefaultAsync(r => r.Id == referralId, cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Referral);
        if (alreadyDone(referral))
        {
            return await reader.GetAsync(referral.Id, cancellationToken);
        }

        ReferralTransitions.EnsureWaiting(referral, transition);
        ReferralRules.EnsureDate(referral, date, "date");
        apply(referral);
        referral.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        referral.Version++;
        audit.Add(action, AuditLog.Referral, referral.Id, referral.Intervention!.AssociationId, referral.Intervention.ProviderId, detail);
        await db.SaveChangesUniqueAsync(ReferralRules.AlreadyWaiting, "state", cancellationToken);
        return await reader.GetAsync(referral.Id, cancellationToken);
    }
}
