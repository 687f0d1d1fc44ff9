using System.ComponentModel.DataAnnotations;

namespace Samordning.FollowUp.Domain;

/// <summary>
/// Where one provider's report for one tertial stands in the tertial cycle: the provider attests
/// its figures, the office accepts them or returns them with a remark (back to Open). No row
/// means Open with no history.
/// </summary>
public sealed class ProviderTertialReport
{
    public long Id { get; set; }
    public long AssociationId { get; set; }
    public long ProviderId { get; set; }
    public int Year { get; set; }
    public int Tertial { get; set; }
    public TertialReportState State { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Raised by every transition, so two transitions racing cannot both win.</summary>
    public int Version { get; set; }

    public List<ProviderTertialTransition> Transitions { get; } = [];
}

/// <summary>One step of a provider's tertial report: who, when, from which state to which, and why.</summary>
public sealed class ProviderTertialTransition
{
    public long Id { get; set; }
    public long ReportId { get; set; }
    public DateTime AtUtc { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    public UserRole? Role { get; set; }
    public TertialReportState From { get; set; }
    public TertialReportState To { get; set; }

    /// <summary>The provider's reason for attesting with open checklist items, or the office's remark when returning.</summary>
    public string? Remark { get; set; }

    /// <summary>On an attestation: the provider's figures as attested (JSON), so they can be told apart from the adopted and the current ones.</summary>
    public string? AttestedFigures { get; set; }
}

public enum TertialReportState
{
    [Display(Name = "Öppen")] Open,
    [Display(Name = "Intygad")] Attested,
    [Display(Name = "Godkänd")] Accepted,
}
