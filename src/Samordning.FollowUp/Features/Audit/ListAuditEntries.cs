using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Audit;

/// <summary>
/// Which audit lines: one action, one user, one entity type (and id), one association (only
/// narrows: the office never sees beyond its own) and a period of Swedish calendar days.
/// </summary>
public sealed record AuditEntryFilter(
    AuditAction? Action = null, string? UserId = null, string? EntityType = null, string? EntityId = null,
    long? AssociationId = null, DateOnly? From = null, DateOnly? To = null)
{
    /// <summary>The lines the caller may read (all for the administrator, its association's for the office), narrowed by the filter.</summary>
    internal IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries, Caller caller)
    {
        if (!caller.IsSystem && !caller.Is(UserRole.SystemAdmin))
        {
            entries = entries.Where(a => a.AssociationId == caller.AssociationId);
        }

        if (AssociationId is { } associationId)
        {
            entries = entries.Where(a => a.AssociationId == associationId);
        }

        if (Action is { } action)
        {
            entries = entries.Where(a => a.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(UserId))
        {
            entries = entries.Where(a => a.UserId == UserId);
        }

        if (!string.IsNullOrWhiteSpace(EntityType))
        {
            entries = entries.Where(a => a.EntityType == EntityType);
        }

        if (!string.IsNullOrWhiteSpace(EntityId))
        {
            entries = entries.Where(a => a.EntityId == EntityId);
        }

        if (From is { } from)
        {
            var fromUtc = Clock.StartOfDayUtc(from);
            entries = entries.Where(a => a.AtUtc >= fromUtc);
        }

        if (To is { } to)
        {
            var toUtc = Clock.StartOfDayUtc(to.AddDays(1));
            entries = entries.Where(a => a.AtUtc < toUtc);
        }

        return entries.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id);
    }

    /// <summary>The same filter from a query string (<c>action</c> a code name, refused otherwise).</summary>
    public static AuditEntryFilter FromQuery(
        string? action, string? userId, string? entityType, string? entityId, long? associationId, DateOnly? from, DateOnly? to) =>
        new(CodeNames.FromQuery<AuditAction>(action, "action"), userId, entityType, entityId, associationId, from, to);
}

internal static class AuditEntryFilterRules
{
    public static void AddFilterRules<T>(this AbstractValidator<T> validator, Func<T, AuditEntryFilter> filter) =>
        validator.RuleFor(x => filter(x).To)
            .Must((x, to) => filter(x).From is not { } from || to is not { } until || from <= until)
            .OverridePropertyName("to").WithMessage("Slutdatumet kan inte ligga före startdatumet.");
}

/// <summary>
/// The audit log, newest first: all of it for the system administrator, its own association's
/// lines for the office. Filter by action, user, entity, association and period.
/// </summary>
[Access(UserRole.SystemAdmin, UserRole.AssociationAdmin)]
public sealed record ListAuditEntriesQuery(AuditEntryFilter Filter, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<PagedResponse<AuditEntryResponse>>;

public sealed record AuditEntryResponse(
    long Id, DateTime AtUtc, string? UserId, string UserName, UserRole? Role, AuditAction Action, string ActionLabel,
    string EntityType, string? EntityId, long? AssociationId, long? ProviderId, string? Detail)
{
    internal static readonly System.Linq.Expressions.Expression<Func<AuditEntry, AuditEntryResponse>> FromEntry = a =>
        new AuditEntryResponse(a.Id, a.AtUtc, a.UserId, a.UserName, a.Role, a.Action, string.Empty,
            a.EntityType, a.EntityId, a.AssociationId, a.ProviderId, a.Detail);

    /// <summary>The entity type as the office reads it ("Deltagande").</summary>
    public string EntityTypeLabel => AuditLog.EntityLabel(EntityType);
}

internal sealed class ListAuditEntriesValidator : AbstractValidator<ListAuditEntriesQuery>
{
    public ListAuditEntriesValidator()
    {
        this.AddFilterRules(x => x.Filter);
        RuleFor(x => x.Page).ValidPage();
        RuleFor(x => x.PageSize).ValidPageSize();
    }
}

internal sealed class ListAuditEntriesHandler(FollowUpDbContext db, CallerContext callers)
    : IQueryHandler<ListAuditEntriesQuery, PagedResponse<AuditEntryResponse>>
{
    public async ValueTask<PagedResponse<AuditEntryResponse>> Handle(ListAuditEntriesQuery query, CancellationToken cancellationToken)
    {
        var entries = query.Filter.Apply(db.AuditEntries.AsNoTracking(), callers.Current);
        var total = await entries.CountAsync(cancellationToken);
        var rows = await entries.Page(query.Page, query.PageSize).Select(AuditEntryResponse.FromEntry).ToListAsync(cancellationToken);
        return new PagedResponse<AuditEntryResponse>(
            [.. rows.Select(r => r with { ActionLabel = SwedishFormat.Label(r.Action) })], query.Page, query.PageSize, total);
    }
}

public static class ListAuditEntriesEndpoint
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Audit");
        group.MapGet("/audit", async Task<Ok<PagedResponse<AuditEntryResponse>>> (
                    string? action, string? userId, string? entityType, string? entityId, long? associationId, DateOnly? from, DateOnly? to,
                    int? page, int? pageSize, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListAuditEntriesQuery(
                    AuditEntryFilter.FromQuery(action, userId, entityType, entityId, associationId, from, to),
                    page ?? 1, pageSize ?? Paging.DefaultPageSize), ct)))
            .WithName("ListAuditEntries")
            .WithSummary("The audit log, newest first; the office sees its own association's lines.")
            .ProducesValidationProblem();
        group.MapExportAuditEntries();
        return app;
    }
}
