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

namespace Samordning.FollowUp.Features.Users;

/// <summary>
/// Users the caller manages: all for the administrator, its association's for the office; for a
/// coach, the coach accounts of its own provider (so the provider sees every account that may
/// see its participants, and confirms new ones).
/// </summary>
[Access(UserRole.SystemAdmin, UserRole.AssociationAdmin, UserRole.Coach)]
public sealed record ListUsersQuery(UserRole? Role, long? AssociationId, int Page = 1, int PageSize = Paging.DefaultPageSize)
    : IQuery<PagedResponse<UserResponse>>
{
    /// <summary>Only this user (the UI's edit page; still only among those the caller manages).</summary>
    public string? UserId { get; init; }
}

internal sealed class ListUsersValidator : AbstractValidator<ListUsersQuery>
{
    public ListUsersValidator()
    {
        RuleFor(x => x.Page).ValidPage();
        RuleFor(x => x.PageSize).ValidPageSize();
    }
}

internal sealed class ListUsersHandler(FollowUpDbContext db, CallerContext callers, TimeProvider clock) : IQueryHandler<ListUsersQuery, PagedResponse<UserResponse>>
{
    public async ValueTask<PagedResponse<UserResponse>> Handle(ListUsersQuery query, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var users = db.Users.AsNoTracking();
        if (caller.Is(UserRole.AssociationAdmin))
        {
            users = users.Where(u => u.AssociationId == caller.AssociationId);
        }
        else if (caller.Is(UserRole.Coach))
        {
            users = users.Where(u => u.ProviderId == caller.ProviderId && u.Role == UserRole.Coach);
        }

        if (query.AssociationId is { } associationId)
        {
            users = users.Where(u => u.AssociationId == associationId);
        }

        if (query.UserId is { } userId)
        {
            users = users.Where(u => u.Id == userId);
        }

        if (query.Role is { } role)
        {
            users = users.Where(u => u.Role == role);
        }

        var total = await users.CountAsync(cancellationToken);
        var rows = await users.OrderBy(u => u.Email).Page(query.Page, query.PageSize).ToListAsync(cancellationToken);
        // The page's association and provider names: two small look-ups by the ids on the page.
        var associationIds = rows.Where(u => u.AssociationId != null).Select(u => u.AssociationId!.Value).Distinct().ToList();
        var providerIds = rows.Where(u => u.ProviderId != null).Select(u => u.ProviderId!.Value).Distinct().ToList();
        var associations = await db.Associations.AsNoTracking().Where(a => associationIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var providers = await db.Providers.AsNoTracking().Where(p => providerIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return new PagedResponse<UserResponse>(
            [
                .. rows.Select(u => UserResponse.From(u, clock) with
                {
                    AssociationName = u.AssociationId is { } a ? associations.GetValueOrDefault(a) : null,
                    ProviderName = u.ProviderId is { } p ? providers.GetValueOrDefault(p) : null,
                }),
            ],
            query.Page, query.PageSize, total);
    }
}

public static class ListUsersEndpoint
{
    public static RouteGroupBuilder MapListUsers(this RouteGroupBuilder group)
    {
        group.MapGet("/users", async Task<Ok<PagedResponse<UserResponse>>> (
                string? role, long? associationId, int? page, int? pageSize, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListUsersQuery(CodeNames.FromQuery<UserRole>(role, "role"), associationId,
                    page ?? 1, pageSize ?? Paging.DefaultPageSize), ct)))
            .WithName("ListUsers")
            .WithSummary("List users: every user for the administrator, the association's for its office, the provider's coaches for a coach.");
        return group;
    }
}
