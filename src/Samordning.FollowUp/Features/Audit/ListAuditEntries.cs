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

namespace Samordning.FollowUp.Features.Audit;

/// <summary>
/// The audit log, newest first: all of it for the system administrator, its own association's
/// lines for the office. Filter by action, user, entity and period (Swedish calendar days).
/// </summary>
[Access(UserRole.SystemAdmin, UserRole.AssociationAdmin)]
public sealed record ListAuditEntriesQuery(
    AuditAction? Action, string? UserId, string? EntityType, string? EntityId, DateOnly? From, DateOnly? To,
    int Page = 1, int PageSize = Paging.DefaultPageSize) : IQuery<PagedResponse<AuditEntryResponse>>;

public sealed record AuditEntryResponse(
    long Id, DateTime AtUtc, string? UserId, string UserName, UserRole? Role, AuditAction Action, string ActionLabel,
    string EntityType, string? EntityId, long? AssociationId, long? ProviderId, string? Detail);

internal sealed class ListAuditEntriesValidator : AbstractValidator<ListAuditEntriesQuery>
{
    public ListAuditEntriesValidator()
    {
        RuleFor(x => x.Page).ValidPage();
        RuleFor(x => x.PageSize).ValidPageSize();
        RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.From is not null && x.To is not null)
            .WithMessage("Slutdatumet kan inte ligga före startdatumet.");
    }
}

internal sealed class ListAuditEntriesHandler(FollowUpDbContext db, CallerContext callers)
    : IQueryHandler<ListAuditEntriesQuery, PagedResponse<AuditEntryResponse>>
{
    public async ValueTask<PagedResponse<AuditEntryResponse>> Handle(ListAuditEntriesQuery query, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var entries = db.AuditEntries.AsNoTracking();
        if (!caller.IsSystem && !caller.Is(UserRole.SystemAdmin))
        {
            entries = entries.Where(a => a.AssociationId == caller.AssociationId);
        }

        if (query.Action is { } action)
        {
            entries = entries.Where(a => a.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(query.UserId))
        {
            entries = entries.Where(a => a.UserId == query.UserId);
        }

        if (!string.IsNullOrWhiteSpace(query.EntityType))
        {
            entries = entries.Where(a => a.EntityType == query.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(query.EntityId))
        {
            entries = entries.Where(a => a.EntityId == query.EntityId);
        }

        if (query.From is { } from)
        {
            var fromUtc = Clock.StartOfDayUtc(from);
            entries = entries.Where(a => a.AtUtc >= fromUtc);
        }

        if (query.To is { } to)
        {
            var toUtc = Clock.StartOfDayUtc(to.AddDays(1));
            entries = entries.Where(a => a.AtUtc < toUtc);
        }

        var total = await entries.CountAsync(cancellationToken);
        var rows = await entries.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id)
            .Page(query.Page, query.PageSize)
            .ToListAsync(cancellationToken);
        return new PagedResponse<AuditEntryResponse>(
            [.. rows.Select(a => new AuditEntryResponse(a.Id, a.AtUtc, a.UserId, a.UserName, a.Role, a.Action, SwedishFormat.Label(a.Action),
                a.EntityType, a.EntityId, a.AssociationId, a.ProviderId, a.Detail))],
            query.Page, query.PageSize, total);
    }
}

public static class ListAuditEntriesEndpoint
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").WithTags("Audit")
            .MapGet("/audit", async Task<Ok<PagedResponse<AuditEntryResponse>>> (
                    string? action, string? userId, string? entityType, string? entityId, DateOnly? from, DateOnly? to,
                    int? page, int? pageSize, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListAuditEntriesQuery(CodeNames.FromQuery<AuditAction>(action, "action"), userId, entityType, entityId, from, to,
                    page ?? 1, pageSize ?? Paging.DefaultPageSize), ct)))
            .WithName("ListAuditEntries")
            .WithSummary("The audit log, newest first; the office sees its own association's lines.")
            .ProducesValidationProblem();
        return app;
    }
}
