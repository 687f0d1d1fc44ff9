using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Samordning.FollowUp.Features.Reports.Files;

using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Reports;

public static class ReportFileTypes
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Pdf = "application/pdf";
    public const string Csv = "text/csv; charset=utf-8";
}

/// <summary>The same report as the JSON (adopted, or view=current), as files people open.</summary>
public static class DownloadTertialReportEndpoint
{
    public static RouteGroupBuilder MapDownloadTertialReport(this RouteGroupBuilder group)
    {
        Map(group, "xlsx", ReportFileTypes.Xlsx, TertialReportXlsx.Write);
        Map(group, "pdf", ReportFileTypes.Pdf, TertialReportPdf.Write);
        Map(group, "csv", ReportFileTypes.Csv, TertialReportCsv.Write);
        return group;
    }

    private static void Map(RouteGroupBuilder group, string extension, string contentType, Action<TertialReport, Stream> write) =>
        group.MapGet($"{GetTertialReportEndpoint.Route}/report.{extension}", async Task<IResult> (
                long associationId, int year, int tertial, string? mode, string? view, ISender sender, AuditLog audit, CancellationToken ct) =>
            {
                var result = await sender.Send(new GetTertialReportQuery(associationId, year, tertial, mode, view), ct);
                await audit.WriteAsync(AuditAction.Export, AuditLog.Report, $"{year}-T{tertial}", associationId, null,
                    $"Tertialrapport som .{extension}", ct);
                var stream = new MemoryStream();
                write(result.Report, stream);
                stream.Position = 0;
                var kind = result.Report.Header.Mode == ReportMode.Period ? "perioden" : "hittills-i-ar";
                return TypedResults.File(stream, contentType, $"tertialrapport-{year}-T{tertial}-{kind}.{extension}");
            })
            .WithName($"DownloadTertialReport{char.ToUpperInvariant(extension[0])}{extension[1..]}")
            .WithSummary($"The tertial report as a .{extension} file.")
            .Produces(StatusCodes.Status200OK, contentType: contentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
