using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.AnswerLinks;

namespace Samordning.FollowUp.Features.Participations;

/// <summary>Intake: the start situation for an intervention.</summary>
[Access(UserRole.Coach)]
public sealed record RegisterParticipationCommand : StartSituation, ICommand<RegisterParticipationResult>, IInterventionScoped
{
    public RegisterParticipationCommand()
    {
    }

    public RegisterParticipationCommand(StartSituation situation)
        : base(situation)
    {
    }

    [JsonIgnore]
    public long InterventionId { get; init; }

    /// <summary>
    /// The referral this intake starts (optional): what it knows fills the fields left out, its
    /// person is the participant, and it is closed as started in the same transaction. Without one
    /// the intake is a direct one (own application).
    /// </summary>
    public long? ReferralId { get; init; }

    /// <summary>Optional: whether the person agrees to be contacted for the 12-month follow-up, and how (encrypted at rest).</summary>
    public FollowUpContactInput? FollowUpContact { get; init; }

    /// <summary>The client's Idempotency-Key header: a retry with the same key returns the first result.</summary>
    [JsonIgnore]
    public string? IdempotencyKey { get; init; }

    // The personnummer must never reach a log through a record's generated ToString.
    public override string ToString() => $"{nameof(RegisterParticipationCommand)} {{ InterventionId = {InterventionId} }}";
}

public sealed record RegisterParticipationResult(ParticipationResponse Participation, bool Replayed);

internal sealed class RegisterParticipationValidator : AbstractValidator<RegisterParticipationCommand>
{
    public RegisterParticipationValidator(TimeProvider clock)
    {
        Include(new StartSituationValidator(clock));
        RuleFor(x => x.FollowUpContact!).SetValidator(new FollowUpContactInputValidator()).When(x => x.FollowUpContact is not null);
        RuleFor(x => x.IdempotencyKey).MaximumLength(100).WithMessage("Nyckeln mot dubbla inskrivningar får vara högst 100 tecken.");
    }
}

internal sealed class RegisterParticipationHandler(
    FollowUpDbContext db,
    TimeProvider clock,
    IdentityProtector protector,
    ParticipantIdentities identities,
    ParticipationReader reader,
    AuditLog audit,
    CallerContext callers,
    CheckedEntities checkedEntities,
    ReferralIntake referrals) : ICommandHandler<RegisterParticipationCommand, RegisterParticipationResult>
{
    public async ValueTask<RegisterParticipationResult> Handle(RegisterParticipationCommand command, CancellationToken cancellationToken)
    {
        var fingerprint = command.IdempotencyKey is null ? null : Fingerprint(command);
        if (await FindReplayAsync(command, fingerprint, cancellationToken) is { } replay)
        {
            return replay;
        }

        // The access check has read the intervention for a coach; the system and an administrator read it here.
        var intervention = checkedEntities.Intervention(command.InterventionId)
            ?? await db.Interventions.AsNoTracking().SingleOrDefaultAsync(i => i.Id == command.InterventionId, cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Intervention);
        Referral? referral = null;
        if (command.ReferralId is { } referralId)
        {
            referral = await referrals.LoadAsync(referralId, intervention.Id, cancellationToken);
            if (referral.ParticipationId is { } started)
            {
                // A retried start: the referral already became this participation.
                return new RegisterParticipationResult(await reader.GetAsync(started, cancellationToken), Replayed: true);
            }

            ReferralTransitions.EnsureWaiting(referral, ReferralTransition.Start);
            command = ReferralIntake.Fill(command, referral, intervention.RegistrationMode);
            referrals.EnsureSamePerson(command, referral);
        }

        // From a referral the person is known: no personnummer needs to be typed again.
        StartSituationRules.Check(command, intervention, identityErased: referral is not null && command.PersonalIdentityNumber is null);

        var participant = referral is not null
            ? referral.Participant!
            : intervention.RegistrationMode == RegistrationMode.Identified
            ? await identities.FindOrCreateAsync(intervention.ProviderId,
                PersonalIdentityNumber.Parse(command.PersonalIdentityNumber!, clock.Today()), command.Gender, cancellationToken)
            : identities.CreateAnonymous(intervention.ProviderId, command.Gender!.Value, command.BirthYear!.Value);
        await identities.EnsureNotActiveTwiceAsync(participant, intervention.Id, command.StartDate!.Value, null, null, cancellationToken);

        // Whole microseconds, as PostgreSQL stores them: the response, answered from memory, shows what a read would.
        var now = clock.GetUtcNow().UtcDateTime;
        now = now.AddTicks(-(now.Ticks % 10));
        var participation = new Participation
        {
            InterventionId = intervention.Id,
            Participant = participant,
            HomeMunicipality = string.Empty,
            IdempotencyKey = command.IdempotencyKey,
            IdempotencyFingerprint = fingerprint,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        StartSituationRules.Apply(command, participation);
        if (command.FollowUpContact is { } contact)
        {
            FollowUpContacts.Apply(participation, participant, intervention.RegistrationMode, contact, protector, "followUpContact.consent");
        }

        db.Participations.Add(participation);
        // The line names the participation by the key the database gives it (taken in the chain below).
        var line = audit.Add(AuditAction.Create, AuditLog.Participation, null, intervention.AssociationId, intervention.ProviderId);
        var newPerson = db.Entry(participant).State == EntityState.Added;
        InsertChain.Link[] chain = newPerson
            ? [new(participant), new(participation, nameof(Participation.ParticipantId)), new(line, nameof(AuditEntry.EntityId))]
            : [new(participation), new(line, nameof(AuditEntry.EntityId))];

        // A new person, the participation and its audit line in one command (each needs the key of the one before).
        var raced = false;
        // In our own transaction a failure rolls everything back, so a savepoint per save would only add statements.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = db.Database.CurrentTransaction is not null && savepoints;
        await using (var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken))
        {
            try
            {
                await db.SaveChainAsync(chain, cancellationToken);
                if (referral is not null)
                {
                    referrals.Close(referral, participation, intervention);
                }

                // The referral closed, or the known person's follow-up contact changed.
                if (db.ChangeTracker.HasChanges())
                {
                    await db.SaveChangesAsync(cancellationToken);
                }

                await RememberReferredByAsync(participation.ReferredBy, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() || (referral is not null && e is DbUpdateConcurrencyException))
            {
                raced = true;
            }
            catch (DbException e) when (e.IsUniqueViolation())
            {
                raced = true;
            }
            finally
            {
                db.Database.AutoSavepointsEnabled = savepoints;
            }
        }

        if (raced)
        {
            // A concurrent request won the race: either the same retried request (same key) or
            // the same person registered at the same moment. Nothing of ours was written.
            db.ChangeTracker.Clear();
            if (referral is not null && await db.Referrals.Where(r => r.Id == referral.Id).Select(r => r.ParticipationId)
                    .SingleAsync(cancellationToken) is { } startedMeanwhile)
            {
                return new RegisterParticipationResult(await reader.GetAsync(startedMeanwhile, cancellationToken), Replayed: true);
            }

            return await FindReplayAsync(command, fingerprint, cancellationToken)
                ?? throw new ConflictException(ParticipantIdentities.ActiveTwice, "personalIdentityNumber");
        }

        // What was just written, answered from memory: reading it back would be one more round trip.
        return new RegisterParticipationResult(reader.FromSaved(participation, intervention), Replayed: false);
    }

    /// <summary>
    /// The coach's "Anvisad av" is chosen in advance on the next intake (<see cref="GetIntakeDefaultsQuery"/>).
    /// Not written when the session check of this request read the same value (most intakes).
    /// </summary>
    private async Task RememberReferredByAsync(ReferredBy referredBy, CancellationToken cancellationToken)
    {
        if (callers.Current.UserId is { } userId
            && !(checkedEntities.TryGetLastReferredBy(userId, out var remembered) && remembered == referredBy))
        {
            await db.Users.Where(u => u.Id == userId)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastReferredBy, referredBy), cancellationToken);
        }
    }

    private async Task<RegisterParticipationResult?> FindReplayAsync(
        RegisterParticipationCommand command, byte[]? fingerprint, CancellationToken cancellationToken)
    {
        if (command.IdempotencyKey is null)
        {
            return null;
        }

        var earlier = await db.Participations.AsNoTracking()
            .Where(p => p.InterventionId == command.InterventionId && p.IdempotencyKey == command.IdempotencyKey)
            .Select(p => new { p.Id, p.IdempotencyFingerprint })
            .SingleOrDefaultAsync(cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        if (!earlier.IdempotencyFingerprint.AsSpan().SequenceEqual(fingerprint))
        {
            throw new IdempotencyKeyReusedException();
        }

        return new RegisterParticipationResult(await reader.GetAsync(earlier.Id, cancellationToken), Replayed: true);
    }

    /// <summary>Keyed, so the stored fingerprint of a body holding a personnummer reveals nothing.</summary>
    private byte[] Fingerprint(RegisterParticipationCommand command) =>
        protector.Fingerprint(JsonSerializer.SerializeToUtf8Bytes(command with { IdempotencyKey = null }));
}

public static class RegisterParticipationEndpoint
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapRegisterParticipation(this RouteGroupBuilder group)
    {
        group.MapPost("/interventions/{interventionId:long}/participations", async Task<Created<ParticipationResponse>> (
                long interventionId,
                RegisterParticipationCommand command,
                [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey,
                HttpContext http,
                ISender sender,
                CancellationToken ct) =>
            {
                var result = await sender.Send(command with { InterventionId = interventionId, IdempotencyKey = idempotencyKey }, ct);
                if (result.Replayed)
                {
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                }

                return TypedResults.Created($"/api/v1/participations/{result.Participation.Id}", result.Participation);
            })
            .WithName("RegisterParticipation")
            .WithSummary("Register a participant at intake (inskrivning): identified with consent, or anonymous.")
            .WithDescription("Send an Idempotency-Key header to make retries safe: the same key returns the first result.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }
}
