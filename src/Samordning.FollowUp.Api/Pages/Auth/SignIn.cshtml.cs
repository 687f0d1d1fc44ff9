using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Features.Auth;

namespace Samordning.FollowUp.Api.Pages.Auth;

/// <summary>Sign-in with the UI cookie; the same checks, lockout, rate limit and audit as the API's /auth/login.</summary>
[AllowAnonymous]
[EnableRateLimiting(AuthenticationSetup.SignInRateLimit)]
internal sealed class SignInModel(PasswordSignIn passwordSignIn) : UiPage
{
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

    private string Target => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";

    public sealed class SignInForm
    {
        public string? Email { get; set; }

        public string? Password { get; set; }
    }
}
