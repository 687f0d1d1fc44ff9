using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Referrals;

/// <summary>The office sets how many people the intervention takes at once (empty: no limit stated).</summary>
[Access(UserRole.AssociationAdmin)]
public sealed record SetInterventionPlacesCommand(int? Places) : ICommand<ReferralQueueResponse>, IInterventionScoped
{
    [JsonIgnore]
    public long InterventionId { get; init; }
}

internal sealed class SetInterventionPlacesValidator : AbstractValidator<SetInterventionPlacesCommand>
{
    public SetInterventionPlacesValidator() =>
        RuleFor(x => x.Places).InclusiveBetween(1, 10_000).WithMessage("Antal platser ska vara mellan 1 och 10 000, eller tomt.");
}

/// <summary>A change of places is written to the intervention's change history in the same save, as the office's other edits are.</summary>
internal sealed class SetInterventionPlacesHandler(FollowUpDbContext db, ReferralQueue queue, TimeProvider clock, CallerContext callers)
    : ICommandHandler<SetInterventionPlacesCommand, ReferralQueueResponse>
{
    public async ValueTask<ReferralQueueResponse> Handle(SetInterventionPlacesCommand command, CancellationToken cancellationToken)
    {
        var intervention = await db.Interventions.SingleOrDefaultAsync(i => i.Id == command.InterventionId, cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Intervention);
        if (intervention.Places != command.Places)
        {
            var caller = callers.Current;
            db.InterventionChanges.Add(new InterventionChange
            {
                InterventionId = intervention.Id,
                AtUtc = clock.GetUtcNow().UtcDateTime,
                UserId = caller.UserId,
                UserName = caller.Name,
                Field = InterventionField.Places,
                OldValue = PlacesText(intervention.Places),
                NewValue = PlacesText(command.Places),
            });
            intervention.Places = command.Places;
            await db.SaveChangesAsync(cancellationToken);
        }

        return await queue.GetAsync(command.InterventionId, cancellationToken);
    }

    private static string PlacesText(int? places) => places switch
    {
        null => "inte angivet",
        1 => "1 plats",
        { } p => $"{SwedishFormat.Number(p)} platser",
    };
}

public static class SetInterventionPlacesEndpoint
{
    public static RouteGroupBuilder MapSetInterventionPlaces(this RouteGroupBuilder group)
    {
        group.MapPut("/interventions/{interventionId:long}/places", async Task<Ok<ReferralQueueResponse>> (
                long interventionId, SetInterventionPlacesCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { InterventionId = interventionId }, ct)))
            .WithName("SetInterventionPlaces")
            .WithSummary("Set the intervention's places (null: not stated); the queue answers whether it is full.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
