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
    FollowUpResultResponse? Result);

public sealed record FollowUpResultResponse(
    FollowUpOutcome Outcome,
    DateOnly ContactedOn,
    Occupation? Occupation,
    int? ExtentPercent,
    IReadOnlyList<IncomeSource> IncomeSources,
    DateTime RecordedAtUtc,
    DateTime UpdatedAtUtc);
