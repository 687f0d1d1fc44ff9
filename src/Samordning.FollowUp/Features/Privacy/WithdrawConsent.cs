using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Participations;

namespace Samordning.FollowUp.Features.Privacy;

/// <summary>
/// The person withdraws consent: the identity is erased at once and the participation stays as
/// an anonymous individual's, so every count and indicator stays as it was. The identity is one
/// record per person and provider, so the person's other participations there become anonymous
/// too. Sending it again changes nothing (a retried request is safe).
/// </summary>
[Access(UserRole.Coach)]
public sealed record WithdrawConsentCommand(DateOnly? WithdrawnOn) : ICommand<ParticipationResponse>, IParticipationScoped
{
    [JsonIgnore]
    public long ParticipationId { get; init; }
}

internal sealed class WithdrawConsentValidator : AbstractValidator<WithdrawConsentCommand>
{
    public WithdrawConsentValidator(TimeProvider clock) =>
        RuleFor(x => x.WithdrawnOn).Must(d => d <= clock.Today()).When(x => x.WithdrawnOn is not null)
            .WithMessage("Datumet för återkallelsen kan inte ligga i framtiden.");
}

internal sealed class WithdrawConsentHandler(
    FollowUpDbContext db, IdentityEraser eraser, AuditLog audit, ParticipationReader reader, TimeProvider clock)
    : ICommandHandler<WithdrawConsentCommand, ParticipationResponse>
{
    public async ValueTask<ParticipationResponse> Handle(WithdrawConsentCommand command, CancellationToken cancellationToken)
    {
        var participation = await db.Participations.Include(p => p.Participant).Include(p => p.Intervention)
            .SingleOrDefaultAsync(p => p.Id == command.ParticipationId, cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Participation);
        if (participation.Intervention!.RegistrationMode != RegistrationMode.Identified)
        {
            throw new ConflictException("Deltagandet är registrerat utan personuppgifter; det finns inget samtycke att återkalla.");
        }

        if (participation.ConsentWithdrawnOn is not null)
        {
            return await reader.GetAsync(participation.Id, cancellationToken);
        }

        var withdrawnOn = command.WithdrawnOn ?? clock.Today();
        if (withdrawnOn < participation.ConsentDate)
        {
            throw new RuleViolationException("withdrawnOn", "Samtycket kan inte återkallas före den dag det lämnades.");
        }

        await using var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken);
        participation.ConsentWithdrawnOn = withdrawnOn;
        participation.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        audit.Add(AuditAction.ConsentWithdrawn, AuditLog.Participation, participation.Id,
            participation.Intervention.AssociationId, participation.Intervention.ProviderId, $"Återkallat {SwedishFormat.Date(withdrawnOn)}");
        eraser.Erase(participation.Participant!, participation.Intervention.AssociationId, IdentityErasure.ConsentWithdrawn);
        await db.SaveChangesUniqueAsync("Deltagandet ändrades samtidigt av någon annan.", "withdrawnOn", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await reader.GetAsync(participation.Id, cancellationToken);
    }
}

public static class WithdrawConsentEndpoint
{
    public static RouteGroupBuilder MapWithdrawConsent(this RouteGroupBuilder group)
    {
        group.MapPost("/participations/{id:long}/consent/withdraw", async Task<Ok<ParticipationResponse>> (
                long id, WithdrawConsentCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { ParticipationId = id }, ct)))
            .WithName("WithdrawConsent")
            .WithSummary("Consent withdrawn: the identity is erased, the participation stays as an anonymous individual's.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
