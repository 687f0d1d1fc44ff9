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

namespace Samordning.FollowUp.Features.Interventions;

[Access(UserRole.AssociationAdmin, UserRole.BoardMember, UserRole.Coach)]
public sealed record ListInterventionsQuery(long AssociationId, long? ProviderId) : IQuery<IReadOnlyList<InterventionResponse>>, IAssociationScoped;

internal sealed class ListInterventionsHandler(FollowUpDbContext db, TypeAdapterConfig mapping, CallerContext callers)
    : IQueryHandler<ListInterventionsQuery, IReadOnlyList<InterventionResponse>>
{
    public async ValueTask<IReadOnlyList<InterventionResponse>> Handle(ListInterventionsQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Associations.AnyAsync(a => a.Id == query.AssociationId, cancellationToken))
        {
            throw new NotFoundException(NotFoundMessages.Association);
        }

        var interventions = db.Interventions.AsNoTracking().VisibleTo(callers.Current).Where(i => i.AssociationId == query.AssociationId);
        if (query.ProviderId is { } providerId)
        {
            interventions = interventions.Where(i => i.ProviderId == providerId);
        }

        return await interventions
            .OrderBy(i => i.Orientation).ThenBy(i => i.Category).ThenBy(i => i.Name).ThenBy(i => i.Id)
            .ProjectToType<InterventionResponse>(mapping)
            .ToListAsync(cancellationToken);
    }
}

public static class ListInterventionsEndpoint
{
    public static RouteGroupBuilder MapListInterventions(this RouteGroupBuilder group)
    {
        group.MapGet("/associations/{associationId:long}/interventions", async Task<Ok<IReadOnlyList<InterventionResponse>>> (
                long associationId, long? providerId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListInterventionsQuery(associationId, providerId), ct)))
            .WithName("ListInterventions")
            .WithSummary("List an association's interventions, optionally for one provider.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
