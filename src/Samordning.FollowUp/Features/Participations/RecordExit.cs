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

public sealed record RecordExitCommand(
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

internal sealed class RecordExitValidator(TimeProvider clock) : ParticipationExitValidator<RecordExitCommand>(clock);

internal sealed class RecordExitHandler(FollowUpDbContext db, TimeProvider clock, ParticipationReader reader, ISender sender)
    : ICommandHandler<RecordExitCommand, ParticipationResponse>
{
    private const string AlreadyEnded = "Deltagandet är redan avslutat. Rätta utskrivningen med PUT i stället.";

    public async ValueTask<ParticipationResponse> Handle(RecordExitCommand command, CancellationToken cancellationToken)
    {
        var participation = await db.Participations.Include(p => p.Intervention)
            .SingleOrDefaultAsync(p => p.Id == command.ParticipationId, cancellationToken)
            ?? throw new NotFoundException("Deltagandet finns inte.");
        if (participation.HasExit)
        {
            throw new ConflictException(AlreadyEnded, "endDate");
        }

        ParticipationExitRules.Check(command, participation);
        ParticipationExitRules.Apply(command, participation, clock.GetUtcNow().UtcDateTime);

        // The exit and its follow-up are written together or not at all.
        await using var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken);

        // Two exits racing: the version check lets only the first one through.
        await db.SaveChangesUniqueAsync(AlreadyEnded, "endDate", cancellationToken);

        // The follow-up appears, moves or is cancelled now instead of at the next nightly run.
        await sender.Send(new RunFollowUpSchedulerCommand(participation.Id), cancellationToken);
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
                TypedResults.Ok(await sender.Send(command with { ParticipationId = id }, ct)))
            .WithName("RecordExit")
            .WithSummary("Record the exit (utskrivning) and the situation directly after it.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
