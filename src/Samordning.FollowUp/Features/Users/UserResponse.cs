using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Users;

public sealed record UserResponse(
    string Id, string Email, string DisplayName, UserRole Role, string RoleLabel, long? AssociationId, long? ProviderId,
    bool IsLocked, bool IsExternal, DateTime CreatedAtUtc)
{
    internal static UserResponse From(UserAccount user) => new(
        user.Id, user.Email ?? string.Empty, user.DisplayName, user.Role, CodeLabels.Label(user.Role), user.AssociationId,
        user.ProviderId, user.LockoutEnd is not null && user.LockoutEnd > DateTimeOffset.UtcNow, user.IsExternal, user.CreatedAtUtc);
}
