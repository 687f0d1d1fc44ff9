using Mediator;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Providers;

/// <summary>
/// The providers a user form offers, by name: the office its own association's, the administrator
/// every association's (each with its association's name, to group the list).
/// </summary>
[Access(UserRole.SystemAdmin, UserRole.AssociationAdmin)]
public sealed record ListProviderChoicesQuery : IQuery<IReadOnlyList<ProviderChoice>>;

public sealed record ProviderChoice(long Id, string Name, long AssociationId, string AssociationName, bool IsActive);

internal sealed class ListProviderChoicesHandler(FollowUpDbContext db, CallerContext callers)
    : IQueryHandler<ListProviderChoicesQuery, IReadOnlyList<ProviderChoice>>
{
    public async ValueTask<IReadOnlyList<ProviderChoice>> Handle(ListProviderChoicesQuery query, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var providers = db.Providers.AsNoTracking();
        if (!caller.Is(UserRole.SystemAdmin))
        {
            providers = providers.Where(p => p.AssociationId == caller.AssociationId);
        }

        return await providers
            .OrderBy(p => p.Association!.Name).ThenBy(p => p.Name)
            .Select(p => new ProviderChoice(p.Id, p.Name, p.AssociationId, p.Association!.Name, p.DeactivatedAtUtc == null))
            .ToListAsync(cancellationToken);
    }
}
