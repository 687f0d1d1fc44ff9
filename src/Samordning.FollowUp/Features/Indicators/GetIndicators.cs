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

namespace Samordning.FollowUp.Features.Indicators;

[Access(UserRole.AssociationAdmin, UserRole.BoardMember)]
public sealed record GetIndicatorsQuery(long AssociationId, int? Year, int? Tertial, string? Mode, long? InterventionId)
    : IQuery<IndicatorsResponse>, IAssociationScoped;

public sealed record IndicatorsResponse(
    long AssociationId, int Year, int? Tertial, IndicatorPeriodMode Mode, long? InterventionId, IReadOnlyList<IndicatorResponse> Indicators);

public sealed record IndicatorResponse(
    string Code,
    string Name,
    int DefinitionVersion,
    MeasurementPoint MeasurementPoint,
    DateOnly ExitsFrom,
    DateOnly ExitsTo,
    decimal TargetPercent,
    DateTime ComputedAtUtc,
    IndicatorFigure Woman,
    IndicatorFigure Man,
    IndicatorFigure Total);

internal sealed class GetIndicatorsValidator : AbstractValidator<GetIndicatorsQuery>
{
    public GetIndicatorsValidator()
    {
        RuleFor(x => x.Year).NotNull().WithMessage("År måste anges.")
            .InclusiveBetween(2000, 2100).WithMessage("Året ska vara mellan 2000 och 2100.");
        RuleFor(x => x.Mode).IsEnumName(typeof(IndicatorPeriodMode), caseSensitive: false)
            .WithMessage("Läget är inte ett tillåtet värde. Tillåtna värden: Period, YearToDate, Year.");
        RuleFor(x => x.Tertial).NotNull().When(x => !string.Equals(x.Mode, nameof(IndicatorPeriodMode.Year), StringComparison.OrdinalIgnoreCase))
            .WithMessage("Tertial måste anges (1–3) utom för helår.");
        RuleFor(x => x.Tertial).InclusiveBetween(1, 3).WithMessage("Tertial ska vara 1, 2 eller 3.");
    }
}

internal sealed class GetIndicatorsHandler(FollowUpDbContext db) : IQueryHandler<GetIndicatorsQuery, IndicatorsResponse>
{
    public async ValueTask<IndicatorsResponse> Handle(GetIndicatorsQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Associations.AnyAsync(a => a.Id == query.AssociationId, cancellationToken))
        {
            throw new NotFoundException(NotFoundMessages.Association);
        }

        var mode = query.Mode is null
            ? (query.Tertial is null ? IndicatorPeriodMode.Year : IndicatorPeriodMode.Period)
            : Enum.Parse<IndicatorPeriodMode>(query.Mode, ignoreCase: true);
        var tertial = mode == IndicatorPeriodMode.Year ? null : query.Tertial;
        var year = query.Year!.Value;
        var rows = await db.IndicatorResults.AsNoTracking()
            .Where(r => r.AssociationId == query.AssociationId && r.Year == year && r.Tertial == tertial && r.Mode == mode
                && r.InterventionId == query.InterventionId)
            .Join(db.IndicatorDefinitions, r => r.DefinitionId, d => d.Id, (r, d) => new { Result = r, d.Name, d.MeasurementPoint })
            .ToListAsync(cancellationToken);

        var (from, to) = Tertials.Range(year, tertial, mode);
        var indicators = rows.GroupBy(r => r.Result.Code).OrderBy(g => g.Key).Select(g =>
        {
            var first = g.First();
            var (exitsFrom, exitsTo) = IndicatorMath.ExitRange(first.MeasurementPoint, from, to);
            IndicatorFigure Figure(IndicatorGender gender) => g.Where(r => r.Result.Gender == gender)
                .Select(r => new IndicatorFigure(r.Result.Numerator, r.Result.Denominator, r.Result.MissingData, r.Result.Reached,
                    r.Result.Rate, r.Result.RateOfReached, r.Result.ResponseRate, r.Result.TargetPercent, r.Result.Met, r.Result.TooFew))
                .Single();
            return new IndicatorResponse(g.Key, first.Name, first.Result.DefinitionVersion, first.MeasurementPoint, exitsFrom, exitsTo,
                first.Result.TargetPercent, first.Result.ComputedAtUtc,
                Figure(IndicatorGender.Woman), Figure(IndicatorGender.Man), Figure(IndicatorGender.Total));
        }).ToList();
        return new IndicatorsResponse(query.AssociationId, year, tertial, mode, query.InterventionId, indicators);
    }
}

public static class GetIndicatorsEndpoint
{
    public static RouteGroupBuilder MapGetIndicators(this RouteGroupBuilder group)
    {
        group.MapGet("/associations/{associationId:long}/indicators", async Task<Ok<IndicatorsResponse>> (
                long associationId, int? year, int? tertial, string? mode, long? interventionId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetIndicatorsQuery(associationId, year, tertial, mode, interventionId), ct)))
            .WithName("GetIndicators")
            .WithSummary("Computed indicators for a period, for the association or one intervention, by gender.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
