using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Samordning.FollowUp.Features.FollowUps;

public static class FollowUpEndpoints
{
    public static IEndpointRouteBuilder MapTwelveMonthFollowUpEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Follow-ups");
        group.MapListFollowUps();
        group.MapRecordFollowUpResult();
        group.MapContactAttempts();
        group.MapListFollowUpResultHistory();
        return app;
    }
}
