using System.Text.Json.Serialization;
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

namespace Samordning.FollowUp.Features.Providers;

/// <summary>
/// A new provider of the association: the office adds its own; the administrator adds them while
/// setting up a new association (the guided flow), since no office user may have signed in yet.
/// </summary>
[Access(UserRole.AssociationAdmin, UserRole.SystemAdmin)]
public sealed record CreateProviderCommand(string? Name, string? OrganisationNumber, string? ContactEmail = null) : ICommand<ProviderResponse>, IAssociationScoped, IProviderFields
{
    [JsonIgnore]
    public long AssociationId { get; init; }
}

internal sealed class CreateProviderValidator : AbstractValidator<CreateProviderCommand>
{
    public CreateProviderValidator() => Include(new ProviderFieldsValidator());
}

internal sealed class CreateProviderHandler(FollowUpDbContext db, TimeProvider clock, TypeAdapterConfig mapping, AuditLog audit)
    : ICommandHandler<CreateProviderCommand, ProviderResponse>
{
    public async ValueTask<ProviderResponse> Handle(CreateProviderCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Associations.AnyAsync(a => a.Id == command.AssociationId, cancellationToken))
        {
            throw new NotFoundException(NotFoundMessages.Association);
        }

        var name = command.Name!.Trim();
        await ProviderRules.EnsureNameFreeAsync(db, command.AssociationId, name, null, cancellationToken);

        var provider = new Provider
        {
            AssociationId = command.AssociationId,
            Name = name,
            OrganisationNumber = OrganisationNumbers.Normalise(command.OrganisationNumber),
            ContactEmail = ProviderRules.Email(command.ContactEmail),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        await using var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken);
        db.Providers.Add(provider);
        await db.SaveChangesUniqueAsync(ProviderRules.DuplicateName, "name", cancellationToken);
        audit.Add(AuditAction.Create, AuditLog.Provider, provider.Id, provider.AssociationId, provider.Id, $"Utförare: {provider.Name}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return provider.Adapt<ProviderResponse>(mapping);
    }
}

public static class CreateProviderEndpoint
{
    public static RouteGroupBuilder MapCreateProvider(this RouteGroupBuilder group)
    {
        group.MapPost("/associations/{associationId:long}/providers", async Task<Created<ProviderResponse>> (
                long associationId, CreateProviderCommand command, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(command with { AssociationId = associationId }, ct);
                return TypedResults.Created($"/api/v1/associations/{associationId}/providers", created);
            })
            .WithName("CreateProvider")
            .WithSummary("Add a provider (utförare) to an association.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
