using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Samordning.FollowUp.Features.Providers;

public static class ProviderEndpoints
{
    public static IEndpointRouteBuilder MapProviderEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Providers");
        group.MapCreateProvider();
        group.MapListProviders();
        group.MapUpdateProvider();
        group.MapDeactivateProvider();
        group.MapReactivateProvider();
        group.MapListProviderOverview();
        return app;
    }
}
