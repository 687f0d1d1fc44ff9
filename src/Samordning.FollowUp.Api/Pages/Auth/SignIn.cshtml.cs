using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Features.Auth;

namespace Samordning.FollowUp.Api.Pages.Auth;

/// <summary>
/// Sign-in with the UI cookie; the same checks, lockout, rate limit and audit as the API's /auth/login.
/// With OpenID Connect configured, also "Logga in med organisationens konto".
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AuthenticationSetup.SignInRateLimit)]
internal sealed class SignInModel(PasswordSignIn passwordSignIn, IOptions<AuthOptions> options) : UiPage
{
    /// <summary>Whether the organisation's identity provider is configured (the button shows only then).</summary>
    public bool ExternalEnabled => options.Value.OpenIdConnect.Enabled;

    [BindProperty]
    public SignInForm Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() => Caller.IsSignedIn ? LocalRedirect(Target) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            if (await passwordSignIn.SignInAsync(Input.Email, Input.Password, IdentityConstants.ApplicationScheme, Aborted))
            {
                return LocalRedirect(Target);
            }

            ModelState.AddModelError(string.Empty, PasswordSignIn.FailedMessage);
        }
        catch (RuleViolationException e)
        {
            foreach (var (field, messages) in e.Errors)
            {
                AddError(field, messages[0]);
            }
        }

        Input.Password = null;
        return Page();
    }

    /// <summary>Off to the organisation's identity provider; it comes back through /signin-oidc to /logga-in/extern.</summary>
    public IActionResult OnPostExternal()
    {
        if (!ExternalEnabled)
        {
            return NotFound();
        }

        var back = Url.IsLocalUrl(ReturnUrl) ? $"{ExternalSignInModel.Route}?returnUrl={Uri.EscapeDataString(ReturnUrl!)}" : ExternalSignInModel.Route;
        return Challenge(new AuthenticationProperties { RedirectUri = back }, AuthenticationSetup.OpenIdConnectScheme);
    }

    private string Target => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";

    public sealed class SignInForm
    {
        public string? Email { get; set; }

        public string? Password { get; set; }
    }
}
