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

namespace Samordning.FollowUp.Features.DataQuality;

/// <summary>One check's count for a provider and tertial.</summary>
public sealed record DataQualityCount(DataQualityCheck Check, string Label, int Count);

/// <summary>A provider's data quality for a tertial: every check's count (the report's row of the provider), counts only.</summary>
public sealed record ProviderDataQualityResponse(
    long ProviderId, string ProviderName, int Year, int Tertial, DateOnly From, DateOnly To,
    IReadOnlyList<DataQualityCount> Checks, int OpenItems, int ContactAttempts);

/// <summary>The provider's data quality for a tertial, as it is now: for its coaches and the office (counts only).</summary>
[Access(UserRole.Coach, UserRole.AssociationAdmin)]
public sealed record GetProviderDataQualityQuery(long ProviderId, int Year, int Tertial) : IQuery<ProviderDataQualityResponse>, IProviderScoped;

internal sealed class GetProviderDataQualityValidator : AbstractValidator<GetProviderDataQualityQuery>
{
    public GetProviderDataQualityValidator()
    {
        RuleFor(x => x.Year).ValidYear();
        RuleFor(x => x.Tertial).ValidTertial();
    }
}

internal sealed class GetProviderDataQualityHandler(DataQualityReader reader)
    : IQueryHandler<GetProviderDataQualityQuery, ProviderDataQualityResponse>
{
    public async ValueTask<ProviderDataQualityResponse> Handle(GetProviderDataQualityQuery query, CancellationToken cancellationToken)
    {
        var provider = await reader.ProviderAsync(query.ProviderId, cancellationToken);
        return await reader.CountsAsync(provider, query.Year, query.Tertial, cancellationToken);
    }
}

/// <summary>What the data-quality use cases share: the provider, and its row of the report's data quality.</summary>
internal sealed class DataQualityReader(FollowUpDbContext db, TertialReportBuilder builder)
{
    public async Task<DataQualityProvider> ProviderAsync(long providerId, CancellationToken cancellationToken) =>
        await db.Providers.AsNoTracking().Where(p => p.Id == providerId)
            .Select(p => new DataQualityProvider(p.Id, p.AssociationId, p.Name))
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException(NotFoundMessages.Provider);

    public async Task<ProviderDataQualityResponse> CountsAsync(DataQualityProvider provider, int year, int tertial, CancellationToken cancellationToken)
    {
        var row = (await builder.DataQualityAsync(provider.AssociationId, year, tertial, cancellationToken)).Single(r => r.ProviderId == provider.Id);
        return new ProviderDataQualityResponse(provider.Id, provider.Name, year, tertial, Tertials.Start(year, tertial), Tertials.End(year, tertial),
            [.. Enum.GetValues<DataQualityCheck>().Select(c => new DataQualityCount(c, SwedishFormat.Label(c), row.Of(c)))],
            row.OpenItems(), row.ContactAttempts);
    }
}

internal sealed record DataQualityProvider(long Id, long AssociationId, string Name);

public static class GetProviderDataQualityEndpoint
{
    public static RouteGroupBuilder MapGetProviderDataQuality(this RouteGroupBuilder group)
    {
        group.MapGet("/providers/{providerId:long}/data-quality/{year:int}/{tertial:int}", async Task<Ok<ProviderDataQualityResponse>> (
                long providerId, int year, int tertial, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetProviderDataQualityQuery(providerId, year, tertial), ct)))
            .WithName("GetProviderDataQuality")
            .WithSummary("A provider's data-quality counts for a tertial as they are now (the report's row of the provider): its coaches and the office; counts only.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
