using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Providers;

namespace Samordning.FollowUp.Features.Users;

/// <summary>
/// The scope a role needs (coach: a provider; office and board: an association; administrator:
/// none), checked against what the caller may hand out: the office only within its association,
/// and never the administrator role.
/// </summary>
internal sealed class UserScopes(FollowUpDbContext db, CallerContext callers)
{
    public async Task<(long? AssociationId, long? ProviderId)> ResolveAsync(
        UserRole role, long? associationId, long? providerId, CancellationToken cancellationToken, long? currentProviderId = null)
    {
        var caller = callers.Current;
        if (caller.Is(UserRole.AssociationAdmin) && role == UserRole.SystemAdmin)
        {
            throw new ForbiddenException("Förbundets kansli kan inte skapa systemadministratörer.");
        }

        switch (role)
        {
            case UserRole.SystemAdmin:
                if (associationId is not null || providerId is not null)
                {
                    throw new RuleViolationException("role", "En systemadministratör hör inte till något förbund eller någon utförare.");
                }

                return (null, null);
            case UserRole.Coach:
                if (providerId is null)
                {
                    throw new RuleViolationException("providerId", "Ange utförare för en deltagaransvarig.");
                }

                var provider = await db.Providers.Where(p => p.Id == providerId)
                    .Select(p => new { p.AssociationId, Active = p.DeactivatedAtUtc == null }).SingleOrDefaultAsync(cancellationToken);
                var providerAssociation = provider?.AssociationId;
                if (provider is null || !MayManage(caller, provider.AssociationId))
                {
                    throw new RuleViolationException("providerId", "Utföraren finns inte.");
                }

                // A deactivated provider keeps its coaches, but gets no new ones.
                if (!provider.Active && providerId != currentProviderId)
                {
                    throw new RuleViolationException("providerId", ProviderRules.Inactive);
                }

                if (associationId is not null && associationId != providerAssociation)
                {
                    throw new RuleViolationException("associationId", "Utföraren hör inte till förbundet.");
                }

                return (providerAssociation, providerId);
            default:
                if (associationId is null)
                {
                    throw new RuleViolationException("associationId", "Ange förbund.");
                }

                if (providerId is not null)
                {
                    throw new RuleViolationException("providerId", "Bara en deltagaransvarig hör till en utförare.");
                }

                if (!MayManage(caller, associationId.Value) || !await db.Associations.AnyAsync(a => a.Id == associationId, cancellationToken))
                {
                    throw new RuleViolationException("associationId", NotFoundMessages.Association);
                }

                return (associationId, null);
        }
    }

    /// <summary>A user the caller manages (404, as for an unknown id, for anyone else).</summary>
    public static async Task<UserAccount> FindManagedAsync(UserManager<UserAccount> users, Caller caller, string userId)
    {
        var user = string.IsNullOrEmpty(userId) ? null : await users.FindByIdAsync(userId);
        if (user is null || (caller.Is(UserRole.AssociationAdmin) && (user.AssociationId != caller.AssociationId || user.Role == UserRole.SystemAdmin)))
        {
            throw new NotFoundException(NotFoundMessages.User);
        }

        return user;
    }

    private static bool MayManage(Caller caller, long associationId) =>
        caller.IsSystem || caller.Is(UserRole.SystemAdmin) || caller.AssociationId == associationId;
}
