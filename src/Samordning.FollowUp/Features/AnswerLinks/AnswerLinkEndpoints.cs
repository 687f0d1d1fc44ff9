using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Samordning.FollowUp.Features.AnswerLinks;

/// <summary>The coach's side of the answer link: the person's consent and contact. The link's page itself is a Razor page (/svara).</summary>
public static class AnswerLinkEndpoints
{
    public static IEndpointRouteBuilder MapAnswerLinkEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Follow-up contact");
        group.MapSetFollowUpContact();
        group.MapGetFollowUpContact();
        return app;
    }
}
