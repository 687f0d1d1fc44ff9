using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Interventions;

/// <summary>
/// What the edit form must know before it is sent: whether orientation, registration mode and
/// provider are locked (anything registered), and the earliest end date the registrations allow.
/// </summary>
[Access(UserRole.AssociationAdmin)]
public sealed record GetInterventionEditStateQuery(long InterventionId) : IQuery<InterventionEditState>, IInterventionScoped;

/// <param name="HasRegistrations">Participations or count-only figures exist: orientation, registration mode and provider are fixed.</param>
/// <param name="LatestRegisteredDate">The latest start or exit date of a participation; the end date cannot be earlier.</param>
/// <param name="OngoingParticipations">Participations without an exit: an end date in the past is refused while any remain.</param>
public sealed record InterventionEditState(bool HasRegistrations, DateOnly? LatestRegisteredDate, int OngoingParticipations);

internal sealed class GetInterventionEditStateHandler(FollowUpDbContext db) : IQueryHandler<GetInterventionEditStateQuery, InterventionEditState>
{
    public async ValueTask<InterventionEditState> Handle(GetInterventionEditStateQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Interventions.AnyAsync(i => i.Id == query.InterventionId, cancellationToken))
        {
            throw new NotFoundException(NotFoundMessages.Intervention);
        }

        var span = await InterventionRules.SpanAsync(db, query.InterventionId, cancellationToken);
        var registered = span is not null || await db.InterventionTertialCounts.AnyAsync(c => c.InterventionId == query.InterventionId, cancellationToken);
        return new InterventionEditState(registered, span?.Latest, span?.Ongoing ?? 0);
    }
}

public static class GetInterventionEditStateEndpoint
{
    public static RouteGroupBuilder MapGetInterventionEditState(this RouteGroupBuilder group)
    {
        group.MapGet("/interventions/{id:long}/edit-state", async Task<Ok<InterventionEditState>> (long id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetInterventionEditStateQuery(id), ct)))
            .WithName("GetInterventionEditState")
            .WithSummary("Whether orientation, registration mode and provider can still change, and the earliest end date the registrations allow.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
