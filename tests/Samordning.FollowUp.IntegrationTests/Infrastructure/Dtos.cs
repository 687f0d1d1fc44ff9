namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

// The API's responses as a client sees them: codes are plain strings.

public sealed record AssociationDto(long Id, string Name, string? OrganisationNumber, int SmallNumberThreshold);

public sealed record ProviderDto(long Id, long AssociationId, string Name, string? OrganisationNumber);

public sealed record InterventionDto(
    long Id,
    long AssociationId,
    long ProviderId,
    string Name,
    string Orientation,
    string Category,
    string RegistrationMode,
    IReadOnlyList<string> Municipalities,
    DateOnly StartDate,
    DateOnly? EndDate,
    IReadOnlyList<PlanDto> Plans,
    IReadOnlyList<CountDto> Counts);

public sealed record PlanDto(int Year, int PlannedParticipants, long BudgetSek, long ActualCostSek);

public sealed record CountDto(int Year, int Women, int Men, int Total);

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

public sealed record PageDto<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);

public sealed record CodeLabelDto(string Code, string Label);
