namespace Samordning.FollowUp.Domain;

/// <summary>One person in one intervention once (domain §4). Re-entry is a new participation.</summary>
public sealed class Participation
{
    public long Id { get; set; }
    public long InterventionId { get; set; }
    public Intervention? Intervention { get; set; }
    public long ParticipantId { get; set; }
    public Participant? Participant { get; set; }

    /// <summary>
    /// The person's gender, kept here as a copy of <see cref="Participant.Gender"/> so that counting
    /// by gender reads this table alone. Never set by hand: every save copies it from the person
    /// (Data/ParticipationGenders.cs).
    /// </summary>
    public Gender Gender { get; set; }

    // Situation at start (inskrivning)
    public DateOnly StartDate { get; set; }
    public required string HomeMunicipality { get; set; }
    public ReferredBy ReferredBy { get; set; }
    public EducationLevel EducationLevel { get; set; }
    public TimeInPublicSupport TimeInPublicSupport { get; set; }
    public Occupation OccupationAtStart { get; set; }
    public int? ExtentPercentAtStart { get; set; }
    public List<IncomeSource> IncomeSourcesAtStart { get; set; } = [];
    public int? StepAtStart { get; set; }

    // Consent (Identified mode only)
    public DateOnly? ConsentDate { get; set; }
    public string? ConsentTextVersion { get; set; }
    public string? ConsentCollectedBy { get; set; }

    /// <summary>The person agrees to be contacted (SMS or e-mail with a link) for the 12-month follow-up.</summary>
    public bool FollowUpContactConsent { get; set; }

    /// <summary>The day the person withdrew consent; the identity was erased that day.</summary>
    public DateOnly? ConsentWithdrawnOn { get; set; }

    // Exit (utskrivning): all null until the exit is recorded
    public DateOnly? EndDate { get; set; }
    public ExitReason? ExitReason { get; set; }
    public Occupation? OccupationAtExit { get; set; }
    public int? ExtentPercentAtExit { get; set; }
    public List<IncomeSource> IncomeSourcesAtExit { get; set; } = [];
    public int? StepAtExit { get; set; }

    // Idempotent registration: the client's key and a keyed fingerprint of what it sent.
    public string? IdempotencyKey { get; set; }
    public byte[]? IdempotencyFingerprint { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Optimistic concurrency: a provider-neutral version counter.</summary>
    public int Version { get; set; }

    public bool HasExit => EndDate is not null;
}
