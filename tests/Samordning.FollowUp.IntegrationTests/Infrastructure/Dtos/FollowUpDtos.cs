namespace Samordning.FollowUp.IntegrationTests.Infrastructure.Dtos;

// Follow-ups as a client sees them: codes are plain strings.

public sealed record FollowUpDto(
    long Id,
    long ParticipationId,
    long InterventionId,
    string InterventionName,
    long ProviderId,
    string Reference,
    DateOnly ExitDate,
    DateOnly DueDate,
    DateOnly WindowOpens,
    DateOnly WindowCloses,
    string Status,
    FollowUpResultDto? Result,
    string? PersonalIdentityNumber,
    int? BirthYear,
    int ContactAttempts,
    string AnswerLink = "NotInvited");

public sealed record ContactAttemptDto(long Id, DateOnly AttemptedOn, string Outcome, DateTime RecordedAtUtc);

public sealed record ContactAttemptsDto(long FollowUpId, IReadOnlyList<ContactAttemptDto> Attempts, int MinimumBeforeUnreachable);

public sealed record FollowUpResultDto(
    string Outcome,
    DateOnly ContactedOn,
    string? Occupation,
    int? ExtentPercent,
    IReadOnlyList<string> IncomeSources,
    DateTime RecordedAtUtc,
    DateTime UpdatedAtUtc,
    string Source = "Coach");
