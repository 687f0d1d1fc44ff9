using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Samordning.FollowUp.Features.Associations;

public static class AssociationEndpoints
{
    public static IEndpointRouteBuilder MapAssociationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Associations");
        group.MapCreateAssociation();
        group.MapGetAssociation();
        group.MapListAssociationOverview();
        group.MapSetIntakeSettings();
        return app;
    }
}
