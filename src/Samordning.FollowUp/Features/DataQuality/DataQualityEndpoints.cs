using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Samordning.FollowUp.Features.DataQuality;

public static class DataQualityEndpoints
{
    public static IEndpointRouteBuilder MapDataQualityEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Data quality");
        group.MapGetAssociationDataQuality();
        group.MapGetProviderDataQuality();
        group.MapListDataQualityItems();
        group.MapRemindProviderDataQuality();
        return app;
    }
}
