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
using Samordning.FollowUp.Features.Participations;

namespace Samordning.FollowUp.Features.Referrals;

/// <summary>A referral received: identified (personnummer with consent) or anonymous (gender, birth year), as the intervention registers.</summary>
[Access(UserRole.Coach)]
public sealed record RegisterReferralCommand : ICommand<RegisterReferralResult>, IInterventionScoped, IStartPerson
{
    [JsonIgnore]
    public long InterventionId { get; init; }

    public DateOnly? ReceivedOn { get; init; }
    public ReferredBy? ReferredBy { get; init; }
    public string? ReferringTeam { get; init; }
    public string? PersonalIdentityNumber { get; init; }
    public ConsentRequest? Consent { get; init; }
    public Gender? Gender { get; init; }
    public int? BirthYear { get; init; }

    /// <summary>The client's Idempotency-Key header: a retry with the same key returns the first result.</summary>
    [JsonIgnore]
    public string? IdempotencyKey { get; init; }

    // The personnummer must never reach a log through a record's generated ToString.
    public override string ToString() => $"{nameof(RegisterReferralCommand)} {{ InterventionId = {InterventionId} }}";
}

public sealed record RegisterReferralResult(ReferralResponse Referral, bool Replayed);

internal sealed class RegisterReferralValidator : AbstractValidator<RegisterReferralCommand>
{
    public RegisterReferralValidator(TimeProvider clock)
    {
        // The person's fields are checked exactly as at intake.
        Include(new StartPersonValidator(clock));
        RuleFor(x => x.ReceivedOn).NotNull().WithMessage("Datum då anvisningen togs emot måste anges.")
            .NotInFuture(clock, "Datum då anvisningen togs emot får inte vara i framtiden.");
        RuleFor(x => x.ReferredBy).NotNull().WithMessage("Anvisad av måste anges.");
        RuleFor(x => x.ReferringTeam).MaximumLength(200).WithMessage("Anvisande team får vara högst 200 tecken.");
        RuleFor(x => x.IdempotencyKey).MaximumLength(100).WithMessage("Nyckeln mot dubbla registreringar får vara högst 100 tecken.");
    }
}

internal sealed class RegisterReferralHandler(
    FollowUpDbContext db,
    TimeProvider clock,
    IdentityProtector protector,
    ParticipantIdentities identities,
    ReferralReader reader,
    AuditLog audit) : ICommandHandler<RegisterReferralCommand, RegisterReferralResult>
{
    public async ValueTask<RegisterReferralResult> Handle(RegisterReferralCommand command, CancellationToken cancellationToken)
    {
        var fingerprint = command.IdempotencyKey is null
            ? null
            : protector.Fingerprint(JsonSerializer.SerializeToUtf8Bytes(command with { IdempotencyKey = null }));
        if (await FindReplayAsync(command, fingerprint, cancellationToken) is { } replay)
        {
            return replay;
        }

        var intervention = await db.Interventions.AsNoTracking()
            .SingleOrDefaultAsync(i => i.Id == command.InterventionId, cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Intervention);
        // The same mode rules as at intake (no start date yet, so only the person is checked).
        StartSituationRules.Check(new StartSituation
        {
            PersonalIdentityNumber = command.PersonalIdentityNumber,
            Consent = command.Consent,
            Gender = command.Gender,
            BirthYear = command.BirthYear,
        }, intervention);

        var participant = intervention.RegistrationMode == RegistrationMode.Identified
            ? await identities.FindOrCreateAsync(intervention.ProviderId,
                PersonalIdentityNumber.Parse(command.PersonalIdentityNumber!, clock.Today()), command.Gender, cancellationToken)
            : identities.CreateAnonymous(intervention.ProviderId, command.Gender!.Value, command.BirthYear!.Value);
        if (participant.Id != 0 && await db.Referrals.AnyAsync(
                r => r.InterventionId == intervention.Id && r.ParticipantId == participant.Id
                    && (r.State == ReferralState.Received || r.State == ReferralState.Accepted),
                cancellationToken))
        {
            throw new ConflictException(ReferralRules.AlreadyWaiting, "personalIdentityNumber");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var referral = new Referral
        {
            InterventionId = intervention.Id,
            Participant = participant,
            ReceivedOn = command.ReceivedOn!.Value,
            ReferredBy = command.ReferredBy!.Value,
            ReferringTeam = string.IsNullOrWhiteSpace(command.ReferringTeam) ? null : command.ReferringTeam.Trim(),
            ConsentDate = command.Consent?.Date,
            ConsentTextVersion = command.Consent?.TextVersion?.Trim(),
            ConsentCollectedBy = command.Consent?.CollectedBy?.Trim(),
            State = ReferralState.Received,
            IdempotencyKey = command.IdempotencyKey,
            IdempotencyFingerprint = fingerprint,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        db.Referrals.Add(referral);

        await using (var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken))
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                audit.Add(AuditAction.Create, AuditLog.Referral, referral.Id, intervention.AssociationId, intervention.ProviderId,
                    $"Mottagen {SwedishFormat.Date(referral.ReceivedOn)}, anvisad av {SwedishFormat.Label(referral.ReferredBy)}");
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // A concurrent retry with the same key won; nothing of ours was written.
                db.ChangeTracker.Clear();
                return await FindReplayAsync(command, fingerprint, cancellationToken)
                    ?? throw new ConflictException(ReferralRules.AlreadyWaiting, "personalIdentityNumber");
            }
        }

        return new RegisterReferralResult(await reader.GetAsync(referral.Id, cancellationToken), Replayed: false);
    }

    private async Task<RegisterReferralResult?> FindReplayAsync(
        RegisterReferralCommand command, byte[]? fingerprint, CancellationToken cancellationToken)
    {
        if (command.IdempotencyKey is null)
        {
            return null;
        }

        var earlier = await db.Referrals.AsNoTracking()
            .Where(r => r.InterventionId == command.InterventionId && r.IdempotencyKey == command.IdempotencyKey)
            .Select(r => new { r.Id, r.IdempotencyFingerprint })
            .SingleOrDefaultAsync(cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        if (!earlier.IdempotencyFingerprint.AsSpan().SequenceEqual(fingerprint))
        {
            throw new IdempotencyKeyReusedException();
        }

        return new RegisterReferralResult(await reader.GetAsync(earlier.Id, cancellationToken), Replayed: true);
    }
}

public static class RegisterReferralEndpoint
{
    public static RouteGroupBuilder MapRegisterReferral(this RouteGroupBuilder group)
    {
        group.MapPost("/interventions/{interventionId:long}/referrals", async Task<Created<ReferralResponse>> (
                long interventionId,
                RegisterReferralCommand command,
                [FromHeader(Name = RegisterParticipationEndpoint.IdempotencyKeyHeader)] string? idempotencyKey,
                HttpContext http,
                ISender sender,
                CancellationToken ct) =>
            {
                var result = await sender.Send(command with { InterventionId = interventionId, IdempotencyKey = idempotencyKey }, ct);
                if (result.Replayed)
                {
                    http.Response.Headers["Idempotent-Replayed"] = "true";
                }

                return TypedResults.Created($"/api/v1/referrals/{result.Referral.Id}", result.Referral);
            })
            .WithName("RegisterReferral")
            .WithSummary("Register a referral received (anvisning/remiss): identified with consent, or anonymous.")
            .WithDescription("Send an Idempotency-Key header to make retries safe: the same key returns the first result.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }
}
