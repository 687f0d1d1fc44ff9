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

/// <summary>Editing a definition creates its next version; figures already computed keep the old one.</summary>
[Access(UserRole.AssociationAdmin)]
public sealed record ReviseIndicatorDefinitionCommand : IndicatorDraft, ICommand<IndicatorDefinitionResponse>, IAssociationScoped
{
    public ReviseIndicatorDefinitionCommand()
    {
    }

    public ReviseIndicatorDefinitionCommand(IndicatorDraft draft)
        : base(draft)
    {
    }

    [JsonIgnore]
    public long AssociationId { get; init; }

    [JsonIgnore]
    public string Code { get; init; } = string.Empty;
}

internal sealed class ReviseIndicatorDefinitionValidator : AbstractValidator<ReviseIndicatorDefinitionCommand>
{
    public ReviseIndicatorDefinitionValidator() => Include(new IndicatorDraftValidator());
}

internal sealed class ReviseIndicatorDefinitionHandler(FollowUpDbContext db, TimeProvider clock)
    : ICommandHandler<ReviseIndicatorDefinitionCommand, IndicatorDefinitionResponse>
{
    public async ValueTask<IndicatorDefinitionResponse> Handle(ReviseIndicatorDefinitionCommand command, CancellationToken cancellationToken)
    {
        var code = command.Code.ToUpperInvariant();
        var latest = await db.IndicatorDefinitions.AsNoTracking()
            .Where(d => d.AssociationId == command.AssociationId && d.Code == code)
            .OrderByDescending(d => d.Version)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Måttet finns inte i förbundet.");
        if (command.ValidFrom < latest.ValidFrom)
        {
            throw new RuleViolationException("validFrom",
                $"En ny version kan inte gälla från före den nuvarande versionen ({SwedishFormat.Date(latest.ValidFrom)}).");
        }

        var definition = command.ToDefinition(command.AssociationId, code, latest.Version + 1, clock.GetUtcNow().UtcDateTime);
        db.IndicatorDefinitions.Add(definition);
        await db.SaveChangesUniqueAsync("Måttet ändrades samtidigt av någon annan. Läs in det igen.", "code", cancellationToken);
        return definition.ToResponse();
    }
}

public static class ReviseIndicatorDefinitionEndpoint
{
    public static RouteGroupBuilder MapReviseIndicatorDefinition(this RouteGroupBuilder group)
    {
        group.MapPut("/associations/{associationId:long}/indicator-definitions/{code}", async Task<Ok<IndicatorDefinitionResponse>> (
                long associationId, string code, ReviseIndicatorDefinitionCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { AssociationId = associationId, Code = code }, ct)))
            .WithName("ReviseIndicatorDefinition")
            .WithSummary("Create the next version of an indicator definition, valid from a date.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
