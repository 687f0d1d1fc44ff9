using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Participations;
using Samordning.FollowUp.Features.Reports;

namespace Samordning.FollowUp.Features.DataQuality;

/// <summary>A count-only intervention behind "Antalsinsatser utan registrerade antal".</summary>
public sealed record DataQualityInterventionResponse(long InterventionId, string Name);

/// <summary>A referral behind <see cref="DataQualityCheck.UndecidedReferrals"/>: no identity, the referral's page has it.</summary>
public sealed record DataQualityReferralResponse(long ReferralId, long InterventionId, string InterventionName, DateOnly ReceivedOn);

/// <summary>
/// What lies behind one check's count: the participations (masked personnummer, as in "Mina
/// deltagare"), or for the count-only check the interventions; paged, <see cref="TotalCount"/> equal to the count.
/// </summary>
public sealed record DataQualityItemsResponse(
    long ProviderId,
    int Year,
    int Tertial,
    DataQualityCheck Check,
    string Label,
    int Page,
    int PageSize,
    int TotalCount,
    IReadOnlyList<ProviderParticipationResponse> Participations,
    IReadOnlyList<DataQualityInterventionResponse> Interventions,
    IReadOnlyList<DataQualityReferralResponse> Referrals);

/// <summary>
/// The provider's items behind a data-quality check, for its own coaches only: the office sees
/// counts, never who is behind them. The same query as the count (<see cref="DataQualityChecks"/>).
/// </summary>
[Access(UserRole.Coach)]
public sealed record ListDataQualityItemsQuery(long ProviderId, int Year, int Tertial, string Check, int Page, int PageSize)
    : IQuery<DataQualityItemsResponse>, IProviderScoped;

internal sealed class ListDataQualityItemsValidator : AbstractValidator<ListDataQualityItemsQuery>
{
    public ListDataQualityItemsValidator()
    {
        RuleFor(x => x.Year).ValidYear();
        RuleFor(x => x.Tertial).ValidTertial();
        RuleFor(x => x.Check).Must(c => DataQualityCheckNames.TryParse(c, out _))
            .WithMessage($"Kontrollen finns inte. Tillåtna värden: {string.Join(", ", Enum.GetNames<DataQualityCheck>())}.");
        RuleFor(x => x.Page).ValidPage();
        RuleFor(x => x.PageSize).ValidPageSize();
    }
}

internal static class DataQualityCheckNames
{
    /// <summary>A check by its exact name (no numbers, which Enum.TryParse would accept).</summary>
    public static bool TryParse(string? name, out DataQualityCheck check)
    {
        check = default;
        return name is not null && Enum.GetNames<DataQualityCheck>().Contains(name, StringComparer.OrdinalIgnoreCase)
            && Enum.TryParse(name, ignoreCase: true, out check);
    }
}

internal sealed class ListDataQualityItemsHandler(DataQualityReader reader, DataQualityChecks checks, ProviderParticipationReader participations, TimeProvider clock)
    : IQueryHandler<ListDataQualityItemsQuery, DataQualityItemsResponse>
{
    public async ValueTask<DataQualityItemsResponse> Handle(ListDataQualityItemsQuery query, CancellationToken cancellationToken)
    {
        var provider = await reader.ProviderAsync(query.ProviderId, cancellationToken);
        if (!DataQualityCheckNames.TryParse(query.Check, out var check))
        {
            throw new InvalidOperationException("The validator lets only a check's name through.");
        }

        var period = DataQualityPeriod.Of(query.Year, query.Tertial, clock.Today());
        if (check == DataQualityCheck.CountOnlyWithoutFigures)
        {
            var interventions = checks.CountOnlyWithoutFigures(period).AsNoTracking().Where(i => i.ProviderId == provider.Id);
            var total = await interventions.CountAsync(cancellationToken);
            var page = await interventions.OrderBy(i => i.Name).ThenBy(i => i.Id).Page(query.Page, query.PageSize)
                .Select(i => new DataQualityInterventionResponse(i.Id, i.Name))
                .ToListAsync(cancellationToken);
            return Response(total, [], page, []);
        }

        if (check == DataQualityCheck.UndecidedReferrals)
        {
            var referrals = checks.UndecidedReferrals(period).AsNoTracking().Where(r => r.Intervention!.ProviderId == provider.Id);
            var total = await referrals.CountAsync(cancellationToken);
            var page = await referrals.OrderBy(r => r.ReceivedOn).ThenBy(r => r.Id).Page(query.Page, query.PageSize)
                .Select(r => new DataQualityReferralResponse(r.Id, r.InterventionId, r.Intervention!.Name, r.ReceivedOn))
                .ToListAsync(cancellationToken);
            return Response(total, [], [], page);
        }

        var (count, items) = await participations.ListAsync(
            checks.Participations(check, period).Where(p => p.Intervention!.ProviderId == provider.Id),
            query.Page, query.PageSize, fullIdentity: false, cancellationToken);
        return Response(count, items, [], []);

        DataQualityItemsResponse Response(
            int total, IReadOnlyList<ProviderParticipationResponse> people, IReadOnlyList<DataQualityInterventionResponse> interventions,
            IReadOnlyList<DataQualityReferralResponse> referrals) =>
            new(provider.Id, query.Year, query.Tertial, check, SwedishFormat.Label(check), query.Page, query.PageSize, total, people, interventions, referrals);
    }
}

public static class ListDataQualityItemsEndpoint
{
    public static RouteGroupBuilder MapListDataQualityItems(this RouteGroupBuilder group)
    {
        group.MapGet("/providers/{providerId:long}/data-quality/{year:int}/{tertial:int}/{check}", async Task<Ok<DataQualityItemsResponse>> (
                long providerId, int year, int tertial, string check, int? page, int? pageSize, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(
                    new ListDataQualityItemsQuery(providerId, year, tertial, check, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct)))
            .WithName("ListDataQualityItems")
            .WithSummary("The participations (or, for CountOnlyWithoutFigures, the interventions; for UndecidedReferrals, the referrals) behind one data-quality check of a provider's tertial; the provider's coaches only, paged; totalCount equals the check's count.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
