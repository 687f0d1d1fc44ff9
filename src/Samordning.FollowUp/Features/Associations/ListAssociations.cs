using Mediator;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Associations;

public sealed record AssociationName(long Id, string Name);

/// <summary>Every association's id and name, for the system administrator's choices (the UI's user pages).</summary>
[Access(UserRole.SystemAdmin)]
public sealed record ListAssociationsQuery : IQuery<IReadOnlyList<AssociationName>>;

internal sealed class ListAssociationsHandler(FollowUpDbContext db) : IQueryHandler<ListAssociationsQuery, IReadOnlyList<AssociationName>>
{
    public async ValueTask<IReadOnlyList<AssociationName>> Handle(ListAssociationsQuery query, CancellationToken cancellationToken) =>
        await db.Associations.AsNoTracking()
            .OrderBy(a => a.Name).ThenBy(a => a.Id)
            .Select(a => new AssociationName(a.Id, a.Name))
            .ToListAsync(cancellationToken);
}
