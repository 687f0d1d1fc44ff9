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
using Samordning.FollowUp.Features.Providers;
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
    string? TargetGroup) : ICommand<InterventionResponse>, IAssociationScoped
{
    [JsonIgnore]
    public long AssociationId { get; init; }
}

internal sealed class CreateInterventionValidator : AbstractValidator<CreateInterventionCommand>
{
    public CreateInterventionValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Namn måste anges.")
            .MaximumLength(200).WithMessage("Namnet får vara högst 200 tecken.");
        RuleFor(x => x.ProviderId).NotNull().WithMessage("Utförare måste anges.");
        RuleFor(x => x.Orientation).NotNull().WithMessage("Inriktning måste anges.");
        RuleFor(x => x.Category).NotNull().WithMessage("Preciserad inriktning måste anges.");
        RuleFor(x => x.Category)
            .Must((x, c) => c!.Value.BelongsTo(x.Orientation!.Value))
            .When(x => x.Orientation is not null && x.Category is not null)
            .WithMessage("Den preciserade inriktningen hör inte till den valda inriktningen.");
        RuleForEach(x => x.Municipalities).NotEmpty().WithMessage("Kommunnamnet får inte vara tomt.")
            .MaximumLength(100).WithMessage("Kommunnamnet får vara högst 100 tecken.");
        RuleFor(x => x.StartDate).NotNull().WithMessage("Startdatum måste anges.");
        RuleFor(x => x.EndDate).GreaterThanOrEqualTo(x => x.StartDate)
            .When(x => x.StartDate is not null && x.EndDate is not null)
            .WithMessage("Slutdatum får inte vara före startdatum.");
        RuleFor(x => x.ExpectedLengthWeeks).InclusiveBetween(1, 520)
            .WithMessage("Förväntad längd ska vara mellan 1 och 520 veckor.");
        RuleFor(x => x.TargetGroup).MaximumLength(2000).WithMessage("Målgruppen får vara högst 2000 tecken.");
    }
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

        var providerActive = await db.Providers.Where(p => p.Id == command.ProviderId && p.AssociationId == command.AssociationId)
            .Select(p => (bool?)(p.DeactivatedAtUtc == null)).SingleOrDefaultAsync(cancellationToken);
        if (providerActive is null)
        {
            throw new RuleViolationException("providerId", "Utföraren finns inte i det här förbundet.");
        }

        if (providerActive == false)
        {
            throw new RuleViolationException("providerId", ProviderRules.Inactive);
        }

        var orientation = command.Orientation!.Value;
        var intervention = new Intervention
        {
            AssociationId = command.AssociationId,
            ProviderId = command.ProviderId!.Value,
            Name = command.Name!.Trim(),
            Orientation = orientation,
            Category = command.Category!.Value,
            RegistrationMode = command.RegistrationMode ?? Categories.DefaultRegistrationMode(orientation),
            Municipalities = [.. (command.Municipalities ?? []).Select(m => m.Trim()).Distinct()],
            StartDate = command.StartDate!.Value,
            EndDate = command.EndDate,
            ExpectedLengthWeeks = command.ExpectedLengthWeeks,
            TargetGroup = command.TargetGroup?.Trim(),
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
            .WithSummary("Create an intervention (insats); its registration mode is fixed from now on.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
