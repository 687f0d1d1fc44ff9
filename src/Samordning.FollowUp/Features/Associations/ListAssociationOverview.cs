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

namespace Samordning.FollowUp.Features.Associations;

/// <summary>
/// The administrator's associations, each with how far it is set up: its office users, board
/// members, providers, coaches and interventions, counted by the database, and the next step of the
/// guided setup (an office user, then providers) while one is missing.
/// </summary>
[Access(UserRole.SystemAdmin)]
public sealed record ListAssociationOverviewQuery : IQuery<IReadOnlyList<AssociationOverviewRow>>
{
    /// <summary>Only this association (the setup pages; 404 when it does not exist).</summary>
    public long? AssociationId { get; init; }
}

/// <param name="ActiveProviders">Providers not deactivated.</param>
public sealed record AssociationOverviewRow(
    long Id, string Name, string? OrganisationNumber, string? ContactEmail, DateTime CreatedAtUtc,
    int OfficeUsers, int BoardMembers, int ActiveProviders, int Coaches, int Interventions)
{
    /// <summary>The next step of the guided setup, or null once the association has an office user and a provider.</summary>
    public AssociationSetupStep? NextStep =>
        OfficeUsers == 0 ? AssociationSetupStep.OfficeUser
        : ActiveProviders == 0 ? AssociationSetupStep.Providers
        : null;

    /// <summary>What the setup still lacks, in words ("kansliets användare, utförare"); empty once set up.</summary>
    public IReadOnlyList<string> Missing =>
    [
        .. OfficeUsers == 0 ? ["kansliets användare"] : Array.Empty<string>(),
        .. ActiveProviders == 0 ? ["utförare"] : Array.Empty<string>(),
    ];
}

/// <summary>The steps of setting up an association after it is created.</summary>
public enum AssociationSetupStep
{
    OfficeUser,
    Providers,
}

internal sealed class ListAssociationOverviewHandler(FollowUpDbContext db)
    : IQueryHandler<ListAssociationOverviewQuery, IReadOnlyList<AssociationOverviewRow>>
{
    public async ValueTask<IReadOnlyList<AssociationOverviewRow>> Handle(ListAssociationOverviewQuery query, CancellationToken cancellationToken)
    {
        var associations = db.Associations.AsNoTracking();
        if (query.AssociationId is { } id)
        {
            associations = associations.Where(a => a.Id == id);
        }

        // One statement: each count is a correlated sub-query the database runs.
        var rows = await associations
            .OrderBy(a => a.Name).ThenBy(a => a.Id)
            .Select(a => new AssociationOverviewRow(
                a.Id, a.Name, a.OrganisationNumber, a.ContactEmail, a.CreatedAtUtc,
                db.Users.Count(u => u.AssociationId == a.Id && u.Role == UserRole.AssociationAdmin),
                db.Users.Count(u => u.AssociationId == a.Id && u.Role == UserRole.BoardMember),
                db.Providers.Count(p => p.AssociationId == a.Id && p.DeactivatedAtUtc == null),
                db.Users.Count(u => u.AssociationId == a.Id && u.Role == UserRole.Coach),
                db.Interventions.Count(i => i.AssociationId == a.Id)))
            .ToListAsync(cancellationToken);
        if (query.AssociationId is not null && rows.Count == 0)
        {
            throw new NotFoundException(NotFoundMessages.Association);
        }

        return rows;
    }
}

public static class ListAssociationOverviewEndpoint
{
    public static RouteGroupBuilder MapListAssociationOverview(this RouteGroupBuilder group)
    {
        group.MapGet("/associations/overview", async Task<Ok<IReadOnlyList<AssociationOverviewRow>>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListAssociationOverviewQuery(), ct)))
            .WithName("ListAssociationOverview")
            .WithSummary("Every association with its office users, board members, providers, coaches and interventions counted, and the next setup step.");
        return group;
    }
}
