using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Participations;

public sealed record ParticipationResponse(
    long Id,
    long InterventionId,
    long ParticipantId,
    RegistrationMode RegistrationMode,
    ParticipationStatus Status,
    // Masked as YYYYMMDD-****; null for anonymous participants and after erasure.
    string? PersonalIdentityNumber,
    Gender Gender,
    int? BirthYear,
    DateOnly StartDate,
    string HomeMunicipality,
    ReferredBy ReferredBy,
    EducationLevel EducationLevel,
    TimeInPublicSupport TimeInPublicSupport,
    Occupation OccupationAtStart,
    int? ExtentPercentAtStart,
    IReadOnlyList<IncomeSource> IncomeSourcesAtStart,
    int? StepAtStart,
    ConsentResponse? Consent,
    ExitResponse? Exit,
    DateTime CreatedAtUtc,
    DateTime UpdatedAtUtc);

public enum ParticipationStatus
{
    Active,
    Ended,
}

/// <param name="WithdrawnOn">Set when the person withdrew consent; the identity was erased that day.</param>
public sealed record ConsentResponse(DateOnly Date, string TextVersion, string CollectedBy, DateOnly? WithdrawnOn = null);

public sealed record ExitResponse(
    DateOnly EndDate,
    ExitReason ExitReason,
    Occupation? Occupation,
    int? ExtentPercent,
    IReadOnlyList<IncomeSource> IncomeSources,
    int? StepAtExit);

/// <summary>What the database returns for a participation; the identity is still encrypted here.</summary>
internal sealed record ParticipationRow(
    long Id,
    long InterventionId,
    long ParticipantId,
    RegistrationMode InterventionRegistrationMode,
    byte[]? ParticipantIdentityCipher,
    Gender ParticipantGender,
    int? ParticipantBirthYear,
    DateOnly StartDate,
    string HomeMunicipality,
    ReferredBy ReferredBy,
    EducationLevel EducationLevel,
    TimeInPublicSupport TimeInPublicSupport,
    Occupation OccupationAtStart,
    int? ExtentPercentAtStart,
    List<IncomeSource> IncomeSourcesAtStart,
    int? StepAtStart,
    DateOnly? ConsentDate,
    string? ConsentTextVersion,
    string? ConsentCollectedBy,
    DateOnly? ConsentWithdrawnOn,
    DateOnly? EndDate,
    ExitReason? ExitReason,
    Occupation? OccupationAtExit,
    int? ExtentPercentAtExit,
    List<IncomeSource> IncomeSourcesAtExit,
    int? StepAtExit,
    DateTime CreatedAtUtc,
    DateTime UpdatedAtUtc);
