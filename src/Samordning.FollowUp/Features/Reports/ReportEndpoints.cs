using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Samordning.FollowUp.Features.Reports;

public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Reports");
        group.MapGetTertialReport();
        group.MapCloseTertial();
        group.MapSetTertialNote();
        group.MapDownloadTertialReport();
        group.MapExportUppfoljningFinsam();
        return app;
    }
}
