using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Users;

public sealed record UserResponse(
    string Id, string Email, string DisplayName, UserRole Role, string RoleLabel, long? AssociationId, long? ProviderId,
    bool IsLocked, bool IsExternal, DateTime CreatedAtUtc)
{
    internal static UserResponse From(UserAccount user, TimeProvider clock) => new(
        user.Id, user.Email ?? string.Empty, user.DisplayName, user.Role, CodeLabels.Label(user.Role), user.AssociationId,
        user.ProviderId, user.LockoutEnd is { } lockoutEnd && lockoutEnd > clock.GetUtcNow(), user.IsExternal, user.CreatedAtUtc);
}
