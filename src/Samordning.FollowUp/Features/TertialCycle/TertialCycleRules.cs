using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Reports;

namespace Samordning.FollowUp.Features.TertialCycle;

/// <summary>
/// The tertial cycle's one state machine: Open → Attested (the provider), Attested → Accepted or
/// back to Open with a remark (the office). Every step is a transition row and an audit line in
/// the same save; an adopted tertial no longer moves.
/// </summary>
internal sealed class TertialCycleRules(
    FollowUpDbContext db, TertialReportBuilder builder, TertialCycleProviders providers, AuditLog audit, CallerContext callers, TimeProvider clock)
{
    public const string AdoptedMessage = TertialCycleProviders.AdoptedMessage;
    public const string RacedMessage = "Rapporten ändrades av någon annan under tiden. Läs in den igen och försök på nytt.";

    public static int OpenItems(DataQualityRow row) => row.OpenItems();

    public async Task<ProviderInfo> ProviderAsync(long providerId, CancellationToken cancellationToken) =>
        await db.Providers.AsNoTracking().Where(p => p.Id == providerId)
            .Select(p => new ProviderInfo(p.Id, p.AssociationId, p.Name))
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException(NotFoundMessages.Provider);

    public Task<bool> IsAdoptedAsync(long associationId, int year, int tertial, CancellationToken cancellationToken) =>
        providers.IsAdoptedAsync(associationId, year, tertial, cancellationToken);

    /// <summary>
    /// The figures an attestation stores, as they are now: the report's rows of the provider's
    /// interventions (the tertial alone) and its checklist. The confirm step shows exactly these.
    /// </summary>
    public async Task<AttestedFigures> FiguresAsync(ProviderInfo provider, int year, int tertial, CancellationToken cancellationToken)
    {
        var figures = await builder.BuildAsync(provider.AssociationId, year, tertial, ReportMode.Period, cancellationToken);
        return new AttestedFigures(
            [.. figures.Sections.SelectMany(s => s.Categories).SelectMany(c => c.Interventions).Where(r => r.ProviderId == provider.Id)],
            figures.DataQuality.Single(r => r.ProviderId == provider.Id));
    }

    public Task<ProviderTertialReport?> FindAsync(long providerId, int year, int tertial, CancellationToken cancellationToken) =>
        db.ProviderTertialReports.SingleOrDefaultAsync(r => r.ProviderId == providerId && r.Year == year && r.Tertial == tertial, cancellationToken);

    public async Task<DataQualityRow> ChecklistAsync(ProviderInfo provider, int year, int tertial, CancellationToken cancellationToken) =>
        (await builder.DataQualityAsync(provider.AssociationId, year, tertial, cancellationToken)).Single(r => r.ProviderId == provider.Id);

    /// <summary>Refuses any step once the tertial is adopted.</summary>
    public async Task EnsureNotAdoptedAsync(ProviderInfo provider, int year, int tertial, CancellationToken cancellationToken)
    {
        if (await IsAdoptedAsync(provider.AssociationId, year, tertial, cancellationToken))
        {
            throw new ConflictException(AdoptedMessage);
        }
    }

    /// <summary>A report not yet in the database: Open, no history.</summary>
    public ProviderTertialReport Add(ProviderInfo provider, int year, int tertial)
    {
        var report = new ProviderTertialReport
        {
            AssociationId = provider.AssociationId, ProviderId = provider.Id, Year = year, Tertial = tertial, State = TertialReportState.Open,
        };
        db.ProviderTertialReports.Add(report);
        return report;
    }

    /// <summary>The office's step: only an attested report is accepted or returned.</summary>
    public async Task<ProviderTertialReportResponse> ReviewAsync(
        long providerId, int year, int tertial, TertialReportState to, string? remark, CancellationToken cancellationToken)
    {
        var provider = await ProviderAsync(providerId, cancellationToken);
        await EnsureNotAdoptedAsync(provider, year, tertial, cancellationToken);
        var report = await FindAsync(provider.Id, year, tertial, cancellationToken);
        if (report?.State != TertialReportState.Attested)
        {
            var verb = to == TertialReportState.Accepted ? "godkännas" : "skickas tillbaka";
            throw new ConflictException(report?.State == TertialReportState.Accepted
                ? $"Rapporten är redan godkänd och kan inte {verb}."
                : $"Rapporten är inte intygad av utföraren och kan inte {verb}.");
        }

        await MoveAsync(provider, report, to, remark, null, cancellationToken);
        return await ResponseAsync(provider, year, tertial, cancellationToken);
    }

    /// <summary>Moves the report to <paramref name="to"/>, with its history row and audit line, and saves.</summary>
    public async Task MoveAsync(
        ProviderInfo provider, ProviderTertialReport report, TertialReportState to, string? remark, AttestedFigures? attested,
        CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var now = clock.GetUtcNow().UtcDateTime;
        var from = report.State;
        report.Transitions.Add(new ProviderTertialTransition
        {
            AtUtc = now,
            UserId = caller.UserId,
            UserName = caller.Name,
            Role = caller.Role,
            From = from,
            To = to,
            Remark = remark,
            AttestedFigures = attested is null ? null : JsonSerializer.Serialize(attested, ReportSnapshots.Json),
        });
        report.State = to;
        report.UpdatedAtUtc = now;
        report.Version++;

        var action = (from, to) switch
        {
            (_, TertialReportState.Attested) => AuditAction.TertialAttested,
            (_, TertialReportState.Accepted) => AuditAction.TertialAccepted,
            _ => AuditAction.TertialReturned,
        };
        // The audit line names the report by id, known only once a new report is saved: both saves are one transaction.
        await using var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken);
        if (report.Id == 0)
        {
            await db.SaveChangesUniqueAsync(RacedMessage, null, cancellationToken);
        }

        audit.Add(action, AuditLog.ProviderTertialReport, report.Id, provider.AssociationId, provider.Id,
            $"{report.Year} T{report.Tertial}: {SwedishFormat.Label(from)} → {SwedishFormat.Label(to)}");
        await db.SaveChangesUniqueAsync(RacedMessage, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<ProviderTertialReportResponse> ResponseAsync(ProviderInfo provider, int year, int tertial, CancellationToken cancellationToken)
    {
        var report = await db.ProviderTertialReports.AsNoTracking()
            .Where(r => r.ProviderId == provider.Id && r.Year == year && r.Tertial == tertial)
            .Select(r => new { r.Id, r.State })
            .SingleOrDefaultAsync(cancellationToken);
        var history = report is null
            ? []
            : await db.ProviderTertialTransitions.AsNoTracking()
                .Where(t => t.ReportId == report.Id)
                .OrderBy(t => t.AtUtc).ThenBy(t => t.Id)
                .ToListAsync(cancellationToken);
        var checklist = await ChecklistAsync(provider, year, tertial, cancellationToken);
        var state = report?.State ?? TertialReportState.Open;
        return new ProviderTertialReportResponse(
            provider.AssociationId, provider.Id, provider.Name, year, tertial, state, SwedishFormat.Label(state),
            await IsAdoptedAsync(provider.AssociationId, year, tertial, cancellationToken),
            checklist, OpenItems(checklist),
            [.. history.Select(t => new TertialTransitionResponse(t.Id, t.AtUtc, t.UserName, t.Role, t.From, t.To, t.Remark,
                t.AttestedFigures is null ? null : JsonSerializer.Deserialize<AttestedFigures>(t.AttestedFigures, ReportSnapshots.Json)))]);
    }
}

internal sealed record ProviderInfo(long Id, long AssociationId, string Name);
