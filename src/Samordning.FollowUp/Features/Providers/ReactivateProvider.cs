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
/// Takes a deactivated provider back into use: it may again get interventions and coach accounts.
/// Reactivating an active provider changes nothing.
/// </summary>
[Access(UserRole.AssociationAdmin)]
public sealed record ReactivateProviderCommand(long ProviderId) : ICommand<ProviderResponse>, IAssociationScoped
{
    [JsonIgnore]
    public long AssociationId { get; init; }
}

internal sealed class ReactivateProviderHandler(FollowUpDbContext db, TypeAdapterConfig mapping, AuditLog audit)
    : ICommandHandler<ReactivateProviderCommand, ProviderResponse>
{
    public async ValueTask<ProviderResponse> Handle(ReactivateProviderCommand command, CancellationToken cancellationToken)
    {
        var provider = await ProviderRules.FindAsync(db, command.AssociationId, command.ProviderId, cancellationToken);
        if (provider.DeactivatedAtUtc is not null)
        {
            provider.DeactivatedAtUtc = null;
            audit.Add(AuditAction.Reactivated, AuditLog.Provider, provider.Id, provider.AssociationId, provider.Id, $"Utförare: {provider.Name}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return provider.Adapt<ProviderResponse>(mapping);
    }
}

public static class ReactivateProviderEndpoint
{
    public static RouteGroupBuilder MapReactivateProvider(this RouteGroupBuilder group)
    {
        group.MapPost("/associations/{associationId:long}/providers/{providerId:long}/reactivate", async Task<Ok<ProviderResponse>> (
                long associationId, long providerId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ReactivateProviderCommand(providerId) { AssociationId = associationId }, ct)))
            .WithName("ReactivateProvider")
            .WithSummary("Take a deactivated provider back into use: it may again get interventions and coaches.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
