using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Referrals;

[Access(UserRole.Coach)]
public sealed record GetReferralQuery(long Id) : IQuery<ReferralResponse>, IReferralScoped
{
    long IReferralScoped.ReferralId => Id;
}

internal sealed class GetReferralHandler(ReferralReader reader) : IQueryHandler<GetReferralQuery, ReferralResponse>
{
    public async ValueTask<ReferralResponse> Handle(GetReferralQuery query, CancellationToken cancellationToken) =>
        await reader.GetAsync(query.Id, cancellationToken);
}

public static class GetReferralEndpoint
{
    public static RouteGroupBuilder MapGetReferral(this RouteGroupBuilder group)
    {
        group.MapGet("/referrals/{id:long}", async Task<Ok<ReferralResponse>> (long id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetReferralQuery(id), ct)))
            .WithName("GetReferral")
            .WithSummary("Read one referral; the personnummer is masked.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
