using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Samordning.FollowUp.Features.Economy;

public static class EconomyEndpoints
{
    public static IEndpointRouteBuilder MapEconomyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Economy");
        group.MapGetEconomyYear();
        group.MapSetEconomyYear();
        group.MapAddAssociationMember();
        group.MapSetMemberYear();
        group.MapSetAdministrationCost();
        group.MapSetInterventionCost();
        group.MapGetInterventionEconomy();
        group.MapSetFinancialTargets();
        group.MapGetFinancingPlan();
        group.MapImportActualCosts();
        return app;
    }
}
