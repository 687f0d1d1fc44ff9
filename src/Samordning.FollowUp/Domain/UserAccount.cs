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
