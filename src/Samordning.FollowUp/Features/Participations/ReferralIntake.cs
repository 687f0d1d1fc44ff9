using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Participations;

/// <summary>
/// The intake's part of a referral (<see cref="RegisterParticipationCommand.ReferralId"/>): what the
/// referral already knows fills the intake, its person becomes the participant, and the referral is
/// closed as Started with the link, in the intake's transaction. It lives with the intake (the
/// referral feature uses the intake, not the other way round), and so does the one check every
/// transition makes.
/// </summary>
internal sealed class ReferralIntake(FollowUpDbContext db, AuditLog audit, IdentityProtector protector, TimeProvider clock)
{
    public const string OtherPerson = "Personnumret är inte det som anvisningen gäller. Skriv in personen från rätt anvisning.";

    /// <summary>The referral, tracked with its person; 404 when it is not one of this intervention's.</summary>
    public async Task<Referral> LoadAsync(long referralId, long interventionId, CancellationToken cancellationToken) =>
        await db.Referrals.Include(r => r.Participant)
            .SingleOrDefaultAsync(r => r.Id == referralId && r.InterventionId == interventionId, cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Referral);

    /// <summary>The intake with what the referral knows wherever the intake left it out.</summary>
    public static RegisterParticipationCommand Fill(RegisterParticipationCommand command, Referral referral, RegistrationMode mode) => command with
    {
        ReferredBy = command.ReferredBy ?? referral.ReferredBy,
        Consent = command.Consent ?? (mode == RegistrationMode.Identified && referral.ConsentDate is not null
            ? new ConsentRequest(referral.ConsentDate, referral.ConsentTextVersion, referral.ConsentCollectedBy)
            : null),
        Gender = mode == RegistrationMode.Identified ? command.Gender : command.Gender ?? referral.Participant!.Gender,
        BirthYear = mode == RegistrationMode.Identified ? command.BirthYear : command.BirthYear ?? referral.Participant!.BirthYear,
    };

    /// <summary>A personnummer sent with the intake must be the referral's person's.</summary>
    public void EnsureSamePerson(RegisterParticipationCommand command, Referral referral)
    {
        if (command.PersonalIdentityNumber is { } number && referral.Participant!.IdentityHash is { } hash
            && !protector.Hash(PersonalIdentityNumber.Parse(number, clock.Today())).AsSpan().SequenceEqual(hash))
        {
            throw new RuleViolationException("personalIdentityNumber", OtherPerson);
        }

        if (command.StartDate is { } start && start < referral.ReceivedOn)
        {
            throw new RuleViolationException("startDate",
                $"Startdatum får inte vara före den dag anvisningen togs emot ({SwedishFormat.Date(referral.ReceivedOn)}).");
        }
    }

    /// <summary>Closes the referral as Started, linked to the participation; the caller saves.</summary>
    public void Close(Referral referral, Participation participation, Intervention intervention)
    {
        referral.State = ReferralState.Started;
        referral.Participation = participation;
        referral.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        referral.Version++;
        audit.Add(AuditAction.ReferralStarted, AuditLog.Referral, referral.Id, intervention.AssociationId, intervention.ProviderId,
            $"Startdatum {SwedishFormat.Date(participation.StartDate)}");
    }
}

/// <summary>Every decision on a referral (accept, decline, withdraw, start) is taken while it waits; anything else is a 409 in Swedish.</summary>
internal static class ReferralTransitions
{
    public static void EnsureWaiting(Referral referral, ReferralTransition transition)
    {
        if (!referral.IsWaiting)
        {
            throw new ConflictException(
                $"Anvisningen är {SwedishFormat.Label(referral.State).ToLowerInvariant()} och kan inte {Verb(transition)}.", "state");
        }
    }

    private static string Verb(ReferralTransition transition) => transition switch
    {
        ReferralTransition.Accept => "accepteras",
        ReferralTransition.Decline => "avböjas",
        ReferralTransition.Withdraw => "återkallas",
        _ => "skrivas in",
    };
}

internal enum ReferralTransition
{
    Accept,
    Decline,
    Withdraw,
    Start,
}
