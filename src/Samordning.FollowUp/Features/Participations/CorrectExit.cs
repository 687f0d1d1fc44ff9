using System.Text.Json.Serialization;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.FollowUps;

namespace Samordning.FollowUp.Features.Participations;

public sealed record CorrectExitCommand(
    DateOnly? EndDate,
    ExitReason? ExitReason,
    Occupation? Occupation,
    int? ExtentPercent,
    IReadOnlyList<IncomeSource>? IncomeSources,
    int? StepAtExit) : ICommand<ParticipationResponse>, IParticipationExit
{
    [JsonIgnore]
    public long ParticipationId { get; init; }
}

internal sealed class CorrectExitValidator(TimeProvider clock) : ParticipationExitValidator<CorrectExitCommand>(clock);

internal sealed class CorrectExitHandler(
    FollowUpDbContext db, TimeProvider clock, ParticipationReader reader, ParticipantIdentities identities, ISender sender)
    : ICommandHandler<CorrectExitCommand, ParticipationResponse>
{
    public async ValueTask<ParticipationResponse> Handle(CorrectExitCommand command, CancellationToken cancellationToken)
    {
        var participation = await db.Participations.Include(p => p.Intervention).Include(p => p.Participant)
            .SingleOrDefaultAsync(p => p.Id == command.ParticipationId, cancellationToken)
            ?? throw new NotFoundException("Deltagandet finns inte.");
        if (!participation.HasExit)
        {
            throw new ConflictException("Deltagandet har ingen utskrivning att rätta. Registrera den med POST först.", "endDate");
        }

        ParticipationExitRules.Check(command, participation);

        // A later end date may now reach into the same person's next participation.
        if (command.ExitReason != ExitReason.RegisteredInError)
        {
            await identities.EnsureNotActiveTwiceAsync(participation.Participant!, participation.InterventionId,
                participation.StartDate, command.EndDate, participation.Id, cancellationToken);
        }

        ParticipationExitRules.Apply(command, participation, clock.GetUtcNow().UtcDateTime);

        // The exit and its follow-up are written together or not at all.
        await using var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken);
        await db.SaveChangesUniqueAsync("Utskrivningen ändrades samtidigt av någon annan.", "endDate", cancellationToken);

        // The follow-up appears, moves or is cancelled now instead of at the next nightly run.
        await sender.Send(new RunFollowUpSchedulerCommand(participation.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await reader.GetAsync(participation.Id, cancellationToken);
    }
}

public static class CorrectExitEndpoint
{
    public static RouteGroupBuilder MapCorrectExit(this RouteGroupBuilder group)
    {
        group.MapPut("/participations/{id:long}/exit", async Task<Ok<ParticipationResponse>> (
                long id, CorrectExitCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { ParticipationId = id }, ct)))
            .WithName("CorrectExit")
            .WithSummary("Correct a recorded exit.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
