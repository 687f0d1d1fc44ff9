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

namespace Samordning.FollowUp.Features.Interventions;

/// <summary>
/// "Avsluta insatsen": sets the end date. No intake (registration or count) after it; the
/// intervention stays in every report of the periods it ran. It is the edit with only the end
/// date changed, so the period's rules and the history are the edit's.
/// </summary>
[Access(UserRole.AssociationAdmin)]
public sealed record EndInterventionCommand(DateOnly? EndDate) : ICommand<InterventionResponse>, IInterventionScoped
{
    [JsonIgnore]
    public long InterventionId { get; init; }
}

internal sealed class EndInterventionValidator : AbstractValidator<EndInterventionCommand>
{
    public EndInterventionValidator() =>
        RuleFor(x => x.EndDate).NotNull().WithMessage("Slutdatum måste anges.");
}

internal sealed class EndInterventionHandler(FollowUpDbContext db, ISender sender)
    : ICommandHandler<EndInterventionCommand, InterventionResponse>
{
    public async ValueTask<InterventionResponse> Handle(EndInterventionCommand command, CancellationToken cancellationToken)
    {
        var i = await db.Interventions.AsNoTracking().SingleOrDefaultAsync(i => i.Id == command.InterventionId, cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Intervention);
        if (command.EndDate < i.StartDate)
        {
            throw new RuleViolationException("endDate", $"Slutdatum får inte vara före insatsens startdatum ({SwedishFormat.Date(i.StartDate)}).");
        }

        return await sender.Send(new UpdateInterventionCommand(i.Name, i.ProviderId, i.Orientation, i.Category, i.RegistrationMode,
            i.Municipalities, i.StartDate, command.EndDate, i.ExpectedLengthWeeks, i.TargetGroup) { InterventionId = i.Id }, cancellationToken);
    }
}

public static class EndInterventionEndpoint
{
    public static RouteGroupBuilder MapEndIntervention(this RouteGroupBuilder group)
    {
        group.MapPost("/interventions/{id:long}/end", async Task<Ok<InterventionResponse>> (
                long id, EndInterventionCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { InterventionId = id }, ct)))
            .WithName("EndIntervention")
            .WithSummary("End an intervention on a date: no intake after it; it stays in the reports of the periods it ran.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
