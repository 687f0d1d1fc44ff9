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

namespace Samordning.FollowUp.Features.Economy;

/// <summary>One year of an intervention's money: budget, actual per tertial, the year's actual, the forecast.</summary>
public sealed record InterventionEconomyYear(int Year, long BudgetSek, long? Tertial1Sek, long? Tertial2Sek, long? Tertial3Sek, long ActualSek, int? UsedBasisPoints, long ForecastSek, bool ForecastEntered);

public sealed record InterventionEconomyResponse(long InterventionId, string Name, IReadOnlyList<InterventionEconomyYear> Years);

/// <summary>
/// One intervention's budget and costs per year: what a coach may see of the economy (their own
/// provider's interventions only), and the office and the board for any of the association's.
/// </summary>
[Access(UserRole.AssociationAdmin, UserRole.BoardMember, UserRole.Coach)]
public sealed record GetInterventionEconomyQuery(long InterventionId) : IQuery<InterventionEconomyResponse>, IInterventionScoped;

internal sealed class GetInterventionEconomyHandler(FollowUpDbContext db) : IQueryHandler<GetInterventionEconomyQuery, InterventionEconomyResponse>
{
    public async ValueTask<InterventionEconomyResponse> Handle(GetInterventionEconomyQuery query, CancellationToken cancellationToken)
    {
        var name = await db.Interventions.Where(i => i.Id == query.InterventionId).Select(i => i.Name).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Intervention);
        var plans = await db.InterventionYearPlans.AsNoTracking().Where(p => p.InterventionId == query.InterventionId)
            .Select(p => new { p.Year, p.BudgetSek, p.ActualCostSek }).ToListAsync(cancellationToken);
        var costs = await db.InterventionCosts.AsNoTracking().Where(c => c.InterventionId == query.InterventionId).ToListAsync(cancellationToken);
        var years = plans.Select(p => p.Year).Union(costs.Select(c => c.Year)).Order();
        return new InterventionEconomyResponse(query.InterventionId, name, [.. years.Select(year =>
        {
            var plan = plans.FirstOrDefault(p => p.Year == year);
            var cost = costs.FirstOrDefault(c => c.Year == year);
            var line = EconomyCalculation.Line(query.InterventionId, null, name, null, plan?.BudgetSek ?? 0, plan?.ActualCostSek ?? 0,
                cost?.Tertial1Sek, cost?.Tertial2Sek, cost?.Tertial3Sek, cost?.ForecastSek, 3);
            return new InterventionEconomyYear(year, line.BudgetSek, cost?.Tertial1Sek, cost?.Tertial2Sek, cost?.Tertial3Sek,
                line.ActualToDateSek, line.UsedBasisPoints, line.ForecastSek, line.ForecastEntered);
        })]);
    }
}

public static class GetInterventionEconomyEndpoint
{
    public static RouteGroupBuilder MapGetInterventionEconomy(this RouteGroupBuilder group)
    {
        group.MapGet("/interventions/{id:long}/economy", async Task<Ok<InterventionEconomyResponse>> (long id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetInterventionEconomyQuery(id), ct)))
            .WithName("GetInterventionEconomy")
            .WithSummary("An intervention's budget and actual costs per year and tertial (coaches: their own provider's interventions).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
