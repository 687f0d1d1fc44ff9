using System.ComponentModel.DataAnnotations;
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
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Files;
using Samordning.FollowUp.Features.Reports.Trends;

namespace Samordning.FollowUp.Features.Trends;

/// <summary>
/// The office's trends (issue 16): every tertial of the last three calendar years that has begun,
/// for the association or one of its interventions. The indicators are the figures the nightly
/// job stored (<see cref="ComputeIndicatorsCommand"/>), read as they are — nothing is recomputed
/// over the participations; the volumes are the tertial report's counts of each tertial alone
/// (<see cref="TrendVolumes"/>, one grouped query). Exact figures: the office's own view, like its
/// report and data quality; the board's masked report is elsewhere.
/// </summary>
[Access(UserRole.AssociationAdmin)]
public sealed record GetTrendsQuery(long AssociationId, long? InterventionId) : IQuery<TrendsResponse>, IAssociationScoped;

/// <param name="InterventionId">Null: the association as a whole.</param>
/// <param name="IndicatorsComputedAtUtc">When the indicator job last stored the association's figures; null if never.</param>
/// <param name="Tertials">The columns, oldest first; <see cref="Volumes"/> and each indicator's values follow the same order.</param>
/// <param name="Interventions">Every intervention of the association, to choose from.</param>
public sealed record TrendsResponse(
    long AssociationId,
    string AssociationName,
    long? InterventionId,
    string ScopeName,
    RegistrationMode? RegistrationMode,
    DateTime? IndicatorsComputedAtUtc,
    IReadOnlyList<TrendTertial> Tertials,
    IReadOnlyList<TrendVolume> Volumes,
    IReadOnlyList<TrendIndicatorSeries> Indicators,
    IReadOnlyList<TrendInterventionChoice> Interventions);

/// <param name="Ongoing">The tertial has not ended: its figures are so far.</param>
/// <param name="Adopted">The board has adopted the tertial's report; the figures here are as they are now.</param>
public sealed record TrendTertial(int Year, int Tertial, DateOnly From, DateOnly To, bool Ongoing, bool Adopted);

/// <summary>
/// One tertial alone, as the tertial report (mode Period) counts it. The counts are null when the
/// intervention did not run in the tertial (<paramref name="Running"/> false).
/// </summary>
/// <param name="CountOnly">
/// Women and men entered for count-only interventions for this tertial; null when the scope has no
/// count-only intervention running, or a count-only intervention has no figure for the tertial.
/// </param>
public sealed record TrendVolume(
    int Year, int Tertial, bool Running, GenderCount? New, GenderCount? Active, GenderCount? Ended, GenderCount? CountOnly);

/// <param name="Name">The name of the latest version of the definition.</param>
public sealed record TrendIndicatorSeries(string Code, string Name, IReadOnlyList<TrendIndicatorValue> Values);

/// <summary>
/// An indicator's stored figure for one tertial (by gender), or why there is none
/// (<paramref name="State"/>). <paramref name="Status"/> is null unless exits were counted.
/// </summary>
public sealed record TrendIndicatorValue(
    int Year,
    int Tertial,
    TrendFigureState State,
    int? DefinitionVersion,
    decimal? TargetPercent,
    IndicatorFigure? Woman,
    IndicatorFigure? Man,
    IndicatorFigure? Total,
    IndicatorStatus? Status);

/// <summary>Whether a tertial has a stored indicator figure; the label is what the page says where none is shown.</summary>
public enum TrendFigureState
{
    [Display(Name = "beräknad")] Stored,

    /// <summary>Stored, but no exit counted in the indicator's population (for the intervention, or at all).</summary>
    [Display(Name = "inga avslut som räknas")] NoExits,

    /// <summary>Nothing stored for the period: the nightly job has not computed it (yet).</summary>
    [Display(Name = "inte beräknad ännu")] NotComputed,

    /// <summary>Nothing stored: the job starts from the year of the association's first exit, and the tertial is earlier.</summary>
    [Display(Name = "inga avslut registrerade då")] BeforeFirstExit,

    /// <summary>No version of the definition was valid at the tertial's end.</summary>
    [Display(Name = "indikatorn gällde inte")] NotInForce,
}

public sealed record TrendInterventionChoice(long Id, string Name, string ProviderName, RegistrationMode RegistrationMode);

internal sealed class GetTrendsValidator : AbstractValidator<GetTrendsQuery>
{
    public GetTrendsValidator() =>
        RuleFor(x => x.InterventionId).GreaterThan(0).WithMessage("Insatsen ska anges med sitt nummer, ett positivt heltal.");
}

internal sealed class GetTrendsHandler(FollowUpDbContext db, TimeProvider clock) : IQueryHandler<GetTrendsQuery, TrendsResponse>
{
    /// <summary>The current calendar year and the two before it.</summary>
    public const int YearsShown = 3;

    public async ValueTask<TrendsResponse> Handle(GetTrendsQuery query, CancellationToken cancellationToken)
    {
        var associationId = query.AssociationId;
        var associationName = await db.Associations.AsNoTracking().Where(a => a.Id == associationId).Select(a => a.Name)
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException(NotFoundMessages.Association);
        var interventions = await db.Interventions.AsNoTracking()
            .Where(i => i.AssociationId == associationId)
            .OrderBy(i => i.Name).ThenBy(i => i.Id)
            .Select(i => new InterventionInfo(i.Id, i.Name, i.Provider!.Name, i.RegistrationMode, i.StartDate, i.EndDate))
            .ToListAsync(cancellationToken);
        var chosen = query.InterventionId is { } id
            ? interventions.SingleOrDefault(i => i.Id == id) ?? throw new NotFoundException(NotFoundMessages.Intervention)
            : null;

        var today = clock.Today();
        var firstYear = today.Year - YearsShown + 1;
        var periods = Enumerable.Range(firstYear, YearsShown)
            .SelectMany(year => Enumerable.Range(1, 3).Select(tertial => TrendPeriod.TertialAlone(year, tertial)))
            .Where(p => p.From <= today)
            .ToList();
        var adopted = (await db.ReportAdoptions.AsNoTracking()
                .Where(a => a.AssociationId == associationId && a.Year >= firstYear)
                .Select(a => new { a.Year, a.Tertial })
                .ToListAsync(cancellationToken))
            .Select(a => (a.Year, a.Tertial)).ToHashSet();
        var tertials = periods.Select(p => new TrendTertial(p.Year, p.Tertial, p.From, p.To, Ongoing: p.To >= today,
            Adopted: adopted.Contains((p.Year, p.Tertial)))).ToList();

        var volumes = await VolumesAsync(associationId, periods, interventions, chosen, cancellationToken);
        var (computedAt, indicators) = await IndicatorsAsync(associationId, periods, chosen?.Id, cancellationToken);
        return new TrendsResponse(associationId, associationName, chosen?.Id, chosen?.Name ?? "Hela förbundet", chosen?.Mode,
            computedAt, tertials, volumes, indicators,
            [.. interventions.Select(i => new TrendInterventionChoice(i.Id, i.Name, i.ProviderName, i.Mode))]);
    }

    /// <summary>The report's counts of each tertial alone, over the interventions its report lists (or the chosen one while it runs).</summary>
    private async Task<List<TrendVolume>> VolumesAsync(
        long associationId, List<TrendPeriod> periods, List<InterventionInfo> interventions, InterventionInfo? chosen,
        CancellationToken cancellationToken)
    {
        var counts = await TrendVolumes.CountAsync(db, associationId, periods, cancellationToken);
        var years = periods.Select(p => p.Year).Distinct().ToList();
        var scopeIds = chosen is null ? interventions.Select(i => i.Id).ToList() : [chosen.Id];
        var countOnly = (await db.InterventionTertialCounts.AsNoTracking()
                .Where(c => years.Contains(c.Year) && scopeIds.Contains(c.InterventionId))
                .Select(c => new { c.InterventionId, c.Year, c.Tertial, c.Women, c.Men })
                .ToListAsync(cancellationToken))
            .ToLookup(c => (c.Year, c.Tertial), c => (c.InterventionId, Count: GenderCount.Of(c.Women, c.Men)));

        return [.. periods.Select((period, index) =>
        {
            var listed = interventions.Where(i => (chosen is null || i.Id == chosen.Id) && period.ReportLists(i.Start, i.End)).ToList();
            if (chosen is not null && listed.Count == 0)
            {
                return new TrendVolume(period.Year, period.Tertial, Running: false, null, null, null, null);
            }

            var ids = listed.Select(i => i.Id).ToHashSet();
            var entered = countOnly[(period.Year, period.Tertial)].Where(c => ids.Contains(c.InterventionId)).ToList();
            var countOnlyRunning = listed.Any(i => i.Mode == RegistrationMode.CountOnly);
            GenderCount? countOnlyTotal = !countOnlyRunning || (chosen is not null && entered.Count == 0)
                ? null
                : entered.Aggregate(GenderCount.Zero, (sum, c) => sum + c.Count);
            return new TrendVolume(period.Year, period.Tertial, Running: true,
                counts.Count(index, PeriodMeasure.New, ids), counts.Count(index, PeriodMeasure.Active, ids),
                counts.Count(index, PeriodMeasure.Ended, ids), countOnlyTotal);
        })];
    }

    /// <summary>
    /// The stored figures of each tertial alone (mode Period) for the scope, and the association's
    /// own rows, which tell whether the job covered a period at all: one query, a few hundred rows.
    /// </summary>
    private async Task<(DateTime? ComputedAt, List<TrendIndicatorSeries> Series)> IndicatorsAsync(
        long associationId, List<TrendPeriod> periods, long? interventionId, CancellationToken cancellationToken)
    {
        var firstYear = periods[0].Year;
        var stored = await db.IndicatorResults.AsNoTracking()
            .Where(r => r.AssociationId == associationId && r.Mode == IndicatorPeriodMode.Period && r.Year >= firstYear
                && (r.InterventionId == null || r.InterventionId == interventionId))
            .Select(r => new StoredRow(r.Code, r.DefinitionVersion, r.Year, r.Tertial, r.InterventionId, r.Gender,
                new IndicatorFigure(r.Numerator, r.Denominator, r.MissingData, r.Reached, r.Rate, r.RateOfReached, r.ResponseRate,
                    r.TargetPercent, r.Met, r.TooFew)))
            .ToListAsync(cancellationToken);
        var run = await db.IndicatorResults.AsNoTracking()
            .Where(r => r.AssociationId == associationId)
            .GroupBy(r => r.AssociationId)
            .Select(g => new { ComputedAt = g.Max(r => r.ComputedAtUtc), FirstYear = g.Min(r => r.Year) })
            .SingleOrDefaultAsync(cancellationToken);
        var definitions = await db.IndicatorDefinitions.AsNoTracking()
            .Where(d => d.AssociationId == associationId)
            .ToListAsync(cancellationToken);

        var series = definitions.GroupBy(d => d.Code)
            .OrderBy(g => g.Key, CodeOrder.Instance)
            .Select(g =>
            {
                var latest = g.OrderByDescending(d => d.ValidFrom).ThenByDescending(d => d.Version).First();
                var values = periods.Select(period =>
                {
                    var rows = stored.Where(r => r.Code == g.Key && r.Year == period.Year && r.Tertial == period.Tertial).ToList();
                    var association = rows.Where(r => r.InterventionId == null).ToList();
                    var scoped = interventionId is null ? association : [.. rows.Where(r => r.InterventionId == interventionId)];
                    return Value(period, g.Key, definitions, run?.FirstYear, association, scoped);
                }).ToList();
                return new TrendIndicatorSeries(g.Key, latest.Name, values);
            })
            .ToList();
        return (run?.ComputedAt, series);
    }

    private static TrendIndicatorValue Value(
        TrendPeriod period, string code, List<IndicatorDefinition> definitions, int? firstStoredYear, List<StoredRow> association,
        List<StoredRow> scoped)
    {
        if (association.Count == 0)
        {
            // The target stands even where no figure does: the version in force at the tertial's end.
            var inForce = IndicatorPeriods.InForce(definitions, code, period.To);
            var state = inForce is null ? TrendFigureState.NotInForce
                : period.Year < firstStoredYear ? TrendFigureState.BeforeFirstExit
                : TrendFigureState.NotComputed;
            return new TrendIndicatorValue(period.Year, period.Tertial, state, inForce?.Version, inForce?.TargetPercent, null, null, null, null);
        }

        var version = association[0].DefinitionVersion;
        var target = association[0].Figure.TargetPercent;
        if (scoped.Count == 0)
        {
            // The job stores an intervention's figures only where it had exits in the population.
            return new TrendIndicatorValue(period.Year, period.Tertial, TrendFigureState.NoExits, version, target, null, null, null, null);
        }

        IndicatorFigure Of(IndicatorGender gender) => scoped.Single(r => r.Gender == gender).Figure;
        var total = Of(IndicatorGender.Total);
        return total.Denominator == 0
            ? new TrendIndicatorValue(period.Year, period.Tertial, TrendFigureState.NoExits, version, target,
                Of(IndicatorGender.Woman), Of(IndicatorGender.Man), total, null)
            : new TrendIndicatorValue(period.Year, period.Tertial, TrendFigureState.Stored, version, target,
                Of(IndicatorGender.Woman), Of(IndicatorGender.Man), total, IndicatorJudgement.Of(total));
    }

    private sealed record InterventionInfo(long Id, string Name, string ProviderName, RegistrationMode Mode, DateOnly Start, DateOnly? End);

    private sealed record StoredRow(
        string Code, int DefinitionVersion, int Year, int? Tertial, long? InterventionId, IndicatorGender Gender, IndicatorFigure Figure);
}

public static class GetTrendsEndpoint
{
    public static RouteGroupBuilder MapGetTrends(this RouteGroupBuilder group)
    {
        group.MapGet("/associations/{associationId:long}/trends", async Task<Ok<TrendsResponse>> (
                long associationId, long? interventionId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetTrendsQuery(associationId, interventionId), ct)))
            .WithName("GetTrends")
            .WithSummary("Indicators (the stored figures) and volumes per tertial for the last three years, for the association or one intervention.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
