using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Samordning.FollowUp.Features.Indicators;

public static class IndicatorEndpoints
{
    public static IEndpointRouteBuilder MapIndicatorEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Indicators");
        group.MapListIndicatorDefinitions();
        group.MapCreateIndicatorDefinition();
        group.MapReviseIndicatorDefinition();
        group.MapPreviewIndicatorDefinition();
        group.MapGetIndicators();
        return app;
    }
}
