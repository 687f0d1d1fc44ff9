using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.FollowUps;

[Access(UserRole.Coach)]
public sealed record ListFollowUpsQuery(string? Status, long? ProviderId, long? InterventionId, int Page, int PageSize)
    : IQuery<PagedResponse<FollowUpResponse>>
{
    /// <summary>Only this participation's follow-ups (the UI's participation page; not a query-string filter of the API).</summary>
    public long? ParticipationId { get; init; }
}

internal sealed class ListFollowUpsValidator : AbstractValidator<ListFollowUpsQuery>
{
    public ListFollowUpsValidator()
    {
        RuleFor(x => x.Status).IsEnumName(typeof(FollowUpStatus), caseSensitive: false)
            .WithMessage("Status är inte ett tillåtet värde. Tillåtna värden: Upcoming, Due, Overdue, Expired, Completed, Cancelled.");
        RuleFor(x => x.Page).ValidPage();
        RuleFor(x => x.PageSize).ValidPageSize();
    }
}

internal sealed class ListFollowUpsHandler(FollowUpDbContext db, IOptions<FollowUpOptions> options, CallerContext callers, IdentityProtector protector)
    : IQueryHandler<ListFollowUpsQuery, PagedResponse<FollowUpResponse>>
{
    public async ValueTask<PagedResponse<FollowUpResponse>> Handle(ListFollowUpsQuery query, CancellationToken cancellationToken)
    {
        var followUps = db.TwelveMonthFollowUps.AsNoTracking().VisibleTo(callers.Current);
        if (query.Status is not null)
        {
            var status = Enum.Parse<FollowUpStatus>(query.Status, ignoreCase: true);
            followUps = followUps.Where(f => f.Status == status);
        }

        if (query.ProviderId is { } providerId)
        {
            followUps = followUps.Where(f => f.Participation!.Intervention!.ProviderId == providerId);
        }

        if (query.InterventionId is { } interventionId)
        {
            followUps = followUps.Where(f => f.Participation!.InterventionId == interventionId);
        }

        if (query.ParticipationId is { } participationId)
        {
            followUps = followUps.Where(f => f.ParticipationId == participationId);
        }

        var total = await followUps.CountAsync(cancellationToken);
        var rows = await followUps.OrderBy(f => f.DueDate).ThenBy(f => f.Id)
            .Page(query.Page, query.PageSize)
            .Rows()
            .ToListAsync(cancellationToken);
        return new PagedResponse<FollowUpResponse>([.. rows.Select(r => r.ToResponse(options.Value, protector))], query.Page, query.PageSize, total);
    }
}

public static class ListFollowUpsEndpoint
{
    public static RouteGroupBuilder MapListFollowUps(this RouteGroupBuilder group)
    {
        group.MapGet("/follow-ups", async Task<Ok<PagedResponse<FollowUpResponse>>> (
                string? status, long? providerId, long? interventionId, int? page, int? pageSize, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListFollowUpsQuery(
                    status, providerId, interventionId, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct)))
            .WithName("ListFollowUps")
            .WithSummary("Follow-ups, oldest due first; filter by status, provider and intervention.")
            .ProducesValidationProblem();
        return group;
    }
}
