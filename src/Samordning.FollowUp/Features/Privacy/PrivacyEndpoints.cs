using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Samordning.FollowUp.Features.Privacy;

public static class PrivacyEndpoints
{
    public static IEndpointRouteBuilder MapPrivacyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Personal data");
        group.MapReadIdentity();
        group.MapFindParticipant();
        group.MapWithdrawConsent();
        group.MapExportDataSubject();
        group.MapEraseDataSubject();
        return app;
    }
}
