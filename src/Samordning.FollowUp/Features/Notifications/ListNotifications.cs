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

namespace Samordning.FollowUp.Features.Notifications;

public sealed record NotificationResponse(
    long Id, long AssociationId, long? ProviderId, NotificationKind Kind, DateOnly ForDate, string Subject, string Body,
    int ItemCount, DateTime CreatedAtUtc, DateTime? EmailSentAtUtc);

[Access(UserRole.AssociationAdmin, UserRole.Coach)]
public sealed record ListNotificationsQuery(long? ProviderId, long? AssociationId, int Page, int PageSize)
    : IQuery<PagedResponse<NotificationResponse>>;

internal sealed class ListNotificationsValidator : AbstractValidator<ListNotificationsQuery>
{
    public ListNotificationsValidator()
    {
        RuleFor(x => x.Page).ValidPage();
        RuleFor(x => x.PageSize).ValidPageSize();
    }
}

internal sealed class ListNotificationsHandler(FollowUpDbContext db, CallerContext callers) : IQueryHandler<ListNotificationsQuery, PagedResponse<NotificationResponse>>
{
    public async ValueTask<PagedResponse<NotificationResponse>> Handle(ListNotificationsQuery query, CancellationToken cancellationToken)
    {
        var notifications = db.Notifications.AsNoTracking().VisibleTo(callers.Current);
        if (query.ProviderId is { } providerId)
        {
            notifications = notifications.Where(n => n.ProviderId == providerId);
        }

        if (query.AssociationId is { } associationId)
        {
            notifications = notifications.Where(n => n.AssociationId == associationId);
        }

        var total = await notifications.CountAsync(cancellationToken);
        var items = await notifications.OrderByDescending(n => n.Id)
            .Page(query.Page, query.PageSize)
            .Select(n => new NotificationResponse(n.Id, n.AssociationId, n.ProviderId, n.Kind, n.ForDate, n.Subject, n.Body,
                n.ItemCount, n.CreatedAtUtc, n.EmailSentAtUtc))
            .ToListAsync(cancellationToken);
        return new PagedResponse<NotificationResponse>(items, query.Page, query.PageSize, total);
    }
}

public static class ListNotificationsEndpoint
{
    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").WithTags("Notifications")
            .MapGet("/notifications", async Task<Ok<PagedResponse<NotificationResponse>>> (
                long? providerId, long? associationId, int? page, int? pageSize, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListNotificationsQuery(providerId, associationId, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct)))
            .WithName("ListNotifications")
            .WithSummary("Notifications (daily follow-up digests), newest first.")
            .ProducesValidationProblem();
        return app;
    }
}
