using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Data;

namespace Samordning.FollowUp.Features.Indicators;

/// <summary>Every version of every definition, by code and version.</summary>
[Access(UserRole.AssociationAdmin, UserRole.BoardMember)]
public sealed record ListIndicatorDefinitionsQuery(long AssociationId) : IQuery<IReadOnlyList<IndicatorDefinitionResponse>>, IAssociationScoped;

internal sealed class ListIndicatorDefinitionsHandler(FollowUpDbContext db)
    : IQueryHandler<ListIndicatorDefinitionsQuery, IReadOnlyList<IndicatorDefinitionResponse>>
{
    public async ValueTask<IReadOnlyList<IndicatorDefinitionResponse>> Handle(ListIndicatorDefinitionsQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Associations.AnyAsync(a => a.Id == query.AssociationId, cancellationToken))
        {
            throw new NotFoundException(NotFoundMessages.Association);
        }

        var definitions = await db.IndicatorDefinitions.AsNoTracking()
            .Where(d => d.AssociationId == query.AssociationId)
            .OrderBy(d => d.Code).ThenBy(d => d.Version)
            .ToListAsync(cancellationToken);
        return [.. definitions.Select(d => d.ToResponse())];
    }
}

public static class ListIndicatorDefinitionsEndpoint
{
    public static RouteGroupBuilder MapListIndicatorDefinitions(this RouteGroupBuilder group)
    {
        group.MapGet("/associations/{associationId:long}/indicator-definitions", async Task<Ok<IReadOnlyList<IndicatorDefinitionResponse>>> (
                long associationId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListIndicatorDefinitionsQuery(associationId), ct)))
            .WithName("ListIndicatorDefinitions")
            .WithSummary("The association's indicator definitions, every version.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
