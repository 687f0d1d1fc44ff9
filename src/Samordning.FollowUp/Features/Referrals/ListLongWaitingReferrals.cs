using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Referrals;

/// <summary>The coach's "Att göra": its provider's referrals waiting longer than <see cref="ReferralOptions.LongWaitDays"/>, longest first.</summary>
[Access(UserRole.Coach)]
public sealed record ListLongWaitingReferralsQuery : IQuery<LongWaitingReferralsResponse>;

public sealed record LongWaitingReferralsResponse(int LongWaitDays, IReadOnlyList<LongWaitingReferral> Referrals);

public sealed record LongWaitingReferral(long InterventionId, string InterventionName, ReferralResponse Referral);

internal sealed class ListLongWaitingReferralsHandler(ReferralReader reader, IOptions<ReferralOptions> options, TimeProvider clock)
    : IQueryHandler<ListLongWaitingReferralsQuery, LongWaitingReferralsResponse>
{
    // A start page shows a short list; the queue page has them all.
    private const int Limit = 100;

    public async ValueTask<LongWaitingReferralsResponse> Handle(ListLongWaitingReferralsQuery query, CancellationToken cancellationToken)
    {
        var days = options.Value.LongWaitDays;
        var cutOff = clock.Today().AddDays(-days);
        var waiting = reader.Visible()
            .Where(r => (r.State == ReferralState.Received || r.State == ReferralState.Accepted) && r.ReceivedOn < cutOff)
            .OrderBy(r => r.ReceivedOn).ThenBy(r => r.Id)
            .Take(Limit);
        var referrals = await reader.ListAsync(waiting, cancellationToken);
        var ids = referrals.Select(r => r.InterventionId).Distinct().ToList();
        var names = await reader.InterventionNamesAsync(ids, cancellationToken);
        return new LongWaitingReferralsResponse(days,
            [.. referrals.Select(r => new LongWaitingReferral(r.InterventionId, names[r.InterventionId], r))]);
    }
}

public static class ListLongWaitingReferralsEndpoint
{
    public static RouteGroupBuilder MapListLongWaitingReferrals(this RouteGroupBuilder group)
    {
        group.MapGet("/referrals/waiting-long", async Task<Ok<LongWaitingReferralsResponse>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListLongWaitingReferralsQuery(), ct)))
            .WithName("ListLongWaitingReferrals")
            .WithSummary("My provider's referrals waiting longer than the configured number of days (default 14), longest first.");
        return group;
    }
}
