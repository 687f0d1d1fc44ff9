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
using Samordning.FollowUp.Features.FollowUps;

namespace Samordning.FollowUp.Features.Participations;

/// <summary>Records (POST) or corrects (PUT) the exit (utskrivning) and the situation directly after it.</summary>
/// <param name="Occupation">Required unless the exit reason has no outcome (registered in error, deceased): "Unknown" when not known.</param>
[Access(UserRole.Coach)]
public sealed record RecordExitCommand(
    DateOnly? EndDate,
    ExitReason? ExitReason,
    Occupation? Occupation,
    int? ExtentPercent,
    IReadOnlyList<IncomeSource>? IncomeSources,
    int? StepAtExit) : ICommand<ParticipationResponse>, IParticipationScoped
{
    [JsonIgnore]
    public long ParticipationId { get; init; }

    /// <summary>True for PUT: an exit must exist. False for POST: none may exist yet.</summary>
    [JsonIgnore]
    public bool IsCorrection { get; init; }
}

internal sealed class RecordExitValidator : AbstractValidator<RecordExitCommand>
{
    public RecordExitValidator(TimeProvider clock)
    {
        RuleFor(x => x.EndDate).NotNull().WithMessage("Slutdatum måste anges.")
            .NotInFuture(clock, "Slutdatum får inte vara i framtiden.");
        RuleFor(x => x.ExitReason).NotNull().WithMessage("Orsak till avslut måste anges.");
        RuleFor(x => x.Occupation).NotNull()
            .When(x => !ExitReasons.IsWithoutOutcome(x.ExitReason))
            .WithMessage("Sysselsättning efter avslut måste anges. Välj ”Okänd” om den inte är känd.");
        RuleFor(x => x.ExtentPercent).InclusiveBetween(0, 100).WithMessage("Omfattningen ska vara mellan 0 och 100 procent.");
        RuleFor(x => x.IncomeSources).NoRepeatedIncomeSource().NoContradictoryIncomeSources();
        RuleFor(x => x.StepAtExit).InclusiveBetween(1, 5).WithMessage("Steget ska vara mellan 1 och 5.");
    }
}

internal sealed class RecordExitHandler(
    FollowUpDbContext db, TimeProvider clock, ParticipationReader reader, ParticipantIdentities identities, FollowUpScheduler scheduler, AuditLog audit)
    : ICommandHandler<RecordExitCommand, ParticipationResponse>
{
    private const string AlreadyEnded = "Deltagandet är redan avslutat. Rätta utskrivningen med PUT i stället.";
    private const string NoExit = "Deltagandet har ingen utskrivning att rätta. Registrera den med POST först.";

    public async ValueTask<ParticipationResponse> Handle(RecordExitCommand command, CancellationToken cancellationToken)
    {
        var participation = await db.Participations.Include(p => p.Intervention).Include(p => p.Participant)
            .SingleOrDefaultAsync(p => p.Id == command.ParticipationId, cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Participation);
        if (participation.HasExit != command.IsCorrection)
        {
            throw new ConflictException(command.IsCorrection ? NoExit : AlreadyEnded, "endDate");
        }

        ParticipationExitRules.Check(command, participation);

        // A corrected, later end date may reach into the same person's next participation.
        if (command.IsCorrection && command.ExitReason != ExitReason.RegisteredInError)
        {
            await identities.EnsureNotActiveTwiceAsync(participation.Participant!, participation.InterventionId,
                participation.StartDate, command.EndDate, participation.Id, cancellationToken);
        }

        ParticipationExitRules.Apply(command, participation, clock.GetUtcNow().UtcDateTime);

        // The exit and its follow-up are written together or not at all; of two requests
        // racing, the version check lets only the first one through.
        await using var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken);
        audit.Add(command.IsCorrection ? AuditAction.Correct : AuditAction.Exit, AuditLog.Participation, participation.Id,
            participation.Intervention!.AssociationId, participation.Intervention.ProviderId,
            command.IsCorrection ? "Utskrivning rättad" : null);
        await db.SaveChangesUniqueAsync(command.IsCorrection ? "Utskrivningen ändrades samtidigt av någon annan." : AlreadyEnded,
            "endDate", cancellationToken);

        // The follow-up appears, moves or is cancelled now instead of at the next nightly run.
        await scheduler.RunAsync(participation.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await reader.GetAsync(participation.Id, cancellationToken);
    }
}

public static class RecordExitEndpoint
{
    public static RouteGroupBuilder MapRecordExit(this RouteGroupBuilder group)
    {
        group.MapPost("/participations/{id:long}/exit", async Task<Ok<ParticipationResponse>> (
                long id, RecordExitCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { ParticipationId = id, IsCorrection = false }, ct)))
            .WithName("RecordExit")
            .WithSummary("Record the exit (utskrivning) and the situation directly after it.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/participations/{id:long}/exit", async Task<Ok<ParticipationResponse>> (
                long id, RecordExitCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { ParticipationId = id, IsCorrection = true }, ct)))
            .WithName("CorrectExit")
            .WithSummary("Correct a recorded exit.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
