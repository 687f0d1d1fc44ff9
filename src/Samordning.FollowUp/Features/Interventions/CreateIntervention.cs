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
using System.Text.Json.Serialization;

namespace Samordning.FollowUp.Features.Interventions;

[Access(UserRole.AssociationAdmin)]
public sealed record CreateInterventionCommand(
    string? Name,
    long? ProviderId,
    Orientation? Orientation,
    InterventionCategory? Category,
    RegistrationMode? RegistrationMode,
    IReadOnlyList<string>? Municipalities,
    DateOnly? StartDate,
    DateOnly? EndDate,
    int? ExpectedLengthWeeks,
    string? TargetGroup) : ICommand<InterventionResponse>, IAssociationScoped, IInterventionFields
{
    [JsonIgnore]
    public long AssociationId { get; init; }
}

internal sealed class CreateInterventionValidator : AbstractValidator<CreateInterventionCommand>
{
    public CreateInterventionValidator() => Include(new InterventionFieldsValidator());
}

internal sealed class CreateInterventionHandler(FollowUpDbContext db, TimeProvider clock, ISender sender)
    : ICommandHandler<CreateInterventionCommand, InterventionResponse>
{
    public async ValueTask<InterventionResponse> Handle(CreateInterventionCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Associations.AnyAsync(a => a.Id == command.AssociationId, cancellationToken))
        {
            throw new NotFoundException(NotFoundMessages.Association);
        }

        await InterventionRules.ActiveProviderNameAsync(db, command.AssociationId, command.ProviderId, cancellationToken);

        var orientation = command.Orientation!.Value;
        var intervention = new Intervention
        {
            AssociationId = command.AssociationId,
            ProviderId = command.ProviderId!.Value,
            Name = command.Name!.Trim(),
            Orientation = orientation,
            Category = command.Category!.Value,
            RegistrationMode = command.RegistrationMode ?? Categories.DefaultRegistrationMode(orientation),
            Municipalities = InterventionRules.Municipalities(command.Municipalities),
            StartDate = command.StartDate!.Value,
            EndDate = command.EndDate,
            ExpectedLengthWeeks = command.ExpectedLengthWeeks,
            TargetGroup = InterventionRules.Text(command.TargetGroup),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Interventions.Add(intervention);
        await db.SaveChangesAsync(cancellationToken);
        return await sender.Send(new GetInterventionQuery(intervention.Id), cancellationToken);
    }
}

public static class CreateInterventionEndpoint
{
    public static RouteGroupBuilder MapCreateIntervention(this RouteGroupBuilder group)
    {
        group.MapPost("/associations/{associationId:long}/interventions", async Task<Created<InterventionResponse>> (
                long associationId, CreateInterventionCommand command, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(command with { AssociationId = associationId }, ct);
                return TypedResults.Created($"/api/v1/interventions/{created.Id}", created);
            })
            .WithName("CreateIntervention")
            .WithSummary("Create an intervention (insats); orientation and registration mode are fixed once it has registrations.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
