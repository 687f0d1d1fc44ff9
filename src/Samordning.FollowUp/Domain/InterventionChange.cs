using System.ComponentModel.DataAnnotations;

namespace Samordning.FollowUp.Domain;

/// <summary>
/// One field of an intervention changed by the office: who, when, and the old and new value as
/// the office read them then (Swedish text, so a renamed provider or a removed plan still reads
/// as it was). Written in the same save as the change; never changed afterwards.
/// </summary>
public sealed class InterventionChange
{
    public long Id { get; set; }
    public long InterventionId { get; set; }
    public DateTime AtUtc { get; set; }

    /// <summary>The user's id; null for the system.</summary>
    public string? UserId { get; set; }

    /// <summary>The user's e-mail as signed in, or "system".</summary>
    public required string UserName { get; set; }

    public InterventionField Field { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
}

/// <summary>What of an intervention changed, with the label the office's forms use.</summary>
public enum InterventionField
{
    [Display(Name = "Namn")] Name,
    [Display(Name = "Utförare")] Provider,
    [Display(Name = "Inriktning")] Orientation,
    [Display(Name = "Preciserad inriktning")] Category,
    [Display(Name = "Registrering")] RegistrationMode,
    [Display(Name = "Kommuner")] Municipalities,
    [Display(Name = "Startdatum")] StartDate,
    [Display(Name = "Slutdatum")] EndDate,
    [Display(Name = "Förväntad längd")] ExpectedLength,
    [Display(Name = "Målgrupp")] TargetGroup,
    [Display(Name = "Årsplan")] Plan,
    [Display(Name = "Platser")] Places,
}
