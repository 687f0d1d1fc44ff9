using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Samordning.FollowUp.Features.TertialCycle;

public static class TertialCycleEndpoints
{
    public static IEndpointRouteBuilder MapTertialCycleEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Tertial cycle");
        group.MapGetProviderTertialReport();
        group.MapAttestTertialReport();
        group.MapAcceptTertialReport();
        group.MapReturnTertialReport();
        group.MapListAssociationTertialReports();
        group.MapGetTertialCycleSummary();
        group.MapGetTertialAttestationFigures();
        group.MapListProviderTertialNotes();
        group.MapRemindTertialProviders();
        return app;
    }
}
