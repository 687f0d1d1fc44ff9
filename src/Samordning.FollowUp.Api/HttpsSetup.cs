using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Samordning.FollowUp.Api;

/// <summary>Transport security outside Development (configuration section <c>Https</c>).</summary>
public sealed class HttpsOptions
{
    public const string Section = "Https";

    /// <summary>
    /// The port in the redirect of a plain HTTP request. Set explicitly because the framework
    /// otherwise looks it up from the server's addresses, and a request that arrives before
    /// Kestrel has reported them made it give up for the life of the process and serve HTTP.
    /// </summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 443;

    /// <summary>
    /// Redirect to HTTPS, send HSTS and mark every cookie Secure. Off only for a local run without
    /// TLS (the compose file on localhost); behind a proxy that ends TLS, leave it on and set
    /// ASPNETCORE_FORWARDEDHEADERS_ENABLED=true so the service sees the original scheme.
    /// </summary>
    public bool Required { get; set; } = true;
}

internal static class HttpsSetup
{
    public static IServiceCollection AddFollowUpHttps(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddOptions<HttpsOptions>().BindConfiguration(HttpsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Microsoft.AspNetCore.HttpsPolicy.HttpsRedirectionOptions>()
            .Configure<IOptions<HttpsOptions>>((redirect, https) => redirect.HttpsPort = https.Value.Port);
        services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = true;
        });
        // Every cookie the UI sets besides the sign-in's (Secure outside Development, AuthenticationSetup).
        // Always: the antiforgery system then also refuses to issue or check a token over plain
        // HTTP. Only a local run without TLS (Https:Required=false) may send these in clear.
        services.AddOptions<AntiforgeryOptions>().Configure<IOptions<HttpsOptions>>((antiforgery, https) =>
            antiforgery.Cookie.SecurePolicy = SecurePolicy(environment, https.Value));
        services.AddOptions<CookieTempDataProviderOptions>().Configure<IOptions<HttpsOptions>>((tempData, https) =>
            tempData.Cookie.SecurePolicy = SecurePolicy(environment, https.Value));
        return services;
    }

    private static CookieSecurePolicy SecurePolicy(IHostEnvironment environment, HttpsOptions https) =>
        environment.IsDevelopment() || !https.Required ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    /// <summary>HSTS and the redirect, before anything else answers (static files included).</summary>
    public static WebApplication UseFollowUpHttps(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            return app;
        }

        var https = app.Services.GetRequiredService<IOptions<HttpsOptions>>().Value;
        if (!https.Required)
        {
            app.Logger.LogWarning("HTTPS is not enforced (Https:Required=false): no redirect, no HSTS, cookies not always Secure. Only for a local run without TLS.");
            return app;
        }

        app.UseHsts();
        app.UseHttpsRedirection();
        return app;
    }
}
