namespace Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

// Participations as a client sees them: codes are plain strings.

public sealed record ParticipationDto(
    long Id,
    long InterventionId,
    long ParticipantId,
    string RegistrationMode,
    string Status,
    string? PersonalIdentityNumber,
    string Gender,
    int? BirthYear,
    DateOnly StartDate,
    string HomeMunicipality,
    string ReferredBy,
    string EducationLevel,
    string TimeInPublicSupport,
    string OccupationAtStart,
    int? ExtentPercentAtStart,
    IReadOnlyList<string> IncomeSourcesAtStart,
    int? StepAtStart,
    ConsentDto? Consent,
    ExitDto? Exit);

public sealed record ConsentDto(DateOnly Date, string TextVersion, string CollectedBy);

public sealed record ExitDto(
    DateOnly EndDate,
    string ExitReason,
    string? Occupation,
    int? ExtentPercent,
    IReadOnlyList<string> IncomeSources,
    int? StepAtExit);
