namespace Samordning.FollowUp.Domain;

/// <summary>A message to a provider's coaches (or the office): stored, and e-mailed when SMTP is configured.</summary>
public sealed class Notification
{
    public long Id { get; set; }
    public long AssociationId { get; set; }

    /// <summary>Null for notifications to the association's office.</summary>
    public long? ProviderId { get; set; }

    public NotificationKind Kind { get; set; }

    /// <summary>The calendar day the notification is about (for a report draft: the tertial's last day).</summary>
    public DateOnly ForDate { get; set; }

    public required string Subject { get; set; }
    public required string Body { get; set; }
    public int ItemCount { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? EmailSentAtUtc { get; set; }
}

public enum NotificationKind
{
    FollowUpDigest,
    TertialReportDraft,

    /// <summary>To a provider: the tertial has ended and its report is open for comments and attestation.</summary>
    TertialCycleOpened,

    /// <summary>To a provider that has not attested the tertial (the job's reminder, or the office's "Påminn").</summary>
    TertialAttestationReminder,

    /// <summary>To a provider: the office's "Påminn utföraren" with the tertial's data-quality counts (never identities).</summary>
    DataQualityReminder,
}
