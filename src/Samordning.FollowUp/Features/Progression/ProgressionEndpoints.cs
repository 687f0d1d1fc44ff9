using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Samordning.FollowUp.Features.Progression;

public static class ProgressionEndpoints
{
    public static IEndpointRouteBuilder MapProgressionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Progression");
        group.MapListInstruments();
        group.MapCreateInstrument();
        group.MapReviseInstrument();
        group.MapPreviewInstrument();
        group.MapGetMeasurements();
        group.MapRecordMeasurement();
        group.MapListDueMeasurements();
        return app;
    }
}
