using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace Samordning.FollowUp.Domain;

/// <summary>
/// A person who signs in: one role, scoped to one association (office, board), one provider
/// (coach, and through it the provider's association) or to nothing (system administrator).
/// </summary>
public sealed class UserAccount : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;
    public UserRole Role { get; set; }
    public long? AssociationId { get; set; }
    public Association? Association { get; set; }
    public long? ProviderId { get; set; }
    public Provider? Provider { get; set; }

    /// <summary>Set for users signed in through an external identity provider (OpenID Connect).</summary>
    public bool IsExternal { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>
    /// For a coach: when a coach of the same provider confirmed that this account may see the
    /// provider's participants (or when it became the provider's first coach while the provider
    /// held no identity). Null while the account awaits the provider's confirmation, and for
    /// every other role. Cleared whenever the role or the provider changes.
    /// </summary>
    public DateTime? ProviderConfirmedAtUtc { get; set; }

    /// <summary>Who confirmed: the confirming coach's user id, or null when the first coach was confirmed by the rule.</summary>
    public string? ProviderConfirmedByUserId { get; set; }

    /// <summary>For a coach: "Anvisad av" of the last intake this coach registered, chosen in advance on the next one.</summary>
    public ReferredBy? LastReferredBy { get; set; }
}

/// <summary>Roles after SUS, where the intervention owner never saw personal data.</summary>
public enum UserRole
{
    /// <summary>Users, jobs, the Hangfire dashboard. Sees no participant.</summary>
    [Display(Name = "Systemadministratör")] SystemAdmin,

    /// <summary>The förbund office: interventions, plans, targets, reports of its association; aggregates only.</summary>
    [Display(Name = "Förbundets kansli")] AssociationAdmin,

    /// <summary>Registers and reads participations of its own provider.</summary>
    [Display(Name = "Deltagaransvarig")] Coach,

    /// <summary>Reads the reports of its association.</summary>
    [Display(Name = "Styrelseledamot")] BoardMember,
}
