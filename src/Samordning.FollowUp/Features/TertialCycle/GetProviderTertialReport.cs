using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.TertialCycle;

/// <summary>A provider's report for a tertial: its state, its checklist and its history.</summary>
[Access(UserRole.Coach, UserRole.AssociationAdmin)]
public sealed record GetProviderTertialReportQuery(long ProviderId, int Year, int Tertial) : IQuery<ProviderTertialReportResponse>, IProviderScoped;

internal sealed class GetProviderTertialReportValidator : AbstractValidator<GetProviderTertialReportQuery>
{
    public GetProviderTertialReportValidator()
    {
        RuleFor(x => x.Year).ValidYear();
        RuleFor(x => x.Tertial).ValidTertial();
    }
}

internal sealed class GetProviderTertialReportHandler(TertialCycleRules cycle)
    : IQueryHandler<GetProviderTertialReportQuery, ProviderTertialReportResponse>
{
    public async ValueTask<ProviderTertialReportResponse> Handle(GetProviderTertialReportQuery query, CancellationToken cancellationToken)
    {
        var provider = await cycle.ProviderAsync(query.ProviderId, cancellationToken);
        return await cycle.ResponseAsync(provider, query.Year, query.Tertial, cancellationToken);
    }
}

public static class GetProviderTertialReportEndpoint
{
    public const string Route = "/providers/{providerId:long}/tertial-reports/{year:int}/{tertial:int}";

    public static RouteGroupBuilder MapGetProviderTertialReport(this RouteGroupBuilder group)
    {
        group.MapGet(Route, async Task<Ok<ProviderTertialReportResponse>> (
                long providerId, int year, int tertial, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetProviderTertialReportQuery(providerId, year, tertial), ct)))
            .WithName("GetProviderTertialReport")
            .WithSummary("A provider's report for a tertial in the tertial cycle: state, checklist (the report's data quality) and history.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
