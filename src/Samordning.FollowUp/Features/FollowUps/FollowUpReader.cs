using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.FollowUps;

/// <summary>One follow-up and its result, as the database projects it.</summary>
internal sealed record FollowUpRow(
    long Id,
    long ParticipationId,
    long InterventionId,
    string InterventionName,
    long ProviderId,
    DateOnly ExitDate,
    DateOnly DueDate,
    FollowUpStatus Status,
    FollowUpOutcome? Outcome,
    DateOnly? ContactedOn,
    Occupation? Occupation,
    int? ExtentPercent,
    List<IncomeSource>? IncomeSources,
    DateTime? RecordedAtUtc,
    DateTime? ResultUpdatedAtUtc,
    byte[]? IdentityCipher,
    int? BirthYear,
    int ContactAttempts,
    FollowUpResultSource? Source,
    bool Invited,
    bool CallRequested);

/// <summary>
/// Reads follow-ups: a projection the database runs (<see cref="Rows"/>), the response with its
/// window (<see cref="ToResponse"/>), the masked personnummer and birth year (who to call) and
/// the participation's reference (D-n, <see cref="SwedishFormat.Reference"/>)
/// that responses, reminders and pages show instead of the personnummer.
/// </summary>
internal static class FollowUpReader
{
    public static IQueryable<FollowUpRow> Rows(this IQueryable<TwelveMonthFollowUp> followUps) =>
        followUps.Select(f => new FollowUpRow(
            f.Id,
            f.ParticipationId,
            f.Participation!.InterventionId,
            f.Participation.Intervention!.Name,
            f.Participation.Intervention.ProviderId,
            f.Participation.EndDate!.Value,
            f.DueDate,
            f.Status,
            f.Result == null ? null : f.Result.Outcome,
            f.Result == null ? null : f.Result.ContactedOn,
            f.Result == null ? null : f.Result.Occupation,
            f.Result == null ? null : f.Result.ExtentPercent,
            f.Result == null ? null : f.Result.IncomeSources,
            f.Result == null ? null : f.Result.RecordedAtUtc,
            f.Result == null ? null : f.Result.UpdatedAtUtc,
            f.Participation.Participant!.IdentityCipher,
            f.Participation.Participant.BirthYear,
            f.ContactAttempts.Count,
            f.Result == null ? null : f.Result.Source,
            f.Invitations.Any(i => i.SentAtUtc != null),
            f.Invitations.Any(i => i.CallRequested)));

    /// <summary>The response; the identity is decrypted only to be masked (who to call, without the whole number).</summary>
    public static FollowUpResponse ToResponse(this FollowUpRow row, FollowUpOptions options, IdentityProtector protector) => new(
        row.Id,
        row.ParticipationId,
        row.InterventionId,
        row.InterventionName,
        row.ProviderId,
        SwedishFormat.Reference(row.ParticipationId),
        row.ExitDate,
        row.DueDate,
        options.WindowOpens(row.DueDate),
        options.WindowCloses(row.DueDate),
        row.Status,
        row.Outcome is { } outcome
            ? new FollowUpResultResponse(outcome, row.ContactedOn!.Value, row.Occupation, row.ExtentPercent,
                row.IncomeSources ?? [], row.RecordedAtUtc!.Value, row.ResultUpdatedAtUtc!.Value, row.Source ?? FollowUpResultSource.Coach)
            : null,
        row.IdentityCipher is { } cipher ? protector.Decrypt(cipher).Masked : null,
        row.BirthYear,
        row.ContactAttempts,
        row.Source == FollowUpResultSource.SelfReported ? AnswerLinkState.Answered
            : row.CallRequested ? AnswerLinkState.CallRequested
            : row.Invited ? AnswerLinkState.Invited
            : AnswerLinkState.NotInvited);
}
