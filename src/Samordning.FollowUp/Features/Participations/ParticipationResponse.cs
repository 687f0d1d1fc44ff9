using System.Text.Json.Serialization;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Participations;

/// <summary>
/// A participation. Its situation at start is the <see cref="StartSituation"/> record the register
/// and correct commands take, so the JSON is flat and carries the same fields in the same place:
/// the personnummer masked (YYYYMMDD-****; null for anonymous participants and after erasure),
/// gender and birth year the participant's (for an identified one, from the personnummer), and
/// the consent with the day it was withdrawn. Every field of the situation is filled except the
/// ones the intake leaves optional (birthYear, extentPercentAtStart, stepAtStart).
/// </summary>
public sealed record ParticipationResponse : StartSituation
{
    internal ParticipationResponse(StartSituation start, DateOnly? consentWithdrawnOn)
        : base(start)
    {
        base.Consent = start.Consent is { } consent ? new ConsentResponse(consent, consentWithdrawnOn) : null;
    }

    [JsonPropertyOrder(-1)]
    public required long Id { get; init; }

    [JsonPropertyOrder(-1)]
    public required long InterventionId { get; init; }

    [JsonPropertyOrder(-1)]
    public required long ParticipantId { get; init; }

    [JsonPropertyOrder(-1)]
    public required RegistrationMode RegistrationMode { get; init; }

    [JsonPropertyOrder(-1)]
    public required ParticipationStatus Status { get; init; }

    // The consent as read back: the request's, with the day it was withdrawn.
    [JsonPropertyOrder(1)]
    public new ConsentResponse? Consent
    {
        get => (ConsentResponse?)base.Consent;
        init => base.Consent = value;
    }

    [JsonPropertyOrder(1)]
    public required ExitResponse? Exit { get; init; }

    [JsonPropertyOrder(1)]
    public required DateTime CreatedAtUtc { get; init; }

    [JsonPropertyOrder(1)]
    public required DateTime UpdatedAtUtc { get; init; }
}

public enum ParticipationStatus
{
    Active,
    Ended,
}

/// <summary>The consent as read back: as it was given, and the day it was withdrawn.</summary>
public sealed record ConsentResponse : ConsentRequest
{
    internal ConsentResponse(ConsentRequest consent, DateOnly? withdrawnOn)
        : base(consent)
    {
        WithdrawnOn = withdrawnOn;
    }

    /// <summary>Set when the person withdrew consent; the identity was erased that day.</summary>
    [JsonPropertyOrder(1)]
    public DateOnly? WithdrawnOn { get; init; }
}

public sealed record ExitResponse(
    DateOnly EndDate,
    ExitReason ExitReason,
    Occupation? Occupation,
    int? ExtentPercent,
    IReadOnlyList<IncomeSource> IncomeSources,
    int? StepAtExit);

/// <summary>
/// What the database returns for a participation; the identity is still encrypted here. The
/// situation at start comes as the record (<see cref="ParticipationMapping"/>).
/// </summary>
internal sealed record ParticipationRow(
    long Id,
    long InterventionId,
    long ParticipantId,
    RegistrationMode InterventionRegistrationMode,
    byte[]? ParticipantIdentityCipher,
    StartSituation Start,
    DateOnly? ConsentWithdrawnOn,
    DateOnly? EndDate,
    ExitReason? ExitReason,
    Occupation? OccupationAtExit,
    int? ExtentPercentAtExit,
    List<IncomeSource> IncomeSourcesAtExit,
    int? StepAtExit,
    DateTime CreatedAtUtc,
    DateTime UpdatedAtUtc);
