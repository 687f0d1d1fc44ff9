using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Samordning.FollowUp.Features.Referrals;

public static class ReferralEndpoints
{
    public static IEndpointRouteBuilder MapReferralEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Referrals");
        group.MapRegisterReferral();
        group.MapListReferrals();
        group.MapGetReferralQueue();
        group.MapListLongWaitingReferrals();
        group.MapGetReferral();
        group.MapAcceptReferral();
        group.MapDeclineReferral();
        group.MapWithdrawReferral();
        group.MapStartReferral();
        group.MapSetInterventionPlaces();
        return app;
    }
}
