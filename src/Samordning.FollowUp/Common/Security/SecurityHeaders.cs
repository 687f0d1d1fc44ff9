using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Samordning.FollowUp.Common.Security;

/// <summary>
/// Response headers that keep browsers from framing, sniffing or leaking: a strict content
/// security policy everywhere except the two tools whose pages need inline script and style
/// (the API reference and the Hangfire dashboard, both for administrators only in production).
/// </summary>
public static class SecurityHeaders
{
    private const string StrictStart = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'";

    private const string StrictEnd = "; frame-ancestors 'none'";

    private const string Tools =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The strict policy. With OpenID Connect, forms may also lead to the identity provider's origin:
    /// "Logga in med organisationens konto" and "Logga ut" post to the service, which redirects
    /// there, and a browser holds a form's redirects to form-action too.
    /// </summary>
    internal static string StrictPolicy(string? authority) =>
        StrictStart + (Uri.TryCreate(authority, UriKind.Absolute, out var uri) ? " " + uri.GetLeftPart(UriPartial.Authority) : string.Empty) + StrictEnd;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var strict = StrictPolicy(app.ApplicationServices.GetRequiredService<IOptions<AuthOptions>>().Value.OpenIdConnect.Authority);
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                var path = context.Request.Path;
                headers.ContentSecurityPolicy = path.StartsWithSegments("/scalar") || path.StartsWithSegments("/hangfire") ? Tools : strict;
                if (path.StartsWithSegments("/api") || path.StartsWithSegments("/svara"))
                {
                    // Answers about people are never kept by a browser or a proxy (nor the answer link's page).
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
    }
}
