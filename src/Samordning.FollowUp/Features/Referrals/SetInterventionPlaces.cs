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

internal sealed class SetInterventionPlacesHandler(FollowUpDbContext db, ReferralQueue queue)
    : ICommandHandler<SetInterventionPlacesCommand, ReferralQueueResponse>
{
    public async ValueTask<ReferralQueueResponse> Handle(SetInterventionPlacesCommand command, CancellationToken cancellationToken)
    {
        var updated = await db.Interventions.Where(i => i.Id == command.InterventionId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Places, command.Places), cancellationToken);
        if (updated == 0)
        {
            throw new NotFoundException(NotFoundMessages.Intervention);
        }

        return await queue.GetAsync(command.InterventionId, cancellationToken);
    }
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
