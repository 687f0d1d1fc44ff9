using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Referrals;

/// <summary>
/// A referral as the provider's coach reads it: the personnummer masked (YYYYMMDD-****; null for
/// an anonymous person and after erasure), every transition with its date, the participation it
/// became, and the days it has waited (to today while waiting, to the start once started).
/// </summary>
public sealed record ReferralResponse(
    long Id,
    long InterventionId,
    ReferralState State,
    DateOnly ReceivedOn,
    ReferredBy ReferredBy,
    string? ReferringTeam,
    string? PersonalIdentityNumber,
    Gender Gender,
    int? BirthYear,
    bool IdentityErased,
    DateOnly? AcceptedOn,
    DateOnly? PlannedStartDate,
    DateOnly? DeclinedOn,
    DeclineReason? DeclineReason,
    DateOnly? WithdrawnOn,
    long? ParticipationId,
    DateOnly? StartDate,
    int? DaysWaiting,
    DateTime CreatedAtUtc,
    DateTime UpdatedAtUtc);

/// <summary>What the database returns; the identity is still encrypted here.</summary>
internal sealed record ReferralRow(
    long Id,
    long InterventionId,
    ReferralState State,
    DateOnly ReceivedOn,
    ReferredBy ReferredBy,
    string? ReferringTeam,
    byte[]? IdentityCipher,
    Gender Gender,
    int? BirthYear,
    DateTime? IdentityErasedAtUtc,
    DateOnly? AcceptedOn,
    DateOnly? PlannedStartDate,
    DateOnly? DeclinedOn,
    DeclineReason? DeclineReason,
    DateOnly? WithdrawnOn,
    long? ParticipationId,
    DateOnly? StartDate,
    DateTime CreatedAtUtc,
    DateTime UpdatedAtUtc);

/// <summary>Reads referrals the caller may see (a coach its provider's; nobody else any), masking identities.</summary>
internal sealed class ReferralReader(FollowUpDbContext db, IdentityProtector protector, CallerContext callers, TimeProvider clock)
{
    public IQueryable<Referral> Visible() => db.Referrals.AsNoTracking().VisibleTo(callers.Current);

    public async Task<ReferralResponse> GetAsync(long id, CancellationToken cancellationToken) =>
        (await ListAsync(Visible().Where(r => r.Id == id), cancellationToken)).SingleOrDefault()
        ?? throw new NotFoundException(NotFoundMessages.Referral);

    public async Task<IReadOnlyList<ReferralResponse>> ListAsync(IQueryable<Referral> query, CancellationToken cancellationToken)
    {
        var rows = await query.VisibleTo(callers.Current)
            .Select(r => new ReferralRow(
                r.Id, r.InterventionId, r.State, r.ReceivedOn, r.ReferredBy, r.ReferringTeam,
                r.Participant!.IdentityCipher, r.Participant.Gender, r.Participant.BirthYear, r.Participant.IdentityErasedAtUtc,
                r.AcceptedOn, r.PlannedStartDate, r.DeclinedOn, r.DeclineReason, r.WithdrawnOn,
                r.ParticipationId, r.Participation!.StartDate, r.CreatedAtUtc, r.UpdatedAtUtc))
            .ToListAsync(cancellationToken);
        var today = clock.Today();
        return [.. rows.Select(r => new ReferralResponse(
            r.Id, r.InterventionId, r.State, r.ReceivedOn, r.ReferredBy, r.ReferringTeam,
            r.IdentityCipher is { } cipher ? protector.Decrypt(cipher).Masked : null,
            r.Gender, r.BirthYear, r.IdentityErasedAtUtc is not null,
            r.AcceptedOn, r.PlannedStartDate, r.DeclinedOn, r.DeclineReason, r.WithdrawnOn,
            r.ParticipationId, r.ParticipationId is null ? null : r.StartDate,
            ReferralRules.DaysWaiting(r.State, r.ReceivedOn, r.ParticipationId is null ? null : r.StartDate, today),
            r.CreatedAtUtc, r.UpdatedAtUtc))];
    }

    public async Task<IReadOnlyDictionary<long, string>> InterventionNamesAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        await db.Interventions.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);
}
