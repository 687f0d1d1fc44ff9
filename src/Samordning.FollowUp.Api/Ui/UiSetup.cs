using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.WebEncoders;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Users;

namespace Samordning.FollowUp.Api.Ui;

/// <summary>
/// The web UI: Razor Pages in the same host as the API, calling the same Mediator handlers (so the
/// same validation and access rules apply) with the cookie sign-in. Everything it needs — styles,
/// scripts, charts (server-rendered SVG) — is served from wwwroot: it works on a closed network.
/// </summary>
public static class UiSetup
{
    public const string UiPolicy = "Ui";

    public const string CoachPolicy = "UiCoach";

    public const string SignInPage = "/logga-in";

    /// <summary>Where the e-mailed one-time links lead (activation and new password).</summary>
    public const string ChoosePasswordPage = "/konto/valj-losenord";

    public static IServiceCollection AddFollowUpUi(this IServiceCollection services)
    {
        // The service knows no page: the UI tells it where to send people.
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = SignInPage;
            options.AccessDeniedPath = "/ingen-behorighet";
        });
        services.Configure<PasswordLinkOptions>(options => options.Page = ChoosePasswordPage);

        // Pages sign in with the cookie only, so a visitor without one is sent to /logga-in (the
        // API's default challenge is the bearer scheme's 401).
        services.AddAuthorizationBuilder()
            .AddPolicy(UiPolicy, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireAuthenticatedUser())
            // The coach's pages are for coaches (the handlers would refuse others anyway; this
            // gives the other roles a clear 403 page before any form is shown). Each coach page
            // says so on its model: [Authorize(Policy = UiSetup.CoachPolicy)].
            .AddPolicy(CoachPolicy, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireRole(nameof(UserRole.Coach)));
        services.AddRazorPages(options =>
            {
                // Every page needs a signed-in user. A page says on itself who else it is for, not
                // by the folder it is in (a feature's folder holds the coach's and the office's
                // pages alike): [Authorize(Policy = CoachPolicy)] on a coach's page, the office's
                // base OfficePage, and [AllowAnonymous] on the few that anyone may open (sign-in,
                // choosing a password, the status pages).
                options.Conventions.AuthorizeFolder("/", UiPolicy);
                options.Conventions.Add(new HandlerNameConvention());
                options.Conventions.ConfigureFilter(new UiExceptionFilter());
            })
            .AddMvcOptions(options =>
            {
                // Codes are one defined name, as in the API (before MVC's own enum binding sees them).
                options.ModelBinderProviders.Insert(0, new StrictEnumModelBinderProvider());
                // Never echo what was typed: it could be a personnummer in the wrong field.
                var messages = options.ModelBindingMessageProvider;
                messages.SetValueMustNotBeNullAccessor(_ => "Fältet måste fyllas i.");
                messages.SetAttemptedValueIsInvalidAccessor((_, _) => "Värdet är inte giltigt.");
                messages.SetMissingBindRequiredValueAccessor(_ => "Fältet måste fyllas i.");
                messages.SetMissingKeyOrValueAccessor(() => "Fältet måste fyllas i.");
                messages.SetUnknownValueIsInvalidAccessor(_ => "Värdet är inte giltigt.");
                messages.SetValueIsInvalidAccessor(_ => "Värdet är inte giltigt.");
                messages.SetValueMustBeANumberAccessor(_ => "Ange ett tal.");
                messages.SetNonPropertyAttemptedValueIsInvalidAccessor(_ => "Värdet är inte giltigt.");
                messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Värdet är inte giltigt.");
                messages.SetNonPropertyValueMustBeANumberAccessor(() => "Ange ett tal.");
                messages.SetMissingRequestBodyRequiredValueAccessor(() => "Formuläret saknar innehåll.");
            });
        // Swedish text as text: å, ä and ö stay characters in the HTML, not &#xE5; entities.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "FollowUp.Antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
            options.HeaderName = "X-CSRF-TOKEN";
        });
        // The one-line confirmation after a redirect (TempData) travels in a cookie like the others.
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = "FollowUp.TempData";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
        });
        return services;
    }

    /// <summary>Static files, the pages, and Swedish status pages (404, 403) for everything outside /api.</summary>
    public static WebApplication UseFollowUpUi(this WebApplication app)
    {
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/hangfire"),
            branch => branch.UseStatusCodePagesWithReExecute("/status/{0}"));
        return app;
    }
}
