using Mapster;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Data;

namespace Samordning.FollowUp.Features.Providers;

[Access(UserRole.AssociationAdmin, UserRole.BoardMember, UserRole.SystemAdmin)]
public sealed record ListProvidersQuery(long AssociationId) : IQuery<IReadOnlyList<ProviderResponse>>, IAssociationScoped;

internal sealed class ListProvidersHandler(FollowUpDbContext db, TypeAdapterConfig mapping)
    : IQueryHandler<ListProvidersQuery, IReadOnlyList<ProviderResponse>>
{
    public async ValueTask<IReadOnlyList<ProviderResponse>> Handle(ListProvidersQuery query, CancellationToken cancellationToken) =>
        await ProviderRules.ListAsync(db, mapping, query.AssociationId, cancellationToken);
}

public static class ListProvidersEndpoint
{
    public static RouteGroupBuilder MapListProviders(this RouteGroupBuilder group)
    {
        group.MapGet("/associations/{associationId:long}/providers", async Task<Ok<IReadOnlyList<ProviderResponse>>> (
                long associationId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListProvidersQuery(associationId), ct)))
            .WithName("ListProviders")
            .WithSummary("List the providers of an association.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
