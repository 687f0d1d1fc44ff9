using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Users;

/// <summary>
/// Whether a coach account may see its provider's participants. The office and the
/// administrator create coach accounts, but only the provider lets one in: an account made a
/// coach, or moved to another provider, awaits the confirmation of a coach already confirmed
/// at that provider. The one exception is a provider's first coach while the provider holds no
/// identity (there is nothing to read yet); once identities exist, no account reaches them
/// without the provider's word.
/// </summary>
internal sealed class CoachConfirmation(FollowUpDbContext db, TimeProvider clock)
{
    /// <summary>Sets or clears the confirmation after the role or provider may have changed.</summary>
    /// <returns>True when the account now awaits the provider's confirmation.</returns>
    public async Task<bool> ApplyAsync(UserAccount user, UserRole? previousRole, long? previousProviderId, CancellationToken cancellationToken)
    {
        var unchanged = previousRole == UserRole.Coach && user.Role == UserRole.Coach && previousProviderId == user.ProviderId;
        if (unchanged)
        {
            return user.ProviderConfirmedAtUtc is null;
        }

        user.ProviderConfirmedAtUtc = null;
        user.ProviderConfirmedByUserId = null;
        if (user.Role != UserRole.Coach)
        {
            return false;
        }

        var holdsIdentities = await db.Participants.AnyAsync(p => p.ProviderId == user.ProviderId && p.IdentityCipher != null, cancellationToken);
        var hasConfirmedCoach = await db.Users.AnyAsync(
            u => u.Id != user.Id && u.ProviderId == user.ProviderId && u.Role == UserRole.Coach && u.ProviderConfirmedAtUtc != null,
            cancellationToken);
        if (holdsIdentities || hasConfirmedCoach)
        {
            return true;
        }

        user.ProviderConfirmedAtUtc = clock.GetUtcNow().UtcDateTime;
        return false;
    }
}
