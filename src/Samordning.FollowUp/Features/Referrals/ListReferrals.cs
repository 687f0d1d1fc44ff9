using FluentValidation;
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

public enum ReferralStatusFilter
{
    Waiting,
    Closed,
    All,
}

/// <summary>The intervention's referrals for its provider's coach: by default the queue, longest waiting first.</summary>
[Access(UserRole.Coach)]
public sealed record ListReferralsQuery(long InterventionId, string? Status, int Page, int PageSize)
    : IQuery<ReferralListResponse>, IInterventionScoped;

public sealed record ReferralListResponse(ReferralQueueResponse Queue, PagedResponse<ReferralResponse> Referrals);

internal sealed class ListReferralsValidator : AbstractValidator<ListReferralsQuery>
{
    public ListReferralsValidator()
    {
        RuleFor(x => x.Status).IsEnumName(typeof(ReferralStatusFilter), caseSensitive: false)
            .WithMessage("Status är inte ett tillåtet värde. Tillåtna värden: waiting, closed, all.");
        RuleFor(x => x.Page).ValidPage();
        RuleFor(x => x.PageSize).ValidPageSize();
    }
}

internal sealed class ListReferralsHandler(FollowUpDbContext db, ReferralReader reader, ReferralQueue queue)
    : IQueryHandler<ListReferralsQuery, ReferralListResponse>
{
    public async ValueTask<ReferralListResponse> Handle(ListReferralsQuery query, CancellationToken cancellationToken)
    {
        var summary = await queue.GetAsync(query.InterventionId, cancellationToken);
        var referrals = db.Referrals.AsNoTracking().Where(r => r.InterventionId == query.InterventionId);
        var filter = Enum.Parse<ReferralStatusFilter>(query.Status ?? nameof(ReferralStatusFilter.Waiting), ignoreCase: true);
        referrals = filter switch
        {
            ReferralStatusFilter.Waiting => referrals.Where(r => r.State == ReferralState.Received || r.State == ReferralState.Accepted),
            ReferralStatusFilter.Closed => referrals.Where(r => r.State != ReferralState.Received && r.State != ReferralState.Accepted),
            _ => referrals,
        };
        var ordered = filter == ReferralStatusFilter.Waiting
            ? referrals.OrderBy(r => r.ReceivedOn).ThenBy(r => r.Id)
            : referrals.OrderByDescending(r => r.ReceivedOn).ThenByDescending(r => r.Id);

        var total = await referrals.CountAsync(cancellationToken);
        var page = await reader.ListAsync(ordered.Page(query.Page, query.PageSize), cancellationToken);
        return new ReferralListResponse(summary, new PagedResponse<ReferralResponse>(page, query.Page, query.PageSize, total));
    }
}

public static class ListReferralsEndpoint
{
    public static RouteGroupBuilder MapListReferrals(this RouteGroupBuilder group)
    {
        group.MapGet("/interventions/{interventionId:long}/referrals", async Task<Ok<ReferralListResponse>> (
                long interventionId, string? status, int? page, int? pageSize, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(
                    new ListReferralsQuery(interventionId, status, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct)))
            .WithName("ListReferrals")
            .WithSummary("The intervention's referrals with its queue: status=waiting (default, longest waiting first)|closed|all.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
