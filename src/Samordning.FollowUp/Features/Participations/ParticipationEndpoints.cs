using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Samordning.FollowUp.Features.Participations;

public static class ParticipationEndpoints
{
    public static IEndpointRouteBuilder MapParticipationEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Participations");
        group.MapRegisterParticipation();
        group.MapGetIntakeDefaults();
        group.MapListParticipations();
        group.MapListProviderParticipations();
        group.MapExportProviderParticipations();
        group.MapGetParticipation();
        group.MapCorrectParticipation();
        group.MapRecordExit();
        return app;
    }
}
