using System.ComponentModel.DataAnnotations;

namespace Samordning.FollowUp.Common.Security;

/// <summary>Sign-in settings, bound from "Authentication".</summary>
public sealed class AuthOptions
{
    public const string Section = "Authentication";

    /// <summary>Lifetime of an API bearer token; a client renews it with the refresh token.</summary>
    [Range(1, 60 * 24 * 3650)]
    public int BearerTokenMinutes { get; set; } = 60;

    /// <summary>Lifetime of the web UI's sign-in cookie (sliding).</summary>
    [Range(1, 60 * 24)]
    public int CookieMinutes { get; set; } = 60;

    /// <summary>Sign-in attempts per client address and minute before 429.</summary>
    [Range(1, 10_000)]
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Failed passwords before an account is locked for <see cref="LockoutMinutes"/>.</summary>
    [Range(1, 100)]
    public int MaxFailedAttempts { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>How long a one-time link to choose a password (activation or reset) works.</summary>
    [Range(1, 24 * 14)]
    public int PasswordLinkHours { get; set; } = 72;

    public OpenIdConnectSettings OpenIdConnect { get; set; } = new();
}

/// <summary>
/// An external identity provider (a municipality's or region's). Switched on by setting
/// <see cref="Authority"/>; the role and scope come from the token's claims.
/// </summary>
public sealed class OpenIdConnectSettings
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>Claim holding the role: one of SystemAdmin, AssociationAdmin, Coach, BoardMember.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Claim holding the association id for AssociationAdmin and BoardMember.</summary>
    public string AssociationClaim { get; set; } = "followup_association";

    /// <summary>Claim holding the provider id for Coach.</summary>
    public string ProviderClaim { get; set; } = "followup_provider";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
