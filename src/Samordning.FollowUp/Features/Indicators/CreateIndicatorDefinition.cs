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

namespace Samordning.FollowUp.Features.Indicators;

[Access(UserRole.AssociationAdmin)]
public sealed record CreateIndicatorDefinitionCommand : IndicatorDraft, ICommand<IndicatorDefinitionResponse>, IAssociationScoped
{
    public CreateIndicatorDefinitionCommand()
    {
    }

    public CreateIndicatorDefinitionCommand(IndicatorDraft draft)
        : base(draft)
    {
    }

    /// <summary>The new definition's code (I1, I2 …): letters, digits, - and _.</summary>
    public string? Code { get; init; }

    [JsonIgnore]
    public long AssociationId { get; init; }
}

internal sealed class CreateIndicatorDefinitionValidator : AbstractValidator<CreateIndicatorDefinitionCommand>
{
    public CreateIndicatorDefinitionValidator()
    {
        Include(new IndicatorDraftValidator());
        RuleFor(x => x.Code).NotEmpty().WithMessage("Kod måste anges.")
            .Matches("^[A-Za-z0-9_-]{1,16}$").WithMessage("Koden får bestå av högst 16 bokstäver (a–z), siffror, - och _.");
    }
}

internal sealed class CreateIndicatorDefinitionHandler(FollowUpDbContext db, TimeProvider clock)
    : ICommandHandler<CreateIndicatorDefinitionCommand, IndicatorDefinitionResponse>
{
    public async ValueTask<IndicatorDefinitionResponse> Handle(CreateIndicatorDefinitionCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Associations.AnyAsync(a => a.Id == command.AssociationId, cancellationToken))
        {
            throw new NotFoundException(NotFoundMessages.Association);
        }

        var code = command.Code!.ToUpperInvariant();
        const string exists = "Det finns redan ett mått med den koden. Skapa en ny version med PUT i stället.";
        if (await db.IndicatorDefinitions.AnyAsync(d => d.AssociationId == command.AssociationId && d.Code == code, cancellationToken))
        {
            throw new ConflictException(exists, "code");
        }

        var definition = command.ToDefinition(command.AssociationId, code, 1, clock.GetUtcNow().UtcDateTime);
        db.IndicatorDefinitions.Add(definition);
        await db.SaveChangesUniqueAsync(exists, "code", cancellationToken);
        return definition.ToResponse();
    }
}

public static class CreateIndicatorDefinitionEndpoint
{
    public static RouteGroupBuilder MapCreateIndicatorDefinition(this RouteGroupBuilder group)
    {
        group.MapPost("/associations/{associationId:long}/indicator-definitions", async Task<Created<IndicatorDefinitionResponse>> (
                long associationId, CreateIndicatorDefinitionCommand command, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(command with { AssociationId = associationId }, ct);
                return TypedResults.Created($"/api/v1/associations/{associationId}/indicator-definitions", created);
            })
            .WithName("CreateIndicatorDefinition")
            .WithSummary("Add an indicator definition (version 1).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
