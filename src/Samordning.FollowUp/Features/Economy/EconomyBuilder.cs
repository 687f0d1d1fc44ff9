using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Economy;

/// <summary>
/// Reads the association's economy for a year from the database and hands it to
/// <see cref="EconomyCalculation"/> and <see cref="FinancingYear"/>. The tables are small (a
/// member, an intervention, a category per row) and each is read with one query per year.
/// </summary>
internal sealed class EconomyBuilder(FollowUpDbContext db)
{
    /// <summary>The members' contributions for the year (entered, or computed from the year's total).</summary>
    public async Task<FinancingYear> FinancingAsync(long associationId, int year, CancellationToken cancellationToken)
    {
        var settings = await db.EconomyYears.AsNoTracking()
            .SingleOrDefaultAsync(y => y.AssociationId == associationId && y.Year == year, cancellationToken);
        return FinancingYear.Compute(year, settings?.TotalContributionSek, settings?.RoundingUnitSek ?? 1,
            await MembersAsync(associationId, year, cancellationToken));
    }

    public async Task<IReadOnlyList<MemberInput>> MembersAsync(long associationId, int year, CancellationToken cancellationToken)
    {
        var rows = await db.AssociationMembers.AsNoTracking()
            .Where(m => m.AssociationId == associationId)
            .OrderBy(m => m.Kind == MemberKind.State ? 0 : m.Kind == MemberKind.Region ? 1 : 2).ThenBy(m => m.Id)
            .Select(m => new
            {
                m.Id,
                m.Name,
                m.Kind,
                m.MunicipalityCode,
                Year = m.Years.Where(y => y.Year == year).Select(y => new { y.ContributionSek, y.Population, y.PopulationDate }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new MemberInput(r.Id, r.Name, r.Kind, r.MunicipalityCode, r.Year?.ContributionSek, r.Year?.Population, r.Year?.PopulationDate))];
    }

    /// <summary>The interventions running in the year with their budget, actual costs and forecast.</summary>
    public async Task<IReadOnlyList<InterventionCostInput>> InterventionsAsync(long associationId, int year, long? providerId, CancellationToken cancellationToken)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var rows = await db.Interventions.AsNoTracking()
            .Where(i => i.AssociationId == associationId && i.StartDate <= last && (i.EndDate == null || i.EndDate >= first))
            .Where(i => providerId == null || i.ProviderId == providerId)
            .OrderBy(i => i.Orientation).ThenBy(i => i.Name).ThenBy(i => i.Id)
            .Select(i => new
            {
                i.Id,
                i.Name,
                i.Orientation,
                // Nullable, so an intervention without the year's plan reads as null rather than failing to materialise.
                Budget = i.Plans.Where(p => p.Year == year).Select(p => (long?)p.BudgetSek).FirstOrDefault(),
                Actual = i.Plans.Where(p => p.Year == year).Select(p => (long?)p.ActualCostSek).FirstOrDefault(),
                Cost = db.InterventionCosts.Where(c => c.InterventionId == i.Id && c.Year == year)
                    .Select(c => new { c.Tertial1Sek, c.Tertial2Sek, c.Tertial3Sek, c.ForecastSek }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new InterventionCostInput(r.Id, r.Name, SwedishFormat.Label(r.Orientation), r.Budget ?? 0, r.Actual ?? 0,
            r.Cost?.Tertial1Sek, r.Cost?.Tertial2Sek, r.Cost?.Tertial3Sek, r.Cost?.ForecastSek))];
    }

    public async Task<IReadOnlyList<AdministrationCostInput>> AdministrationAsync(long associationId, int year, CancellationToken cancellationToken)
    {
        var rows = await db.AdministrationCosts.AsNoTracking()
            .Where(c => c.AssociationId == associationId && c.Year == year)
            .Select(c => new AdministrationCostInput(c.Category, c.BudgetSek, c.Tertial1Sek, c.Tertial2Sek, c.Tertial3Sek, c.ForecastSek))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Category)];
    }

    /// <summary>
    /// The economic part of the tertial report; null when the office has not entered the year's
    /// economy (no contributions, equity or income for the year), so a report without it is as before.
    /// </summary>
    public async Task<EconomyReport?> BuildAsync(long associationId, int year, int tertial, CancellationToken cancellationToken)
    {
        var settings = await db.EconomyYears.AsNoTracking()
            .SingleOrDefaultAsync(y => y.AssociationId == associationId && y.Year == year, cancellationToken);
        if (settings is null)
        {
            return null;
        }

        var targets = await db.FinancialTargets.AsNoTracking().Where(t => t.AssociationId == associationId).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        var window = targets.Select(t => t.WindowYears).DefaultIfEmpty(1).Max();
        var earlier = new List<EquityYear>();
        for (var y = year - window + 1; y < year; y++)
        {
            if (await YearEndAsync(associationId, y, cancellationToken) is { } end)
            {
                earlier.Add(end);
            }
        }

        return await ComputeAsync(settings, tertial, targets, earlier, cancellationToken);
    }

    /// <summary>The report with its economic part for the report's year and tertial (a tertial report's economy is always the year to date).</summary>
    public async Task<Reports.TertialReport> AttachAsync(Reports.TertialReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var header = report.Header;
        return report with { Economy = await BuildAsync(header.AssociationId, header.Year, header.Tertial, cancellationToken) };
    }

    private async Task<EconomyReport> ComputeAsync(EconomyYear settings, int tertial, IReadOnlyList<FinancialTarget> targets,
        IReadOnlyList<EquityYear> earlier, CancellationToken cancellationToken)
    {
        var (associationId, year) = (settings.AssociationId, settings.Year);
        var financing = FinancingYear.Compute(year, settings.TotalContributionSek, settings.RoundingUnitSek,
            await MembersAsync(associationId, year, cancellationToken));
        return EconomyCalculation.Compute(year, tertial, financing, settings.OpeningEquitySek, settings.EsfIncomeSek,
            settings.ProjectIncomeSek + settings.OtherIncomeSek,
            await InterventionsAsync(associationId, year, null, cancellationToken),
            await AdministrationAsync(associationId, year, cancellationToken),
            targets, earlier);
    }

    /// <summary>
    /// An earlier year's closing equity and funds: the next year's entered opening equity when
    /// there is one (the books' figure), else the year's own closing forecast at its third tertial.
    /// </summary>
    private async Task<EquityYear?> YearEndAsync(long associationId, int year, CancellationToken cancellationToken)
    {
        var settings = await db.EconomyYears.AsNoTracking()
            .SingleOrDefaultAsync(y => y.AssociationId == associationId && y.Year == year, cancellationToken);
        if (settings is null)
        {
            return null;
        }

        var report = await ComputeAsync(settings, 3, [], [], cancellationToken);
        var nextOpening = await db.EconomyYears.AsNoTracking()
            .Where(y => y.AssociationId == associationId && y.Year == year + 1)
            .Select(y => y.OpeningEquitySek).FirstOrDefaultAsync(cancellationToken);
        return new EquityYear(year, nextOpening ?? report.Summary.ClosingEquityForecastSek, report.Summary.IncomeSek);
    }
}
