using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Reports.Trends;

namespace Samordning.FollowUp.Features.Reports.Disclosure;

/// <summary>
/// The board's masks for a report, decided with the rest of its year (<see cref="YearDisclosure"/>):
/// every tertial of the year that has begun, alone and year to date, as the board can open it now —
/// the adopted report where the tertial is closed (with the masks kept at adoption), today's figures otherwise.
/// </summary>
internal sealed class BoardDisclosure(FollowUpDbContext db, ReportScopes scopes, TimeProvider clock, YearMaskMemo memo, AdoptedSnapshots snapshots)
{
    /// <summary>The masks for the board's view of <paramref name="shown"/>, and of the adopted report beside it (a restatement).</summary>
    /// <param name="adopted">The adopted report when <paramref name="shown"/> is today's figures of a closed tertial (the restatement view).</param>
    public async Task<(MaskedCells Shown, MaskedCells? Adopted)> MaskAsync(long associationId, int threshold, TertialReport shown,
        TertialReport? adopted, ReportTrend? trend, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shown);
        if (threshold <= 1)
        {
            // No count is small: nothing to mask, so the year's other reports are not built.
            return (MaskedCells.None, adopted is null ? null : MaskedCells.None);
        }

        var header = shown.Header;
        var members = await MembersAsync(associationId, header.Year, header.Tertial, adopted is null ? shown : null, cancellationToken);
        var points = await EarlierYearsAsync(associationId, header.Year, trend, cancellationToken);
        var own = members.Single(m => m.Tertial == header.Tertial && m.Mode == header.Mode);
        if (adopted is null)
        {
            return (memo.Mask(members, threshold, trend, header.Tertial, points)[own.Id], null);
        }

        // Today's figures beside the adopted ones: withheld wherever the adopted report withheld.
        var settled = own.Settled ?? memo.Mask(members, threshold, trend, header.Tertial, points)[own.Id];
        var current = new YearMember(shown, settled, Current: true);
        var masks = memo.Mask([.. members, current], threshold, trend, header.Tertial, points);
        return (masks[current.Id], masks[own.Id]);
    }

    /// <summary>The masks to keep with a tertial's reports as they are adopted.</summary>
    public async Task<(MaskedCells Period, MaskedCells YearToDate)> MaskForAdoptionAsync(long associationId, int threshold,
        TertialReport period, TertialReport yearToDate, ReportTrend? trend, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(yearToDate);
        if (threshold <= 1)
        {
            return (MaskedCells.None, MaskedCells.None);
        }

        var members = await MembersAsync(associationId, period.Header.Year, period.Header.Tertial, null, cancellationToken);
        members = [.. members.Where(m => m.Tertial != period.Header.Tertial), new YearMember(period), new YearMember(yearToDate)];
        var points = await EarlierYearsAsync(associationId, period.Header.Year, trend, cancellationToken);
        var masks = memo.Mask(members, threshold, trend, period.Header.Tertial, points);
        return (masks[members[^2].Id], masks[members[^1].Id]);
    }

    /// <summary>The board's masks kept with earlier years' adopted reports that the trend shows, by trend node.</summary>
    private async Task<Dictionary<string, MaskedCells>> EarlierYearsAsync(long associationId, int year, ReportTrend? trend, CancellationToken cancellationToken)
    {
        var kept = new Dictionary<string, MaskedCells>(StringComparer.Ordinal);
        if (trend is null)
        {
            return kept;
        }

        var years = trend.Tertials.Append(trend.YearToDateLastYear).Select(p => p.Year).Where(y => y != year).Distinct().ToList();
        var adoptions = await db.ReportAdoptions.AsNoTracking()
            .Where(a => a.AssociationId == associationId && years.Contains(a.Year))
            .Select(a => new { a.Year, a.Tertial, a.BoardPeriodMasks, a.BoardYearToDateMasks })
            .ToListAsync(cancellationToken);
        foreach (var adoption in adoptions)
        {
            if (ReportSnapshots.DeserializeMasks(adoption.BoardPeriodMasks) is { } period)
            {
                kept["trend:" + ReportDisclosure.PeriodName(adoption.Year, adoption.Tertial, false)] = period;
            }

            if (ReportSnapshots.DeserializeMasks(adoption.BoardYearToDateMasks) is { } yearToDate)
            {
                kept["trend:" + ReportDisclosure.PeriodName(adoption.Year, adoption.Tertial, true)] = yearToDate;
            }
        }

        return kept;
    }

    /// <param name="built">The report already built for the tertial asked for, so it is not built twice.</param>
    private async Task<List<YearMember>> MembersAsync(long associationId, int year, int tertial, TertialReport? built, CancellationToken cancellationToken)
    {
        var adoptions = await db.ReportAdoptions.AsNoTracking()
            .Where(a => a.AssociationId == associationId && a.Year == year)
            .ToListAsync(cancellationToken);
        var today = clock.Today();
        // Each member is either kept from its adoption, the report already built, or built here: the
        // ones built here are built side by side (ReportScopes), and listed in the year's order.
        var members = new List<Task<YearMember>>();
        for (var t = 1; t <= 3; t++)
        {
            if (adoptions.SingleOrDefault(a => a.Tertial == t) is { } adoption)
            {
                members.Add(Task.FromResult(new YearMember(snapshots.Report(adoption.PeriodReport),
                    ReportSnapshots.DeserializeMasks(adoption.BoardPeriodMasks), Published: true)));
                members.Add(Task.FromResult(new YearMember(snapshots.Report(adoption.YearToDateReport),
                    ReportSnapshots.DeserializeMasks(adoption.BoardYearToDateMasks), Published: true)));
                continue;
            }

            if (t != tertial && Tertials.Start(year, t) > today)
            {
                continue;
            }

            foreach (var mode in new[] { ReportMode.Period, ReportMode.YearToDate })
            {
                var member = t;
                members.Add(built is not null && t == tertial && built.Header.Mode == mode
                    ? Task.FromResult(new YearMember(built))
                    : scopes.BuildAsync(async services => new YearMember(await services.GetRequiredService<TertialReportBuilder>()
                        .BuildFiguresAsync(associationId, year, member, mode, cancellationToken))));
            }
        }

        return [.. await Task.WhenAll(members)];
    }
}
