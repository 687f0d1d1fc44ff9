using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Reports;

/// <summary>
/// Which providers a tertial's cycle concerns: those of the association with an intervention
/// running during the tertial. Adoption waits for these to be accepted, the jobs and the office's
/// reminder write to these, and the report's "N av M utförare har intygat" counts these. It lives
/// with the report because closing the tertial (a report use case) asks it; the cycle's own
/// feature uses it from there.
/// </summary>
internal sealed class TertialCycleProviders(FollowUpDbContext db)
{
    /// <summary>Every step of the cycle (notes, attest, accept, return) is refused with this once the tertial is adopted.</summary>
    public const string AdoptedMessage = "Tertialen är fastställd och kan inte längre ändras.";

    public Task<bool> IsAdoptedAsync(long associationId, int year, int tertial, CancellationToken cancellationToken) =>
        db.ReportAdoptions.AnyAsync(a => a.AssociationId == associationId && a.Year == year && a.Tertial == tertial, cancellationToken);

    public IQueryable<Provider> InCycle(long associationId, int year, int tertial)
    {
        var (from, to) = (Tertials.Start(year, tertial), Tertials.End(year, tertial));
        return db.Providers.Where(p => p.AssociationId == associationId
            && db.Interventions.Any(i => i.ProviderId == p.Id && i.StartDate <= to && (i.EndDate == null || i.EndDate >= from)));
    }

    /// <summary>The providers of the cycle whose report is not in <paramref name="states"/>, by name, with their state.</summary>
    public async Task<List<CycleProvider>> NotInAsync(
        long associationId, int year, int tertial, IReadOnlyCollection<TertialReportState> states, CancellationToken cancellationToken)
    {
        var rows = await InCycle(associationId, year, tertial)
            .OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Select(p => new
            {
                p.Id,
                p.Name,
                State = db.ProviderTertialReports
                    .Where(r => r.ProviderId == p.Id && r.Year == year && r.Tertial == tertial)
                    .Select(r => (TertialReportState?)r.State)
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new CycleProvider(r.Id, r.Name, r.State ?? TertialReportState.Open)).Where(r => !states.Contains(r.State))];
    }

    /// <summary>"Alfa utförare (intygad), Beta utförare (öppen)".</summary>
    public static string Names(IEnumerable<CycleProvider> providers) =>
        string.Join(", ", providers.Select(p => $"{p.Name} ({SwedishFormat.Label(p.State).ToLower(SwedishFormat.Culture)})"));
}

public sealed record CycleProvider(long ProviderId, string Name, TertialReportState State);
