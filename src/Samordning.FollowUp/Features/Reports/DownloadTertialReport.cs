using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Samordning.FollowUp.Features.Reports.Files;
using Samordning.FollowUp.Features.Reports.Presentation;

using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Reports;

public static class ReportFileTypes
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pdf = "application/pdf";
    public const string Csv = "text/csv; charset=utf-8";
}

/// <summary>The same report as the JSON (adopted, or view=current), as files people open: the board's masked, the office's exact and marked.</summary>
public static class DownloadTertialReportEndpoint
{
    public static RouteGroupBuilder MapDownloadTertialReport(this RouteGroupBuilder group)
    {
        Map(group, "xlsx", ReportFileTypes.Xlsx, TertialReportXlsx.Write);
        Map(group, "pdf", ReportFileTypes.Pdf, TertialReportPdf.Write);
        Map(group, "csv", ReportFileTypes.Csv, TertialReportCsv.Write);
        return group;
    }

    private static void Map(RouteGroupBuilder group, string extension, string contentType, Action<ReportPresentation, Stream> write) =>
        group.MapGet($"{GetTertialReportEndpoint.Route}/report.{extension}", async Task<IResult> (
                long associationId, int year, int tertial, string? mode, string? view, ISender sender, AuditLog audit, CancellationToken ct) =>
            {
                var result = await sender.Send(new GetTertialReportQuery(associationId, year, tertial, mode, view), ct);
                await audit.WriteAsync(AuditAction.Export, AuditLog.Report, $"{year}-T{tertial}", associationId, null,
                    $"Tertialrapport som .{extension}", ct);
                // The file is the page's presentation: masked for the board, exact (and marked so) for the office.
                var presentation = result.Presentation!;
                var stream = new MemoryStream();
                write(presentation, stream);
                stream.Position = 0;
                return TypedResults.File(stream, contentType, $"{presentation.FileStem}.{extension}");
            })
            .WithName($"DownloadTertialReport{char.ToUpperInvariant(extension[0])}{extension[1..]}")
            .WithSummary($"The tertial report as a .{extension} file.")
            .Produces(StatusCodes.Status200OK, contentType: contentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
