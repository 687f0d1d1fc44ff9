using FluentValidation;
using Mapster;
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
using Samordning.FollowUp.Features.Indicators;

namespace Samordning.FollowUp.Features.Associations;

/// <param name="PlanBelowPercent">Below this share of the plan the report says "under plan" (default 90).</param>
/// <param name="PlanAbovePercent">Above this share of the plan the report says "över plan" (default 110).</param>
[Access(UserRole.SystemAdmin)]
public sealed record CreateAssociationCommand(
    string? Name, string? OrganisationNumber, int? SmallNumberThreshold, string? ContactEmail = null,
    int? PlanBelowPercent = null, int? PlanAbovePercent = null)
    : ICommand<AssociationResponse>;

internal sealed class CreateAssociationValidator : AbstractValidator<CreateAssociationCommand>
{
    public CreateAssociationValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Namn måste anges.")
            .MaximumLength(200).WithMessage("Namnet får vara högst 200 tecken.");
        RuleFor(x => x.OrganisationNumber!).Must(OrganisationNumbers.IsValid)
            .When(x => x.OrganisationNumber is not null)
            .WithMessage("Organisationsnumret ska skrivas NNNNNN-NNNN och ha rätt kontrollsiffra.");
        RuleFor(x => x.SmallNumberThreshold).InclusiveBetween(0, 100)
            .WithMessage("Gränsen för små tal ska vara mellan 0 och 100.");
        RuleFor(x => x.PlanBelowPercent).InclusiveBetween(1, 100)
            .WithMessage("Gränsen för under plan ska vara mellan 1 och 100 procent.");
        RuleFor(x => x.PlanAbovePercent).InclusiveBetween(100, 1000)
            .WithMessage("Gränsen för över plan ska vara mellan 100 och 1000 procent.");
        RuleFor(x => x.ContactEmail).EmailAddress().WithMessage("E-postadressen är inte giltig.").MaximumLength(254).WithMessage("E-postadressen är inte giltig.");
    }
}

internal sealed class CreateAssociationHandler(FollowUpDbContext db, TimeProvider clock, TypeAdapterConfig mapping, AuditLog audit)
    : ICommandHandler<CreateAssociationCommand, AssociationResponse>
{
    public async ValueTask<AssociationResponse> Handle(CreateAssociationCommand command, CancellationToken cancellationToken)
    {
        var name = command.Name!.Trim();
        if (await db.Associations.AnyAsync(a => a.Name == name, cancellationToken))
        {
            throw new ConflictException("Det finns redan ett förbund med det namnet.", "name");
        }


        var association = new Association
        {
            Name = name,
            OrganisationNumber = OrganisationNumbers.Normalise(command.OrganisationNumber),
            SmallNumberThreshold = command.SmallNumberThreshold ?? 5,
            PlanBelowPercent = command.PlanBelowPercent ?? 90,
            PlanAbovePercent = command.PlanAbovePercent ?? 110,
            ContactEmail = command.ContactEmail?.Trim(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        const string duplicate = "Det finns redan ett förbund med det namnet.";
        await using var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken);
        db.Associations.Add(association);
        await db.SaveChangesUniqueAsync(duplicate, "name", cancellationToken);

        // Every association starts with the plan indicators I1–I3 and their default targets.
        db.IndicatorDefinitions.AddRange(IndicatorDefaults.For(association.Id, association.CreatedAtUtc));
        // …and the step scale as its first progression instrument (issue 21).
        db.ProgressionInstruments.Add(Progression.StepInstrument.For(association.Id, association.CreatedAtUtc));
        audit.Add(AuditAction.Create, AuditLog.Association, association.Id, association.Id, null, $"Förbund: {association.Name}");
        await db.SaveChangesUniqueAsync(duplicate, "name", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return association.Adapt<AssociationResponse>(mapping);
    }
}

public static class CreateAssociationEndpoint
{
    public static RouteGroupBuilder MapCreateAssociation(this RouteGroupBuilder group)
    {
        group.MapPost("/associations", async Task<Created<AssociationResponse>> (
                CreateAssociationCommand command, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(command, ct);
                return TypedResults.Created($"/api/v1/associations/{created.Id}", created);
            })
            .WithName("CreateAssociation")
            .WithSummary("Create a coordination association (samordningsförbund).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
