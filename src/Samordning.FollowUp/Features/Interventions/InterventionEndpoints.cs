using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Samordning.FollowUp.Features.Interventions;

public static class InterventionEndpoints
{
    public static IEndpointRouteBuilder MapInterventionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Interventions");
        group.MapCreateIntervention();
        group.MapListInterventions();
        group.MapListInterventionFigures();
        group.MapGetIntervention();
        group.MapUpdateIntervention();
        group.MapEndIntervention();
        group.MapGetInterventionHistory();
        group.MapGetInterventionFigures();
        group.MapGetInterventionEditState();
        group.MapSetInterventionPlan();
        group.MapSetInterventionCount();
        return app;
    }
}
