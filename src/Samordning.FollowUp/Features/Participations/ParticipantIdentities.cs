using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Participations;

/// <summary>Finds the same person again through the keyed HMAC, never through the number itself.</summary>
internal sealed class ParticipantIdentities(FollowUpDbContext db, IdentityProtector protector, TimeProvider clock)
{
    public async Task<Participant> FindOrCreateAsync(
        long providerId, PersonalIdentityNumber number, Gender? statedGender, CancellationToken cancellationToken)
    {
        var hash = protector.Hash(number);
        var participant = await db.Participants.SingleOrDefaultAsync(
            p => p.ProviderId == providerId && p.IdentityHash == hash, cancellationToken);
        if (participant is not null)
        {
            return participant;
        }

        participant = new Participant
        {
            ProviderId = providerId,
            Gender = statedGender ?? number.Gender,
            BirthYear = number.BirthYear,
            IdentityCipher = protector.Encrypt(number),
            IdentityHash = hash,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Participants.Add(participant);
        return participant;
    }

    public Participant CreateAnonymous(long providerId, Gender gender, int birthYear)
    {
        var participant = new Participant
        {
            ProviderId = providerId,
            Gender = gender,
            BirthYear = birthYear,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Participants.Add(participant);
        return participant;
    }

    /// <summary>
    /// One person cannot take part twice at the same time in one intervention: another
    /// participation overlapping [start, end] (open ones reach forever) is a conflict.
    /// Participations registered in error count nowhere, so they never conflict.
    /// </summary>
    public async Task EnsureNotActiveTwiceAsync(
        Participant participant, long interventionId, DateOnly start, DateOnly? end, long? exceptParticipationId,
        CancellationToken cancellationToken)
    {
        if (participant.Id == 0)
        {
            return;
        }

        var overlapping = await db.Participations.AnyAsync(
            p => p.ParticipantId == participant.Id
                && p.InterventionId == interventionId
                && p.Id != exceptParticipationId
                && (p.ExitReason == null || p.ExitReason != ExitReason.RegisteredInError)
                && (p.EndDate == null || p.EndDate >= start)
                && (end == null || p.StartDate <= end),
            cancellationToken);
        if (overlapping)
        {
            throw new ConflictException(ActiveTwice, "personalIdentityNumber");
        }
    }

    public const string ActiveTwice =
        "Personen är redan registrerad i insatsen under samma tid. Avsluta det pågående deltagandet innan en ny inskrivning görs.";
}
