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

namespace Samordning.FollowUp.Features.Participations;

/// <summary>Corrects the start data. The whole start situation is sent again, as at registration.</summary>
[Access(UserRole.Coach)]
public sealed record CorrectParticipationCommand : StartSituation, ICommand<ParticipationResponse>, IParticipationScoped
{
    public CorrectParticipationCommand()
    {
    }

    public CorrectParticipationCommand(StartSituation situation)
        : base(situation)
    {
    }

    [JsonIgnore]
    public long ParticipationId { get; init; }

    public override string ToString() => $"{nameof(CorrectParticipationCommand)} {{ ParticipationId = {ParticipationId} }}";
}

internal sealed class CorrectParticipationValidator : AbstractValidator<CorrectParticipationCommand>
{
    public CorrectParticipationValidator(TimeProvider clock) => Include(new StartSituationValidator(clock));
}

internal sealed class CorrectParticipationHandler(
    FollowUpDbContext db, TimeProvider clock, ParticipantIdentities identities, ParticipationReader reader, AuditLog audit)
    : ICommandHandler<CorrectParticipationCommand, ParticipationResponse>
{
    public async ValueTask<ParticipationResponse> Handle(CorrectParticipationCommand command, CancellationToken cancellationToken)
    {
        var participation = await db.Participations
            .Include(p => p.Intervention)
            .Include(p => p.Participant)
            .SingleOrDefaultAsync(p => p.Id == command.ParticipationId, cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Participation);
        var intervention = participation.Intervention!;
        var previous = participation.Participant!;

        // An erased identity (consent withdrawn, erasure on request, retention) never comes back
        // through a correction: the participation stays an anonymous individual's.
        var identityErased = previous.IdentityErasedAtUtc is not null;
        if (identityErased && command.PersonalIdentityNumber is not null)
        {
            throw new ConflictException(
                "Deltagarens personuppgifter är raderade och kan inte registreras igen. Skicka rättelsen utan personnummer.",
                "personalIdentityNumber");
        }

        StartSituationRules.Check(command, intervention, identityErased);
        if (participation.EndDate is { } end && command.StartDate > end)
        {
            throw new RuleViolationException("startDate", "Startdatum får inte vara efter slutdatum.");
        }

        var participant = previous;
        if (identityErased)
        {
            if (command.Gender is { } gender)
            {
                participant.Gender = gender;
            }
        }
        else if (intervention.RegistrationMode == RegistrationMode.Identified)
        {
            // A corrected personnummer may be someone already known to the provider: link to them.
            participant = await identities.FindOrCreateAsync(intervention.ProviderId,
                PersonalIdentityNumber.Parse(command.PersonalIdentityNumber!, clock.Today()), command.Gender, cancellationToken);
            if (command.Gender is { } gender)
            {
                participant.Gender = gender;
            }
        }
        else
        {
            participant.Gender = command.Gender!.Value;
            participant.BirthYear = command.BirthYear;
        }

        await identities.EnsureNotActiveTwiceAsync(participant, intervention.Id, command.StartDate!.Value,
            participation.EndDate, participation.Id, cancellationToken);

        StartSituationRules.Apply(command, participation);
        participation.Participant = participant;
        participation.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        participation.Version++;

        if (!ReferenceEquals(previous, participant))
        {
            // The referral it was started from is the same person's: it follows the correction.
            await db.Referrals.Where(r => r.ParticipationId == participation.Id)
                .ForEachAsync(r => r.Participant = participant, cancellationToken);
        }

        if (!ReferenceEquals(previous, participant)
            && !await db.Participations.AnyAsync(p => p.ParticipantId == previous.Id && p.Id != participation.Id, cancellationToken)
            && !await db.Referrals.AnyAsync(r => r.ParticipantId == previous.Id && r.ParticipationId != participation.Id, cancellationToken))
        {
            // The mistyped identity belonged to nobody else: keep no trace of it.
            db.Participants.Remove(previous);
        }

        audit.Add(AuditAction.Correct, AuditLog.Participation, participation.Id, intervention.AssociationId, intervention.ProviderId,
            "Uppgifter vid inskrivning rättade");
        await db.SaveChangesUniqueAsync(ParticipantIdentities.ActiveTwice, "personalIdentityNumber", cancellationToken);
        return await reader.GetAsync(participation.Id, cancellationToken);
    }
}

public static class CorrectParticipationEndpoint
{
    public static RouteGroupBuilder MapCorrectParticipation(this RouteGroupBuilder group)
    {
        group.MapPut("/participations/{id:long}", async Task<Ok<ParticipationResponse>> (
                long id, CorrectParticipationCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { ParticipationId = id }, ct)))
            .WithName("CorrectParticipation")
            .WithSummary("Correct the start data of a participation (the registration mode cannot change).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
