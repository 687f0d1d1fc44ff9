using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Features.Auth;

namespace Samordning.FollowUp.Api.Pages.Auth;

/// <summary>
/// Ends every session of the user (the same as the API's POST /auth/logout). A user who signed in
/// with the organisation's account is also signed out there (end_session with id_token_hint) and
/// comes back to /logga-in.
/// </summary>
internal sealed class SignOutModel(PasswordSignIn passwordSignIn, IOptions<AuthOptions> options) : UiPage
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        // Read before the session ends: the cookie carries it only after a sign-in with the organisation's account.
        var idToken = options.Value.OpenIdConnect.Enabled
            ? await HttpContext.GetTokenAsync(IdentityConstants.ApplicationScheme, "id_token")
            : null;
        await passwordSignIn.SignOutAsync(Aborted);
        if (string.IsNullOrEmpty(idToken))
        {
            return Redirect(UiSetup.SignInPage);
        }

        var properties = new AuthenticationProperties { RedirectUri = UiSetup.SignInPage };
        properties.Items[AuthenticationSetup.IdTokenHintItem] = idToken;
        return SignOut(properties, AuthenticationSetup.OpenIdConnectScheme);
    }
}
