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
using Samordning.FollowUp.Features.Reports;

namespace Samordning.FollowUp.Features.TertialCycle;

/// <summary>
/// Where the tertial cycle stands, in counts of providers only: the report's first screen shows
/// it to the office and the board. No figures and no checklist (the board does not see those per
/// provider), which is why this is a query of its own and not the office's list.
/// </summary>
[Access(UserRole.AssociationAdmin, UserRole.BoardMember)]
public sealed record GetTertialCycleSummaryQuery(long AssociationId, int Year, int Tertial)
    : IQuery<TertialCycleSummaryResponse>, IAssociationScoped;

/// <summary>
/// <paramref name="Providers"/> counts the providers the cycle concerns (an intervention running in
/// the tertial); <paramref name="Attested"/> those that have attested and not been sent back
/// (attested or accepted); <paramref name="Accepted"/> those the office has accepted.
/// <paramref name="NotAccepted"/> names the others, which adoption waits for (names and states only).
/// </summary>
public sealed record TertialCycleSummaryResponse(
    long AssociationId, int Year, int Tertial, bool TertialAdopted, int Providers, int Attested, int Accepted, string Text,
    IReadOnlyList<CycleProvider> NotAccepted);

internal sealed class GetTertialCycleSummaryValidator : AbstractValidator<GetTertialCycleSummaryQuery>
{
    public GetTertialCycleSummaryValidator()
    {
        RuleFor(x => x.Year).ValidYear();
        RuleFor(x => x.Tertial).ValidTertial();
    }
}

internal sealed class GetTertialCycleSummaryHandler(FollowUpDbContext db, TertialCycleRules cycle, TertialCycleProviders cycleProviders)
    : IQueryHandler<GetTertialCycleSummaryQuery, TertialCycleSummaryResponse>
{
    public async ValueTask<TertialCycleSummaryResponse> Handle(GetTertialCycleSummaryQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Associations.AnyAsync(a => a.Id == query.AssociationId, cancellationToken))
        {
            throw new NotFoundException(NotFoundMessages.Association);
        }

        // The providers the cycle concerns: an intervention running in the tertial.
        var inCycle = cycleProviders.InCycle(query.AssociationId, query.Year, query.Tertial).Select(p => p.Id);
        var providers = await inCycle.CountAsync(cancellationToken);
        // Counted by the database, per state.
        var states = await db.ProviderTertialReports.AsNoTracking()
            .Where(r => r.AssociationId == query.AssociationId && r.Year == query.Year && r.Tertial == query.Tertial && inCycle.Contains(r.ProviderId))
            .GroupBy(r => r.State)
            .Select(g => new { State = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.State, g => g.Count, cancellationToken);
        var accepted = states.GetValueOrDefault(TertialReportState.Accepted);
        var attested = accepted + states.GetValueOrDefault(TertialReportState.Attested);
        return new TertialCycleSummaryResponse(query.AssociationId, query.Year, query.Tertial,
            await cycle.IsAdoptedAsync(query.AssociationId, query.Year, query.Tertial, cancellationToken),
            providers, attested, accepted, Text(providers, attested, accepted),
            await cycleProviders.NotInAsync(query.AssociationId, query.Year, query.Tertial, [TertialReportState.Accepted], cancellationToken));
    }

    /// <summary>"3 av 9 utförare har intygat, 2 godkända".</summary>
    public static string Text(int providers, int attested, int accepted) =>
        providers == 0
            ? "Inga utförare har insatser under tertialen"
            : $"{attested} av {providers} utförare har intygat, {accepted} {(accepted == 1 ? "godkänd" : "godkända")}";
}

public static class GetTertialCycleSummaryEndpoint
{
    public static RouteGroupBuilder MapGetTertialCycleSummary(this RouteGroupBuilder group)
    {
        group.MapGet("/associations/{associationId:long}/tertial-reports/{year:int}/{tertial:int}/summary", async Task<Ok<TertialCycleSummaryResponse>> (
                long associationId, int year, int tertial, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetTertialCycleSummaryQuery(associationId, year, tertial), ct)))
            .WithName("GetTertialCycleSummary")
            .WithSummary("Where the tertial cycle stands in counts of providers (attested, accepted): for the office and the board.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
