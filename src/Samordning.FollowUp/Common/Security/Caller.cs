using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Common.Security;

/// <summary>Who sends a message: a signed-in user with one role and scope, the system (a job), or nobody.</summary>
public sealed record Caller(string? UserId, string Name, UserRole? Role, long? AssociationId, long? ProviderId, bool IsSystem)
{
    public static readonly Caller System = new(null, "system", null, null, null, IsSystem: true);
    public static readonly Caller Anonymous = new(null, "anonym", null, null, null, IsSystem: false);

    public const string AwaitingConfirmationMessage =
        "Ditt konto väntar på att utföraren bekräftar det. När en deltagaransvarig hos utföraren har bekräftat kontot loggar du in igen.";

    public bool IsSignedIn => Role is not null;

    /// <summary>A coach whose provider has not yet confirmed the account: may do nothing with participants.</summary>
    public bool AwaitsProviderConfirmation { get; init; }

    public bool Is(UserRole role) => Role == role;

    /// <summary>A user as the caller of what they do themselves (sign-in, choosing a password), before a principal exists.</summary>
    public static Caller Of(UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.Email ?? user.UserName ?? "okänd", user.Role, user.AssociationId, user.ProviderId, IsSystem: false);
    }

    public static Caller From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true
            || !Enum.TryParse<UserRole>(principal.FindFirstValue(ClaimTypes.Role), out var role))
        {
            return Anonymous;
        }

        return new Caller(
            principal.FindFirstValue(ClaimTypes.NameIdentifier),
            principal.FindFirstValue(ClaimTypes.Email) ?? principal.FindFirstValue(ClaimTypes.Name) ?? "okänd",
            role,
            Id(principal, FollowUpClaims.AssociationId),
            Id(principal, FollowUpClaims.ProviderId),
            IsSystem: false)
        {
            AwaitsProviderConfirmation = role == UserRole.Coach && principal.FindFirstValue(FollowUpClaims.ProviderConfirmed) != "true",
        };
    }

    private static long? Id(ClaimsPrincipal principal, string type) =>
        long.TryParse(principal.FindFirstValue(type), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}

/// <summary>Claim types the service adds to a signed-in user's principal.</summary>
public static class FollowUpClaims
{
    public const string AssociationId = "followup:association_id";
    public const string ProviderId = "followup:provider_id";

    /// <summary>"true" on a coach whose provider has confirmed the account.</summary>
    public const string ProviderConfirmed = "followup:provider_confirmed";
}

/// <summary>
/// The caller of the current scope: the HTTP request's user, or the system when a job (or the
/// demo seeder) says so explicitly. Without either, the caller is anonymous and is refused:
/// a scope without a request is never trusted by default.
/// </summary>
public sealed class CallerContext(IHttpContextAccessor httpContextAccessor)
{
    private bool _system;

    public Caller Current => _system ? Caller.System : Caller.From(httpContextAccessor.HttpContext?.User);

    /// <summary>Marks this scope as the system's own work (a Hangfire job, start-up seeding).</summary>
    public void RunAsSystem() => _system = true;
}
