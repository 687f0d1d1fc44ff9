using Mapster;
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
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.TertialCycle;

namespace Samordning.FollowUp.Features.Providers;

/// <summary>
/// The office's view of its providers: each one's interventions, coach accounts (names) and open
/// data-quality items of the last ended tertial, counted by the tertial cycle's own checklist.
/// </summary>
[Access(UserRole.AssociationAdmin)]
public sealed record ListProviderOverviewQuery(long AssociationId) : IQuery<ProviderOverviewResponse>, IAssociationScoped;

public sealed record ProviderOverviewResponse(int Year, int Tertial, IReadOnlyList<ProviderOverviewRow> Providers);

public sealed record ProviderOverviewRow(
    ProviderResponse Provider, IReadOnlyList<ProviderInterventionItem> Interventions, IReadOnlyList<string> Coaches, int OpenDataQualityItems);

public sealed record ProviderInterventionItem(long Id, string Name, DateOnly? EndDate);

internal sealed class ListProviderOverviewHandler(
    FollowUpDbContext db, TertialReportBuilder builder, TimeProvider clock, TypeAdapterConfig mapping)
    : IQueryHandler<ListProviderOverviewQuery, ProviderOverviewResponse>
{
    public async ValueTask<ProviderOverviewResponse> Handle(ListProviderOverviewQuery query, CancellationToken cancellationToken)
    {
        var providers = await ProviderRules.ListAsync(db, mapping, query.AssociationId, cancellationToken);
        var interventions = (await db.Interventions.AsNoTracking()
                .Where(i => i.AssociationId == query.AssociationId)
                .OrderBy(i => i.Name)
                .Select(i => new { i.ProviderId, Item = new ProviderInterventionItem(i.Id, i.Name, i.EndDate) })
                .ToListAsync(cancellationToken))
            .ToLookup(x => x.ProviderId, x => x.Item);
        var coaches = (await db.Users.AsNoTracking()
                .Where(u => u.AssociationId == query.AssociationId && u.Role == UserRole.Coach && u.ProviderId != null)
                .OrderBy(u => u.DisplayName)
                .Select(u => new { ProviderId = u.ProviderId!.Value, u.DisplayName })
                .ToListAsync(cancellationToken))
            .ToLookup(x => x.ProviderId, x => x.DisplayName);

        var (year, tertial) = Tertials.LastEnded(clock.Today());
        var openItems = (await builder.DataQualityAsync(query.AssociationId, year, tertial, cancellationToken))
            .ToDictionary(r => r.ProviderId, TertialCycleRules.OpenItems);

        return new ProviderOverviewResponse(year, tertial,
        [
            .. providers.Select(p => new ProviderOverviewRow(
                p, [.. interventions[p.Id]], [.. coaches[p.Id]], openItems.GetValueOrDefault(p.Id))),
        ]);
    }
}

public static class ListProviderOverviewEndpoint
{
    public static RouteGroupBuilder MapListProviderOverview(this RouteGroupBuilder group)
    {
        group.MapGet("/associations/{associationId:long}/providers/overview", async Task<Ok<ProviderOverviewResponse>> (
                long associationId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListProviderOverviewQuery(associationId), ct)))
            .WithName("ListProviderOverview")
            .WithSummary("Each provider of the association with its interventions, coaches and open data-quality items of the last ended tertial.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
