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
/// One intervention's plan beside its actual figures for every year it runs (up to this year
/// while it has no end, and every year it has a plan for), oldest first.
/// </summary>
[Access(UserRole.AssociationAdmin)]
public sealed record GetInterventionFiguresQuery(long InterventionId) : IQuery<IReadOnlyList<InterventionYearFigures>>, IInterventionScoped;

internal sealed class GetInterventionFiguresHandler(FollowUpDbContext db, InterventionFigures figures, TimeProvider clock)
    : IQueryHandler<GetInterventionFiguresQuery, IReadOnlyList<InterventionYearFigures>>
{
    public async ValueTask<IReadOnlyList<InterventionYearFigures>> Handle(GetInterventionFiguresQuery query, CancellationToken cancellationToken)
    {
        var intervention = await db.Interventions.AsNoTracking()
            .Where(i => i.Id == query.InterventionId)
            .Select(i => new { i.AssociationId, i.StartDate, i.EndDate, LastPlan = i.Plans.Max(p => (int?)p.Year) })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Intervention);

        var first = intervention.StartDate.Year;
        var last = intervention.EndDate?.Year ?? Math.Max(clock.Today().Year, intervention.LastPlan ?? first);
        var result = new List<InterventionYearFigures>();
        for (var year = first; year <= Math.Max(first, last); year++)
        {
            var byId = await figures.ForYearAsync(intervention.AssociationId, year, [query.InterventionId], cancellationToken);
            result.Add(byId[query.InterventionId]);
        }

        return result;
    }
}

public static class GetInterventionFiguresEndpoint
{
    public static RouteGroupBuilder MapGetInterventionFigures(this RouteGroupBuilder group)
    {
        group.MapGet("/interventions/{id:long}/figures", async Task<Ok<IReadOnlyList<InterventionYearFigures>>> (
                long id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetInterventionFiguresQuery(id), ct)))
            .WithName("GetInterventionFigures")
            .WithSummary("An intervention's plan beside its actual figures per year, counted as the tertial report counts the year.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
