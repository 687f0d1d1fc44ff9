using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Reports.Files;

using Samordning.FollowUp.Common.Auditing;

namespace Samordning.FollowUp.Features.Reports;

/// <summary>
/// The figures the national system Uppföljning Finsam asks for, per intervention and year:
/// women and men who took part, planned participants, budget and actual cost. Taken from the
/// year's report (T3, year to date), so the export and the board report always agree.
/// </summary>
[Access(UserRole.AssociationAdmin)]
public sealed record ExportUppfoljningFinsamQuery(long AssociationId, int Year) : IQuery<IReadOnlyList<FinsamExportRow>>, IAssociationScoped;

internal sealed class ExportUppfoljningFinsamValidator : AbstractValidator<ExportUppfoljningFinsamQuery>
{
    public ExportUppfoljningFinsamValidator() =>
        RuleFor(x => x.Year).ValidYear();
}

internal sealed class ExportUppfoljningFinsamHandler(TertialReportBuilder builder)
    : IQueryHandler<ExportUppfoljningFinsamQuery, IReadOnlyList<FinsamExportRow>>
{
    public async ValueTask<IReadOnlyList<FinsamExportRow>> Handle(ExportUppfoljningFinsamQuery query, CancellationToken cancellationToken)
    {
        var report = await builder.BuildAsync(query.AssociationId, query.Year, 3, ReportMode.YearToDate, cancellationToken);
        return [.. from section in report.Sections
                   from category in section.Categories
                   from row in category.Interventions
                   let f = row.Figures
                   select new FinsamExportRow(
                       row.InterventionId, row.Name, row.ProviderName, section.Label, category.Label,
                       f.Active.Women + f.CountOnly.Women, f.Active.Men + f.CountOnly.Men,
                       f.PlannedParticipantsYear, f.BudgetSek, f.ActualCostSek)];
    }
}

public static class ExportUppfoljningFinsamEndpoint
{
    public static RouteGroupBuilder MapExportUppfoljningFinsam(this RouteGroupBuilder group)
    {
        group.MapGet("/associations/{associationId:long}/exports/uppfoljning-finsam/{year:int}", async Task<IResult> (
                long associationId, int year, string? format, ISender sender, AuditLog audit, CancellationToken ct) =>
            {
                if (format is not (null or "csv" or "xlsx"))
                {
                    throw new RuleViolationException("format", "Format ska vara csv eller xlsx.");
                }

                var rows = await sender.Send(new ExportUppfoljningFinsamQuery(associationId, year), ct);
                await audit.WriteAsync(AuditAction.Export, AuditLog.Report, $"finsam-{year}", associationId, null,
                    $"Uppföljning Finsam som .{format ?? "csv"}", ct);
                var stream = new MemoryStream();
                var xlsx = format == "xlsx";
                if (xlsx)
                {
                    UppfoljningFinsamExport.WriteXlsx(rows, stream);
                }
                else
                {
                    UppfoljningFinsamExport.WriteCsv(rows, stream);
                }

                stream.Position = 0;
                return TypedResults.File(stream, xlsx ? ReportFileTypes.Xlsx : ReportFileTypes.Csv,
                    $"uppfoljning-finsam-{year}.{(xlsx ? "xlsx" : "csv")}");
            })
            .WithName("ExportUppfoljningFinsam")
            .WithSummary("Per intervention and year: women, men, planned participants, budget and actual cost (format=csv|xlsx).")
            .Produces(StatusCodes.Status200OK, contentType: ReportFileTypes.Csv)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
