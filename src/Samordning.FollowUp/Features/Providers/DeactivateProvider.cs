using System.Text.Json.Serialization;
using Mapster;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Providers;

/// <summary>
/// Deactivates a provider: its interventions, participations and reports stay (a provider is never
/// deleted), but it gets no new interventions or coach accounts. Deactivating twice changes nothing.
/// </summary>
[Access(UserRole.AssociationAdmin)]
public sealed record DeactivateProviderCommand(long ProviderId) : ICommand<ProviderResponse>, IAssociationScoped
{
    [JsonIgnore]
    public long AssociationId { get; init; }
}

internal sealed class DeactivateProviderHandler(FollowUpDbContext db, TimeProvider clock, TypeAdapterConfig mapping, AuditLog audit)
    : ICommandHandler<DeactivateProviderCommand, ProviderResponse>
{
    public async ValueTask<ProviderResponse> Handle(DeactivateProviderCommand command, CancellationToken cancellationToken)
    {
        var provider = await ProviderRules.FindAsync(db, command.AssociationId, command.ProviderId, cancellationToken);
        if (provider.DeactivatedAtUtc is null)
        {
            provider.DeactivatedAtUtc = clock.GetUtcNow().UtcDateTime;
            audit.Add(AuditAction.Deactivated, AuditLog.Provider, provider.Id, provider.AssociationId, provider.Id, $"Utförare: {provider.Name}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return provider.Adapt<ProviderResponse>(mapping);
    }
}

public static class DeactivateProviderEndpoint
{
    public static RouteGroupBuilder MapDeactivateProvider(this RouteGroupBuilder group)
    {
        group.MapPost("/associations/{associationId:long}/providers/{providerId:long}/deactivate", async Task<Ok<ProviderResponse>> (
                long associationId, long providerId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new DeactivateProviderCommand(providerId) { AssociationId = associationId }, ct)))
            .WithName("DeactivateProvider")
            .WithSummary("Deactivate a provider: its data stays, it gets no new interventions or coaches.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
