using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Referrals;

/// <summary>
/// The queue of one intervention as counts: referrals waiting (received or accepted, not started),
/// the longest wait, the places and how many are taken (open participations). Counts only, so the
/// office and the board read it too.
/// </summary>
[Access(UserRole.Coach, UserRole.AssociationAdmin, UserRole.BoardMember)]
public sealed record GetReferralQueueQuery(long InterventionId) : IQuery<ReferralQueueResponse>, IInterventionScoped;

/// <param name="Full">Every place is taken (only when the office set the places).</param>
public sealed record ReferralQueueResponse(
    long InterventionId, int Received, int Accepted, int Waiting, int? LongestWaitDays, int? Places, int Active, bool Full);

internal sealed class ReferralQueue(FollowUpDbContext db, TimeProvider clock)
{
    public async Task<ReferralQueueResponse> GetAsync(long interventionId, CancellationToken cancellationToken)
    {
        var intervention = await db.Interventions.AsNoTracking().Where(i => i.Id == interventionId)
            .Select(i => new
            {
                i.Places,
                Active = db.Participations.Count(p => p.InterventionId == i.Id && p.EndDate == null),
            })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Intervention);
        var waiting = await db.Referrals.AsNoTracking()
            .Where(r => r.InterventionId == interventionId && (r.State == ReferralState.Received || r.State == ReferralState.Accepted))
            .GroupBy(r => r.State)
            .Select(g => new { State = g.Key, Count = g.Count(), Oldest = g.Min(r => r.ReceivedOn) })
            .ToListAsync(cancellationToken);
        var received = waiting.Where(w => w.State == ReferralState.Received).Sum(w => w.Count);
        var accepted = waiting.Where(w => w.State == ReferralState.Accepted).Sum(w => w.Count);
        int? longest = waiting.Count == 0 ? null : clock.Today().DayNumber - waiting.Min(w => w.Oldest).DayNumber;
        return new ReferralQueueResponse(interventionId, received, accepted, received + accepted, longest,
            intervention.Places, intervention.Active, intervention.Places is { } places && intervention.Active >= places);
    }
}

internal sealed class GetReferralQueueHandler(ReferralQueue queue) : IQueryHandler<GetReferralQueueQuery, ReferralQueueResponse>
{
    public async ValueTask<ReferralQueueResponse> Handle(GetReferralQueueQuery query, CancellationToken cancellationToken) =>
        await queue.GetAsync(query.InterventionId, cancellationToken);
}

public static class GetReferralQueueEndpoint
{
    public static RouteGroupBuilder MapGetReferralQueue(this RouteGroupBuilder group)
    {
        group.MapGet("/interventions/{interventionId:long}/referral-queue", async Task<Ok<ReferralQueueResponse>> (
                long interventionId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetReferralQueueQuery(interventionId), ct)))
            .WithName("GetReferralQueue")
            .WithSummary("The intervention's referral queue as counts: waiting, longest wait, places, taken, full.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
