using Mapster;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Data;

namespace Samordning.FollowUp.Features.Associations;

[Access(UserRole.AssociationAdmin, UserRole.BoardMember, UserRole.Coach)]
public sealed record GetAssociationQuery(long Id) : IQuery<AssociationResponse>, IAssociationScoped
{
    long IAssociationScoped.AssociationId => Id;
}

internal sealed class GetAssociationHandler(FollowUpDbContext db, TypeAdapterConfig mapping)
    : IQueryHandler<GetAssociationQuery, AssociationResponse>
{
    public async ValueTask<AssociationResponse> Handle(GetAssociationQuery query, CancellationToken cancellationToken) =>
        await db.Associations.AsNoTracking()
            .Where(a => a.Id == query.Id)
            .ProjectToType<AssociationResponse>(mapping)
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException(NotFoundMessages.Association);
}

public static class GetAssociationEndpoint
{
    public static RouteGroupBuilder MapGetAssociation(this RouteGroupBuilder group)
    {
        group.MapGet("/associations/{id:long}", async Task<Ok<AssociationResponse>> (long id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetAssociationQuery(id), ct)))
            .WithName("GetAssociation")
            .WithSummary("Read one association.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
