using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using BearerMessageReceivedContext = Microsoft.AspNetCore.Authentication.BearerToken.MessageReceivedContext;

namespace Samordning.FollowUp.Common.Security;

public static class AuthenticationSetup
{
    /// <summary>Policy for what only a system administrator may reach (jobs, dashboard, API reference).</summary>
    public const string SystemAdminPolicy = "SystemAdmin";

    /// <summary>Rate-limiter policy for the sign-in endpoints.</summary>
    public const string SignInRateLimit = "sign-in";

    public const string OpenIdConnectScheme = "oidc";

    /// <summary>
    /// ASP.NET Core Identity in the service's own database: a cookie for the web UI and bearer
    /// tokens for API clients, both accepted on every endpoint; OpenID Connect when configured.
    /// Every endpoint requires a signed-in user unless it says otherwise.
    /// </summary>
    internal static IServiceCollection AddFollowUpAuthentication(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var settings = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();

        // Cookies and bearer tokens are protected with Data Protection keys that outlive a restart,
        // so a restart does not sign everyone out. By default they live in the service's database,
        // so that every instance behind a load balancer reads the same key ring; a folder (one
        // machine, or a shared volume) remains possible with DataProtection:Store=Folder.
        var dataProtection = services.AddDataProtection().SetApplicationName("Samordning.FollowUp");
        if (string.Equals(configuration["DataProtection:Store"], "Folder", StringComparison.OrdinalIgnoreCase))
        {
            var keyFolder = configuration["DataProtection:KeyFolder"] ?? Path.Combine(environment.ContentRootPath, "data", "dp-keys");
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keyFolder));
        }
        else
        {
            dataProtection.PersistKeysToDbContext<FollowUpDbContext>();
        }

        services.AddHttpContextAccessor();
        services.AddScoped<CallerContext>();
        services.AddScoped<CheckedEntities>();
        services.AddSingleton<FirstAdminSetup>();

        services.AddIdentityApiEndpoints<UserAccount>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = settings.MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(settings.LockoutMinutes);
            })
            .AddEntityFrameworkStores<FollowUpDbContext>()
            .AddClaimsPrincipalFactory<UserClaimsFactory>()
            .AddErrorDescriber<SwedishIdentityErrors>();

        services.Configure<BearerTokenOptions>(IdentityConstants.BearerScheme, options =>
        {
            options.BearerTokenExpiration = TimeSpan.FromMinutes(settings.BearerTokenMinutes);
            options.Events.OnMessageReceived = ValidateBearerTokenAsync;
        });
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "FollowUp.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(settings.CookieMinutes);
            options.SlidingExpiration = true;
            // Replaces Identity's SecurityStampValidator, which looks only every 30 minutes.
            options.Events.OnValidatePrincipal = ValidateCookieAsync;
            // An API client gets a status code, never a redirect to the sign-in page.
            options.Events.OnRedirectToLogin = context => ApiStatusOrRedirect(context, StatusCodes.Status401Unauthorized);
            // A signed-in user without the role gets 403 where they are: the API as a status, the
            // UI as its Swedish status page (re-executed), never a redirect that loses the address.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        if (settings.OpenIdConnect.Enabled)
        {
            services.AddAuthentication().AddOpenIdConnect(OpenIdConnectScheme, "Organisationens konto", options =>
                ConfigureOpenIdConnect(options, settings.OpenIdConnect));
        }

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(SystemAdminPolicy, policy => policy.RequireRole(nameof(UserRole.SystemAdmin)));

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Attempts are limited, not a sign-in page itself (a GET costs nothing).
            options.AddPolicy(SignInRateLimit, context => HttpMethods.IsGet(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("page")
                : RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = settings.SignInAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                if (!context.HttpContext.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
                {
                    // The web UI shows its Swedish status page for 429 (re-executed, see UiSetup).
                    return;
                }

                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "För många försök",
                        Detail = "För många inloggningsförsök. Vänta en minut och försök igen.",
                    },
                });
            };
        });
        return services;
    }

    /// <summary>
    /// Code flow with PKCE against the organisation's identity provider. The handler validates the
    /// id_token (signature from the provider's keys, issuer from its discovery document, audience
    /// = ClientId, lifetime, nonce) and the state (a correlation cookie used once); the principal
    /// goes to Identity's external cookie, and /logga-in/extern turns it into a local user
    /// (Features/Auth/ExternalSignIn, which also handles the failures: the composition root wires it).
    /// </summary>
    private static void ConfigureOpenIdConnect(OpenIdConnectOptions options, OpenIdConnectSettings oidc)
    {
        options.Authority = oidc.Authority;
        options.ClientId = oidc.ClientId;
        options.ClientSecret = oidc.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        // The id_token is kept for sign-out at the provider (id_token_hint).
        options.SaveTokens = true;
        // Role and scope must be in the id_token; userinfo would add nothing the service reads.
        options.GetClaimsFromUserInfoEndpoint = false;
        options.MapInboundClaims = false;
        options.CallbackPath = "/signin-oidc";
        options.SignedOutCallbackPath = "/signout-callback-oidc";
        options.SignInScheme = IdentityConstants.ExternalScheme;
        options.SignOutScheme = IdentityConstants.ApplicationScheme;
        options.Scope.Add("email");
        // Plain HTTP only for a provider on this machine (the tests' provider); anything else must be HTTPS.
        options.RequireHttpsMetadata = !(Uri.TryCreate(oidc.Authority, UriKind.Absolute, out var authority) && authority.IsLoopback);
        // The exchange runs on the wall clock the provider's tokens carry, not on a clock a test may move.
        options.TimeProvider = TimeProvider.System;
        options.Events.OnRedirectToIdentityProviderForSignOut = context =>
        {
            // The session has already ended here (a new stamp): the id_token comes with the sign-out request.
            if (context.Properties.Items.TryGetValue(IdTokenHintItem, out var hint) && !string.IsNullOrEmpty(hint))
            {
                context.ProtocolMessage.IdTokenHint = hint;
                context.Properties.Items.Remove(IdTokenHintItem);
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>Item of the sign-out's properties carrying the id_token of the external sign-in.</summary>
    public const string IdTokenHintItem = "followup.id_token_hint";

    /// <summary>
    /// The cookie's session must still stand (<see cref="SessionCheck"/>); when it does not, the
    /// request is anonymous (the API answers 401, a page sends to /logga-in) and the cookie is cleared.
    /// </summary>
    private static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        if (!await SessionCheck.IsCurrentAsync(context.HttpContext, context.Principal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }

    /// <summary>
    /// The bearer handler has no event after it reads a token, so the token is read here as the
    /// handler would and its session checked (<see cref="SessionCheck"/>). A token that cannot be
    /// read or has expired is left to the handler, which refuses it as before.
    /// </summary>
    private static async Task ValidateBearerTokenAsync(BearerMessageReceivedContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return;
        }

        var ticket = context.Options.BearerTokenProtector.Unprotect(authorization["Bearer ".Length..]);
        var now = (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        if (ticket?.Properties.ExpiresUtc is not { } expires || now >= expires)
        {
            return;
        }

        if (!await SessionCheck.IsCurrentAsync(context.HttpContext, ticket.Principal))
        {
            context.Fail("The session has ended.");
            return;
        }

        context.Principal = ticket.Principal;
        context.Properties = ticket.Properties;
        context.Success();
    }

    private static Task ApiStatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
