using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.FollowUps;

public sealed record FollowUpResponse(
    long Id,
    long ParticipationId,
    long InterventionId,
    string InterventionName,
    long ProviderId,
    // The participant as coaches refer to them in reminders: never the personnummer.
    string Reference,
    DateOnly ExitDate,
    DateOnly DueDate,
    DateOnly WindowOpens,
    DateOnly WindowCloses,
    FollowUpStatus Status,
    FollowUpResultResponse? Result,
    // Masked ("19900101-****"); null for an erased identity. The whole number only through the audited identity read.
    string? PersonalIdentityNumber,
    int? BirthYear,
    // Tries to reach the person so far (see contact-attempts).
    int ContactAttempts,
    // The one-time answer link: not invited, invited (no answer yet), answered, or would rather be called.
    AnswerLinkState AnswerLink);

public sealed record FollowUpResultResponse(
    FollowUpOutcome Outcome,
    DateOnly ContactedOn,
    Occupation? Occupation,
    int? ExtentPercent,
    IReadOnlyList<IncomeSource> IncomeSources,
    DateTime RecordedAtUtc,
    DateTime UpdatedAtUtc,
    // Coach, or SelfReported through the answer link (a coach's correction makes it Coach again; the history keeps both).
    FollowUpResultSource Source);
