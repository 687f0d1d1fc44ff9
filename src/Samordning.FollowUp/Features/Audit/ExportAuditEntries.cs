using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Documents;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Reports;

namespace Samordning.FollowUp.Features.Audit;

/// <summary>
/// The audit lines of a filter (the same as the list's) as CSV, newest first. The download is
/// itself an audit line. Like the list, it never holds a personnummer: lines name people by id.
/// </summary>
[Access(UserRole.SystemAdmin, UserRole.AssociationAdmin)]
public sealed record ExportAuditEntriesQuery(AuditEntryFilter Filter) : IQuery<AuditLogFile>;

/// <summary>A finished CSV file of audit lines.</summary>
public sealed record AuditLogFile(byte[] Content, string ContentType, string FileName, int Rows);

internal sealed class ExportAuditEntriesValidator : AbstractValidator<ExportAuditEntriesQuery>
{
    public ExportAuditEntriesValidator() => this.AddFilterRules(x => x.Filter);
}

internal sealed class ExportAuditEntriesHandler(FollowUpDbContext db, CallerContext callers, AuditLog audit, TimeProvider clock)
    : IQueryHandler<ExportAuditEntriesQuery, AuditLogFile>
{
    /// <summary>A file beyond this is refused rather than cut short: narrow the period.</summary>
    public const int MaxRows = 100_000;

    public async ValueTask<AuditLogFile> Handle(ExportAuditEntriesQuery query, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var entries = query.Filter.Apply(db.AuditEntries.AsNoTracking(), caller);
        var total = await entries.CountAsync(cancellationToken);
        if (total > MaxRows)
        {
            throw new RuleViolationException("from", $"Loggen har {SwedishFormat.Number(total)} rader med det filtret. Avgränsa den till högst {SwedishFormat.Number(MaxRows)} rader.");
        }

        var rows = await entries.Take(MaxRows).Select(AuditEntryResponse.FromEntry).ToListAsync(cancellationToken);
        await audit.WriteAsync(AuditAction.Export, AuditLog.Log, null, caller.AssociationId, null,
            $"Logg över åtgärder som .csv, {rows.Count} rader", cancellationToken);
        using var stream = new MemoryStream();
        CsvTable.Write(stream, AuditLogColumns.All, rows);
        return new AuditLogFile(stream.ToArray(), ReportFileTypes.Csv, $"logg-{SwedishFormat.Date(clock.Today())}.csv", rows.Count);
    }
}

/// <summary>The columns of the audit log in the file, as the page shows them.</summary>
internal static class AuditLogColumns
{
    public static readonly IReadOnlyList<TableColumn<AuditEntryResponse>> All =
    [
        TableColumn.Text<AuditEntryResponse>("Tidpunkt", r => SwedishFormat.Timestamp(r.AtUtc), 18),
        TableColumn.Text<AuditEntryResponse>("Användare", r => r.UserName, 30),
        TableColumn.Text<AuditEntryResponse>("Roll", r => r.Role is { } role ? SwedishFormat.Label(role) : null, 16),
        TableColumn.Text<AuditEntryResponse>("Åtgärd", r => SwedishFormat.Label(r.Action), 26),
        TableColumn.Text<AuditEntryResponse>("Typ", r => r.EntityTypeLabel, 18),
        TableColumn.Text<AuditEntryResponse>("Id", r => r.EntityId, 12),
        TableColumn.Integer<AuditEntryResponse>("Förbund-id", r => r.AssociationId, 10),
        TableColumn.Integer<AuditEntryResponse>("Utförare-id", r => r.ProviderId, 10),
        TableColumn.Text<AuditEntryResponse>("Detaljer", r => r.Detail, 40),
    ];
}

public static class ExportAuditEntriesEndpoint
{
    public static RouteGroupBuilder MapExportAuditEntries(this RouteGroupBuilder group)
    {
        group.MapGet("/audit/export", async Task<IResult> (
                string? action, string? userId, string? entityType, string? entityId, long? associationId, DateOnly? from, DateOnly? to,
                ISender sender, CancellationToken ct) =>
            {
                var file = await sender.Send(new ExportAuditEntriesQuery(
                    AuditEntryFilter.FromQuery(action, userId, entityType, entityId, associationId, from, to)), ct);
                return TypedResults.File(file.Content, file.ContentType, file.FileName);
            })
            .WithName("ExportAuditEntries")
            .WithSummary("The audit lines of the same filter as GET /audit, as CSV (newest first). Audited.")
            .Produces(StatusCodes.Status200OK, contentType: ReportFileTypes.Csv)
            .ProducesValidationProblem();
        return group;
    }
}
