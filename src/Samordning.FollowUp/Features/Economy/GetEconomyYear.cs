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

namespace Samordning.FollowUp.Features.Economy;

/// <summary>A target as stored, with its Swedish wording.</summary>
public sealed record FinancialTargetResponse(long Id, FinancialTargetKind Kind, long? AmountSek, int? BasisPoints, int WindowYears, string Text)
{
    public static FinancialTargetResponse Of(FinancialTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var text = target.Kind == FinancialTargetKind.MinimumEquity
            ? $"{SwedishFormat.Label(target.Kind)} {SwedishFormat.Kronor(target.AmountSek ?? 0)}"
            : $"{SwedishFormat.Label(target.Kind)} {EconomyCalculation.Percent(target.BasisPoints ?? 0)}"
              + (target.WindowYears > 1 ? $" i genomsnitt över {target.WindowYears} år" : string.Empty);
        return new FinancialTargetResponse(target.Id, target.Kind, target.AmountSek, target.BasisPoints, target.WindowYears, text);
    }
}

/// <summary>
/// Everything the office has entered for a year, and what it makes: the members' contributions
/// (entered or computed by the legal split), the costs, the targets, and the economic part of the
/// report at the end of the given tertial.
/// </summary>
/// <param name="Entered">False until the office saves the year's settings; the report has no economic part until then.</param>
public sealed record EconomyYearResponse(
    long AssociationId,
    int Year,
    int Tertial,
    bool Entered,
    long? TotalContributionSek,
    int RoundingUnitSek,
    long? OpeningEquitySek,
    long EsfIncomeSek,
    long ProjectIncomeSek,
    long OtherIncomeSek,
    FinancingYear Financing,
    IReadOnlyList<InterventionCostInput> Interventions,
    IReadOnlyList<AdministrationCostInput> Administration,
    IReadOnlyList<FinancialTargetResponse> Targets,
    EconomyReport? Report);

[Access(UserRole.AssociationAdmin, UserRole.BoardMember)]
public sealed record GetEconomyYearQuery(long AssociationId, int Year, int Tertial) : IQuery<EconomyYearResponse>, IAssociationScoped;

internal sealed class GetEconomyYearValidator : AbstractValidator<GetEconomyYearQuery>
{
    public GetEconomyYearValidator()
    {
        RuleFor(x => x.Year).ValidYear();
        RuleFor(x => x.Tertial).ValidTertial();
    }
}

internal sealed class GetEconomyYearHandler(FollowUpDbContext db, EconomyBuilder economy) : IQueryHandler<GetEconomyYearQuery, EconomyYearResponse>
{
    public async ValueTask<EconomyYearResponse> Handle(GetEconomyYearQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Associations.AnyAsync(a => a.Id == query.AssociationId, cancellationToken))
        {
            throw new NotFoundException(NotFoundMessages.Association);
        }

        var settings = await db.EconomyYears.AsNoTracking()
            .SingleOrDefaultAsync(y => y.AssociationId == query.AssociationId && y.Year == query.Year, cancellationToken);
        var targets = await db.FinancialTargets.AsNoTracking().Where(t => t.AssociationId == query.AssociationId)
            .OrderBy(t => t.Id).ToListAsync(cancellationToken);
        return new EconomyYearResponse(
            query.AssociationId,
            query.Year,
            query.Tertial,
            settings is not null,
            settings?.TotalContributionSek,
            settings?.RoundingUnitSek ?? 1,
            settings?.OpeningEquitySek,
            settings?.EsfIncomeSek ?? 0,
            settings?.ProjectIncomeSek ?? 0,
            settings?.OtherIncomeSek ?? 0,
            await economy.FinancingAsync(query.AssociationId, query.Year, cancellationToken),
            await economy.InterventionsAsync(query.AssociationId, query.Year, null, cancellationToken),
            await economy.AdministrationAsync(query.AssociationId, query.Year, cancellationToken),
            [.. targets.Select(FinancialTargetResponse.Of)],
            await economy.BuildAsync(query.AssociationId, query.Year, query.Tertial, cancellationToken));
    }
}

public static class GetEconomyYearEndpoint
{
    public static RouteGroupBuilder MapGetEconomyYear(this RouteGroupBuilder group)
    {
        group.MapGet("/associations/{associationId:long}/economy/{year:int}", async Task<Ok<EconomyYearResponse>> (
                long associationId, int year, int? tertial, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetEconomyYearQuery(associationId, year, tertial ?? 3), ct)))
            .WithName("GetEconomyYear")
            .WithSummary("The year's economy: contributions by the legal split, costs, targets and the report's economic part at the tertial (default 3).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
