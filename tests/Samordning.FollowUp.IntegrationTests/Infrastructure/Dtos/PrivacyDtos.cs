namespace Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

// The personal-data API as a client sees it: codes are plain strings.

public sealed record IdentityDto(long ParticipationId, string PersonalIdentityNumber, bool IsCoordinationNumber);

public sealed record FindParticipantDto(bool Found, IReadOnlyList<ParticipationDto> Participations, IReadOnlyList<FoundReferralDto> Referrals);

public sealed record FoundReferralDto(long Id, long InterventionId, string State, DateOnly ReceivedOn);

public sealed record DataSubjectExportDto(
    string PersonalIdentityNumber,
    string Provider,
    string Gender,
    int? BirthYear,
    DateTime RegisteredAtUtc,
    IReadOnlyList<ExportedParticipationDto> Participations,
    IReadOnlyList<ExportedAccessDto> IdentityAccess,
    DateTime ExportedAtUtc,
    IReadOnlyList<ExportedReferralDto> Referrals);

public sealed record ExportedReferralDto(string Intervention, DateOnly ReceivedOn, string ReferredBy, string? ReferringTeam, string State,
    DateOnly? ConsentDate, DateOnly? AcceptedOn, DateOnly? PlannedStartDate, DateOnly? DeclinedOn, string? DeclineReason,
    DateOnly? WithdrawnOn, long? ParticipationId);

public sealed record ExportedParticipationDto(string Intervention, ParticipationDto Participation, ExportedFollowUpDto? FollowUp);

public sealed record ExportedFollowUpDto(
    DateOnly DueDate, string Status, string? Outcome, DateOnly? ContactedOn, string? Occupation, int? ExtentPercent,
    IReadOnlyList<string>? IncomeSources);

public sealed record ExportedAccessDto(DateTime AtUtc, string UserName, string Action);

public sealed record EraseDataSubjectDto(int ParticipationsKeptAnonymous, DateTime ErasedAtUtc);
