using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Samordning.FollowUp.Features.Users;

public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Users");
        group.MapCreateUser();
        group.MapListUsers();
        group.MapUpdateUser();
        group.MapSendPasswordLink();
        group.MapConfirmCoach();
        group.MapExternalLogin();
        return app;
    }
}
