using System.Text.Json.Serialization;
using FluentValidation;
using Mapster;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Providers;

/// <summary>Renames a provider and sets its organisation number and contact e-mail (where reminders go).</summary>
[Access(UserRole.AssociationAdmin)]
public sealed record UpdateProviderCommand(string? Name, string? OrganisationNumber, string? ContactEmail = null)
    : ICommand<ProviderResponse>, IAssociationScoped, IProviderFields
{
    [JsonIgnore]
    public long AssociationId { get; init; }

    [JsonIgnore]
    public long ProviderId { get; init; }
}

internal sealed class UpdateProviderValidator : AbstractValidator<UpdateProviderCommand>
{
    public UpdateProviderValidator() => Include(new ProviderFieldsValidator());
}

internal sealed class UpdateProviderHandler(FollowUpDbContext db, TypeAdapterConfig mapping)
    : ICommandHandler<UpdateProviderCommand, ProviderResponse>
{
    public async ValueTask<ProviderResponse> Handle(UpdateProviderCommand command, CancellationToken cancellationToken)
    {
        var provider = await ProviderRules.FindAsync(db, command.AssociationId, command.ProviderId, cancellationToken);
        var name = command.Name!.Trim();
        await ProviderRules.EnsureNameFreeAsync(db, command.AssociationId, name, provider.Id, cancellationToken);
        provider.Name = name;
        provider.OrganisationNumber = OrganisationNumbers.Normalise(command.OrganisationNumber);
        provider.ContactEmail = ProviderRules.Email(command.ContactEmail);
        await db.SaveChangesUniqueAsync(ProviderRules.DuplicateName, "name", cancellationToken);
        return provider.Adapt<ProviderResponse>(mapping);
    }
}

public static class UpdateProviderEndpoint
{
    public static RouteGroupBuilder MapUpdateProvider(this RouteGroupBuilder group)
    {
        group.MapPut("/associations/{associationId:long}/providers/{providerId:long}", async Task<Ok<ProviderResponse>> (
                long associationId, long providerId, UpdateProviderCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { AssociationId = associationId, ProviderId = providerId }, ct)))
            .WithName("UpdateProvider")
            .WithSummary("Rename a provider and set its organisation number and contact e-mail.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
