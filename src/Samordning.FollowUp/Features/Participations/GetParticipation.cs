using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Participations;

[Access(UserRole.Coach)]
public sealed record GetParticipationQuery(long Id) : IQuery<ParticipationResponse>, IParticipationScoped
{
    long IParticipationScoped.ParticipationId => Id;
}

internal sealed class GetParticipationHandler(ParticipationReader reader) : IQueryHandler<GetParticipationQuery, ParticipationResponse>
{
    public async ValueTask<ParticipationResponse> Handle(GetParticipationQuery query, CancellationToken cancellationToken) =>
        await reader.GetAsync(query.Id, cancellationToken);
}

public static class GetParticipationEndpoint
{
    public static RouteGroupBuilder MapGetParticipation(this RouteGroupBuilder group)
    {
        group.MapGet("/participations/{id:long}", async Task<Ok<ParticipationResponse>> (long id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetParticipationQuery(id), ct)))
            .WithName("GetParticipation")
            .WithSummary("Read one participation; the personnummer is masked.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
