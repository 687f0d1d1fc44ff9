using System.ComponentModel.DataAnnotations;

namespace Samordning.FollowUp.Domain;

/// <summary>
/// A referral (anvisning/remiss) to one intervention: received, then accepted with a planned start,
/// started (it became a participation), declined or withdrawn. The person is a
/// <see cref="Participant"/> of the intervention's provider, so the identity is protected, found
/// again and erased exactly as a participant's (encrypted number + keyed HMAC, never plaintext).
/// </summary>
public sealed class Referral
{
    public long Id { get; set; }
    public long InterventionId { get; set; }
    public Intervention? Intervention { get; set; }
    public long ParticipantId { get; set; }
    public Participant? Participant { get; set; }

    public DateOnly ReceivedOn { get; set; }
    public ReferredBy ReferredBy { get; set; }

    /// <summary>The local team that assigned the person (uppdragsteam), if any.</summary>
    public string? ReferringTeam { get; set; }

    // Consent to registration with identity (Identified interventions only).
    public DateOnly? ConsentDate { get; set; }
    public string? ConsentTextVersion { get; set; }
    public string? ConsentCollectedBy { get; set; }

    public ReferralState State { get; set; }
    public DateOnly? AcceptedOn { get; set; }
    public DateOnly? PlannedStartDate { get; set; }
    public DateOnly? DeclinedOn { get; set; }
    public DeclineReason? DeclineReason { get; set; }
    public DateOnly? WithdrawnOn { get; set; }

    /// <summary>The participation it became (state Started); the start date is the participation's.</summary>
    public long? ParticipationId { get; set; }
    public Participation? Participation { get; set; }

    public string? IdempotencyKey { get; set; }
    public byte[]? IdempotencyFingerprint { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Optimistic concurrency: two coaches deciding at once cannot both win.</summary>
    public int Version { get; set; }

    /// <summary>In the queue: received or accepted, neither started nor closed.</summary>
    public bool IsWaiting => State is ReferralState.Received or ReferralState.Accepted;
}

public enum ReferralState
{
    [Display(Name = "Mottagen")] Received,
    [Display(Name = "Accepterad")] Accepted,
    [Display(Name = "Påbörjad")] Started,
    [Display(Name = "Avböjd")] Declined,
    [Display(Name = "Återkallad")] Withdrawn,
}

public enum DeclineReason
{
    [Display(Name = "Tillhör inte målgruppen")] NotInTargetGroup,
    [Display(Name = "Personen tackade nej")] DeclinedByPerson,
    [Display(Name = "Ingen plats")] NoPlace,
    [Display(Name = "Annat")] Other,
}
