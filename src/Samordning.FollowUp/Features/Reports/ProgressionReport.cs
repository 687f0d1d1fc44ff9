using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Features.Progression;

namespace Samordning.FollowUp.Features.Reports;

/// <summary>The progression instruments' figures in a tertial report: per instrument the indicator against its target and, per intervention, the change per factor.</summary>
public sealed record ProgressionReport(IReadOnlyList<ProgressionReportInstrument> Instruments);

/// <param name="Rule">The positive-development rule in Swedish, as the report states it.</param>
public sealed record ProgressionReportInstrument(
    string Code,
    string Name,
    int Version,
    string Rule,
    decimal TargetPercent,
    IndicatorFigure Woman,
    IndicatorFigure Man,
    IndicatorFigure Total,
    IReadOnlyList<ProgressionFactorCount> Factors,
    IReadOnlyList<ProgressionReportIntervention> Interventions);

public sealed record ProgressionReportIntervention(long InterventionId, string Name, IndicatorFigure Total, IReadOnlyList<ProgressionFactorCount> Factors);

public sealed record ProgressionFactorCount(string Code, string Label, int Improved, int Unchanged, int Worsened);

/// <summary>
/// Reads the stored progression figures (<see cref="ComputeProgressionCommand"/>, issue 21) for a report's
/// period. The step scale is left out: its indicator is I3, which the report already shows.
/// </summary>
internal sealed class ProgressionReportBuilder(FollowUpDbContext db)
{
    public async Task<ProgressionReport?> BuildAsync(long associationId, int year, int tertial, ReportMode mode, CancellationToken cancellationToken)
    {
        var periodMode = mode == ReportMode.Period ? IndicatorPeriodMode.Period : IndicatorPeriodMode.YearToDate;
        var results = await db.ProgressionResults.AsNoTracking()
            .Where(r => r.AssociationId == associationId && r.Year == year && r.Tertial == tertial && r.Mode == periodMode && r.Code != StepScaleSql.Code)
            .ToListAsync(cancellationToken);
        if (results.Count == 0)
        {
            return null;
        }

        var changes = await db.ProgressionFactorChanges.AsNoTracking()
            .Where(r => r.AssociationId == associationId && r.Year == year && r.Tertial == tertial && r.Mode == periodMode && r.Code != StepScaleSql.Code)
            .ToListAsync(cancellationToken);
        var instrumentIds = results.Select(r => r.InstrumentId).Distinct().ToList();
        var instruments = await Instruments.Full(db).Where(i => instrumentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var interventionIds = results.Where(r => r.InterventionId != null).Select(r => r.InterventionId!.Value).Distinct().ToList();
        var names = await db.Interventions.AsNoTracking().Where(i => interventionIds.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id, i => i.Name, cancellationToken);

        return new ProgressionReport([.. results.GroupBy(r => r.InstrumentId).Select(g =>
        {
            var instrument = instruments[g.Key];
            IndicatorFigure Figure(long? interventionId, IndicatorGender gender) =>
                g.Where(r => r.InterventionId == interventionId && r.Gender == gender)
                    .Select(r => new IndicatorFigure(r.Numerator, r.Denominator, r.MissingData, null, r.Rate, null, null, r.TargetPercent, r.Met, r.TooFew))
                    .Single();
            List<ProgressionFactorCount> Factors(long? interventionId) =>
            [
                .. instrument.Factors.OrderBy(f => f.Position).Select(f =>
                    changes.Where(c => c.InstrumentId == g.Key && c.InterventionId == interventionId && c.FactorCode == f.Code)
                        .Select(c => new ProgressionFactorCount(f.Code, f.Label, c.Improved, c.Unchanged, c.Worsened))
                        .SingleOrDefault() ?? new ProgressionFactorCount(f.Code, f.Label, 0, 0, 0)),
            ];
            return new ProgressionReportInstrument(
                instrument.Code, instrument.Name, instrument.Version, RuleText(instrument), instrument.TargetPercent,
                Figure(null, IndicatorGender.Woman), Figure(null, IndicatorGender.Man), Figure(null, IndicatorGender.Total),
                Factors(null),
                [.. g.Where(r => r.InterventionId != null).Select(r => r.InterventionId!.Value).Distinct()
                    .OrderBy(id => names.GetValueOrDefault(id), StringComparer.Ordinal)
                    .Select(id => new ProgressionReportIntervention(id, names.GetValueOrDefault(id) ?? string.Empty, Figure(id, IndicatorGender.Total), Factors(id)))]);
        }).OrderBy(i => i.Code, StringComparer.Ordinal)]);
    }

    public static string RuleText(ProgressionInstrument instrument) => instrument.Rule switch
    {
        ProgressionRule.MeanImproved =>
            $"medelvärdet över faktorerna har förbättrats med minst {Common.SwedishFormat.Number((decimal)(instrument.MinMeanImprovement ?? 0), 1)} skalsteg",
        ProgressionRule.FactorsImproved => $"minst {instrument.MinFactorsImproved} av {instrument.Factors.Count} faktorer har förbättrats",
        _ => $"faktorn {instrument.Factors.FirstOrDefault(f => f.Code == instrument.RuleFactorCode)?.Label ?? instrument.RuleFactorCode} har förbättrats",
    };
}
