using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Documents;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Reports;

namespace Samordning.FollowUp.Features.Participations;

public enum ParticipantListFormat
{
    Xlsx,
    Csv,
}

/// <summary>
/// The provider's own participant list ("Mina deltagare", same filter) as a file for its own use.
/// Personnummer are masked unless <see cref="FullIdentity"/> is asked for explicitly; every
/// export is audited, and one with full numbers says so in the audit line.
/// </summary>
[Access(UserRole.Coach)]
public sealed record ExportProviderParticipationsQuery(ParticipantListFilter Filter, ParticipantListFormat Format, bool FullIdentity)
    : IQuery<ParticipantListFile>;

/// <summary>A finished file: its bytes, content type and name.</summary>
public sealed record ParticipantListFile(byte[] Content, string ContentType, string FileName, int Rows);

internal sealed class ExportProviderParticipationsValidator : AbstractValidator<ExportProviderParticipationsQuery>
{
    public ExportProviderParticipationsValidator() => this.AddFilterRules(x => x.Filter);
}

internal sealed class ExportProviderParticipationsHandler(ProviderParticipationReader reader, AuditLog audit, CallerContext callers, TimeProvider clock)
    : IQueryHandler<ExportProviderParticipationsQuery, ParticipantListFile>
{
    /// <summary>More than any provider's list; a file beyond it is refused rather than cut short.</summary>
    public const int MaxRows = 50_000;

    public async ValueTask<ParticipantListFile> Handle(ExportProviderParticipationsQuery query, CancellationToken cancellationToken)
    {
        var (total, rows) = await reader.ListAsync(query.Filter, 1, MaxRows, query.FullIdentity, cancellationToken);
        if (total > MaxRows)
        {
            throw new RuleViolationException("status", $"Listan har {SwedishFormat.Number(total)} rader. Avgränsa den till högst {SwedishFormat.Number(MaxRows)} rader.");
        }

        var caller = callers.Current;
        var xlsx = query.Format == ParticipantListFormat.Xlsx;
        await audit.WriteAsync(AuditAction.Export, AuditLog.Participation, null, caller.AssociationId, caller.ProviderId,
            $"Deltagarlista som .{(xlsx ? "xlsx" : "csv")}, {rows.Count} rader, "
            + (query.FullIdentity ? "med hela personnummer" : "maskerade personnummer"), cancellationToken);

        using var stream = new MemoryStream();
        if (xlsx)
        {
            var workbook = new XlsxWorkbook();
            var sheet = workbook.AddSheet("Deltagare");
            sheet.AddTable(ParticipantListColumns.All, rows);
            sheet.Freeze(1, 0);
            workbook.Save(stream);
        }
        else
        {
            CsvTable.Write(stream, ParticipantListColumns.All, rows);
        }

        var name = $"deltagare-{SwedishFormat.Date(clock.Today())}{(query.FullIdentity ? "-hela-personnummer" : string.Empty)}.{(xlsx ? "xlsx" : "csv")}";
        return new ParticipantListFile(stream.ToArray(), xlsx ? ReportFileTypes.Xlsx : ReportFileTypes.Csv, name, rows.Count);
    }
}

/// <summary>The list's columns, the same in both files.</summary>
internal static class ParticipantListColumns
{
    public static readonly IReadOnlyList<TableColumn<ProviderParticipationResponse>> All =
    [
        TableColumn.Text<ProviderParticipationResponse>("Deltagare", r => r.Reference, 12),
        TableColumn.Text<ProviderParticipationResponse>("Personnummer", r => r.PersonalIdentityNumber ?? Anonymous(r), 18),
        TableColumn.Text<ProviderParticipationResponse>("Kön", r => SwedishFormat.Label(r.Gender), 10),
        TableColumn.Integer<ProviderParticipationResponse>("Födelseår", r => r.BirthYear, 10),
        TableColumn.Text<ProviderParticipationResponse>("Insats", r => r.InterventionName, 36),
        TableColumn.Text<ProviderParticipationResponse>("Startdatum", r => SwedishFormat.Date(r.StartDate), 12),
        TableColumn.Text<ProviderParticipationResponse>("Slutdatum", r => r.EndDate is { } d ? SwedishFormat.Date(d) : null, 12),
        TableColumn.Text<ProviderParticipationResponse>("Avslutsorsak", r => r.ExitReason is { } e ? SwedishFormat.Label(e) : null, 26),
        TableColumn.Text<ProviderParticipationResponse>("Uppföljning", r => r.FollowUpStatus is { } s ? SwedishFormat.Label(s) : null, 20),
        TableColumn.Text<ProviderParticipationResponse>("Uppföljning senast", r => r.FollowUpDueDate is { } d ? SwedishFormat.Date(d) : null, 14),
    ];

    public static string Anonymous(ProviderParticipationResponse row) =>
        row.RegistrationMode == RegistrationMode.Identified ? "Raderat" : "Anonym";
}

public static class ExportProviderParticipationsEndpoint
{
    public static RouteGroupBuilder MapExportProviderParticipations(this RouteGroupBuilder group)
    {
        group.MapGet("/participations/export", async Task<IResult> (
                [AsParameters] ParticipantListFilter filter, string? format, string? identity, ISender sender, CancellationToken ct) =>
            {
                if (format is not (null or "xlsx" or "csv"))
                {
                    throw new RuleViolationException("format", "Format ska vara xlsx eller csv.");
                }

                if (identity is not (null or "masked" or "full"))
                {
                    throw new RuleViolationException("identity", "Personnummer ska vara masked (förvalt) eller full.");
                }

                var file = await sender.Send(new ExportProviderParticipationsQuery(
                    filter, format == "csv" ? ParticipantListFormat.Csv : ParticipantListFormat.Xlsx, identity == "full"), ct);
                return TypedResults.File(file.Content, file.ContentType, file.FileName);
            })
            .WithName("ExportProviderParticipations")
            .WithSummary("The provider's participant list (same filter) as xlsx or csv; personnummer masked unless identity=full. Audited.")
            .Produces(StatusCodes.Status200OK, contentType: ReportFileTypes.Xlsx)
            .ProducesValidationProblem();
        return group;
    }
}
