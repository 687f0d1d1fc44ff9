using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Users;

public sealed record UserResponse(
    string Id, string Email, string DisplayName, UserRole Role, string RoleLabel, long? AssociationId, long? ProviderId,
    bool IsLocked, bool IsExternal, DateTime CreatedAtUtc)
{
    /// <summary>False until the user has chosen a password through the one-time link.</summary>
    public bool IsActivated { get; init; }

    /// <summary>A coach account that cannot see the provider's participants until a coach of the provider confirms it.</summary>
    public bool AwaitsProviderConfirmation { get; init; }

    /// <summary>The association's name, where the user list gives it (names, never bare ids, on screen).</summary>
    public string? AssociationName { get; init; }

    /// <summary>The provider's name, where the user list gives it.</summary>
    public string? ProviderName { get; init; }

    /// <summary>Set when this request e-mailed a one-time link: whether the mail server took it.</summary>
    public bool? PasswordLinkSent { get; init; }

    internal static UserResponse From(UserAccount user, TimeProvider clock) => new(
        user.Id, user.Email ?? string.Empty, user.DisplayName, user.Role, SwedishFormat.Label(user.Role), user.AssociationId,
        user.ProviderId, user.LockoutEnd is { } lockoutEnd && lockoutEnd > clock.GetUtcNow(), user.IsExternal, user.CreatedAtUtc)
    {
        IsActivated = user.PasswordHash is not null || user.IsExternal,
        AwaitsProviderConfirmation = user.Role == UserRole.Coach && user.ProviderConfirmedAtUtc is null,
    };
}
