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

/// <summary>
/// Computed on request, for the one period asked, by the same code as the tertial report
/// (<see cref="IndicatorsInForce"/> and <see cref="IndicatorMath"/>), so the
/// two never disagree: a follow-up result recorded a moment ago is in both. Every indicator in
/// force at the period's end is listed, 0 of 0 where no exit counts (also per intervention); the
/// list is empty only when the association has no indicator in force. The nightly job's stored
/// figures serve the trends, which state when they were computed.
/// </summary>
internal sealed class GetIndicatorsHandler(FollowUpDbContext db, TimeProvider clock, IndicatorCalculator calculator)
    : IQueryHandler<GetIndicatorsQuery, IndicatorsResponse>
{
    public async ValueTask<IndicatorsResponse> Handle(GetIndicatorsQuery query, CancellationToken cancellationToken)
    {
        var threshold = await db.Associations.AsNoTracking().Where(a => a.Id == query.AssociationId)
            .Select(a => (int?)a.SmallNumberThreshold).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Association);
        var intervention = query.InterventionId is { } interventionId
            ? await db.Interventions.AsNoTracking()
                .Where(i => i.Id == interventionId && i.AssociationId == query.AssociationId)
                .Select(i => new InterventionKind(i.Orientation, i.Category, i.RegistrationMode))
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(NotFoundMessages.Intervention)
            : null;

        var mode = query.Mode is null
            ? (query.Tertial is null ? IndicatorPeriodMode.Year : IndicatorPeriodMode.Period)
            : Enum.Parse<IndicatorPeriodMode>(query.Mode, ignoreCase: true);
        var tertial = mode == IndicatorPeriodMode.Year ? null : query.Tertial;
        var year = query.Year!.Value;
        var (from, to) = Tertials.Range(year, tertial, mode);
        var computedAt = clock.GetUtcNow().UtcDateTime;
        var inForce = await IndicatorsInForce.BucketsAsync(db, calculator, query.AssociationId, from, to, cancellationToken);
        var indicators = inForce.Where(i => intervention is null || intervention.CanEnter(i.Definition)).OrderBy(i => i.Definition.Code, StringComparer.Ordinal).Select(i =>
        {
            var d = i.Definition;
            var buckets = i.Buckets.Where(b => query.InterventionId == null || b.InterventionId == query.InterventionId).ToList();
            IndicatorFigure Figure(Gender? gender) =>
                IndicatorMath.Figure(buckets.Where(b => gender == null || b.Gender == gender), d.MeasurementPoint, d.TargetPercent, threshold);
            return new IndicatorResponse(d.Code, d.Name, d.Version, d.MeasurementPoint, i.ExitsFrom, i.ExitsTo, d.TargetPercent, computedAt,
                Figure(Gender.Woman), Figure(Gender.Man), Figure(null));
        }).ToList();
        return new IndicatorsResponse(query.AssociationId, year, tertial, mode, query.InterventionId, indicators);
    }

    /// <summary>
    /// Whether the intervention's exits can ever count for the definition: the intervention-level
    /// tests of <see cref="IndicatorCalculator"/>'s population (count-only never; orientation,
    /// category and registration mode when the definition names them). Such an indicator is shown
    /// 0 of 0 while no exit counts; one the intervention can never enter is not listed.
    /// </summary>
    private sealed record InterventionKind(Orientation Orientation, InterventionCategory Category, RegistrationMode RegistrationMode)
    {
        public bool CanEnter(IndicatorDefinition d) =>
            RegistrationMode != RegistrationMode.CountOnly
            && (d.Orientation is null || d.Orientation == Orientation)
            && (d.Categories.Count == 0 || d.Categories.Contains(Category))
            && (d.RegistrationModes.Count == 0 || d.RegistrationModes.Contains(RegistrationMode));
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
