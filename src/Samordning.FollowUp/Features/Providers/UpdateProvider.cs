using System.Text.Json.Serialization;
using FluentValidation;
using Mapster;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
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

internal sealed class UpdateProviderHandler(FollowUpDbContext db, TypeAdapterConfig mapping, AuditLog audit)
    : ICommandHandler<UpdateProviderCommand, ProviderResponse>
{
    public async ValueTask<ProviderResponse> Handle(UpdateProviderCommand command, CancellationToken cancellationToken)
    {
        var provider = await ProviderRules.FindAsync(db, command.AssociationId, command.ProviderId, cancellationToken);
        var name = command.Name!.Trim();
        await ProviderRules.EnsureNameFreeAsync(db, command.AssociationId, name, provider.Id, cancellationToken);
        var organisationNumber = OrganisationNumbers.Normalise(command.OrganisationNumber);
        var contactEmail = ProviderRules.Email(command.ContactEmail);
        // What changed, in words (a provider's name and a shared mailbox are no personal data of participants);
        // the same values again change nothing and write no line.
        var changes = new List<string>();
        if (name != provider.Name)
        {
            changes.Add($"namn: {provider.Name} → {name}");
        }

        if (organisationNumber != provider.OrganisationNumber)
        {
            changes.Add("organisationsnummer");
        }

        if (contactEmail != provider.ContactEmail)
        {
            changes.Add("kontaktadress för påminnelser");
        }

        provider.Name = name;
        provider.OrganisationNumber = organisationNumber;
        provider.ContactEmail = contactEmail;
        if (changes.Count > 0)
        {
            audit.Add(AuditAction.Updated, AuditLog.Provider, provider.Id, provider.AssociationId, provider.Id,
                $"Utförare: {name}; ändrat {string.Join(", ", changes)}");
        }

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
