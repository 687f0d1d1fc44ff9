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
public sealed record GetInterventionQuery(long Id) : IQuery<InterventionResponse>, IInterventionScoped
{
    long IInterventionScoped.InterventionId => Id;
}

internal sealed class GetInterventionHandler(FollowUpDbContext db, TypeAdapterConfig mapping)
    : IQueryHandler<GetInterventionQuery, InterventionResponse>
{
    public async ValueTask<InterventionResponse> Handle(GetInterventionQuery query, CancellationToken cancellationToken) =>
        await db.Interventions.AsNoTracking()
            .Where(i => i.Id == query.Id)
            .ProjectToType<InterventionResponse>(mapping)
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException(NotFoundMessages.Intervention);
}

public static class GetInterventionEndpoint
{
    public static RouteGroupBuilder MapGetIntervention(this RouteGroupBuilder group)
    {
        group.MapGet("/interventions/{id:long}", async Task<Ok<InterventionResponse>> (long id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetInterventionQuery(id), ct)))
            .WithName("GetIntervention")
            .WithSummary("Read one intervention with its yearly plans and counts.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
