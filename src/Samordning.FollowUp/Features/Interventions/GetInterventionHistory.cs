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

/// <summary>The intervention's change history, newest first: who, when, which field, old → new.</summary>
[Access(UserRole.AssociationAdmin)]
public sealed record GetInterventionHistoryQuery(long InterventionId) : IQuery<IReadOnlyList<InterventionChangeResponse>>, IInterventionScoped;

/// <summary>One changed field; the values are Swedish text as the office read them then (null: nothing).</summary>
public sealed record InterventionChangeResponse(
    DateTime AtUtc, string ChangedBy, InterventionField Field, string FieldLabel, string? OldValue, string? NewValue);

internal sealed class GetInterventionHistoryHandler(FollowUpDbContext db)
    : IQueryHandler<GetInterventionHistoryQuery, IReadOnlyList<InterventionChangeResponse>>
{
    public async ValueTask<IReadOnlyList<InterventionChangeResponse>> Handle(GetInterventionHistoryQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Interventions.AnyAsync(i => i.Id == query.InterventionId, cancellationToken))
        {
            throw new NotFoundException(NotFoundMessages.Intervention);
        }

        var rows = await db.InterventionChanges.AsNoTracking()
            .Where(c => c.InterventionId == query.InterventionId)
            .OrderByDescending(c => c.AtUtc).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(c => new InterventionChangeResponse(c.AtUtc, c.UserName, c.Field, SwedishFormat.Label(c.Field), c.OldValue, c.NewValue))];
    }
}

public static class GetInterventionHistoryEndpoint
{
    public static RouteGroupBuilder MapGetInterventionHistory(this RouteGroupBuilder group)
    {
        group.MapGet("/interventions/{id:long}/history", async Task<Ok<IReadOnlyList<InterventionChangeResponse>>> (
                long id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetInterventionHistoryQuery(id), ct)))
            .WithName("GetInterventionHistory")
            .WithSummary("The intervention's change history, newest first: who, when, which field, old and new value in Swedish.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
