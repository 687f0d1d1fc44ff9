using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Features.Auth;

namespace Samordning.FollowUp.Api.Pages.Auth;

/// <summary>
/// Where the organisation's identity provider sends the person back (after /signin-oidc has
/// validated the answer): the external identity becomes a signed-in local user
/// (<see cref="ExternalSignIn"/>), or the refusal page says why not.
/// </summary>
/// <remarks>
/// The page answers 200 with a Refresh to the target instead of a redirect: the sign-in cookie is
/// SameSite=Strict, and a browser does not send it on a redirect chain that began at another site
/// (the provider), so a redirect would land on "/" looking signed out. The refresh is the service's own navigation.
/// </remarks>
[AllowAnonymous]
internal sealed class ExternalSignInModel(ExternalSignIn externalSignIn) : UiPage
{
    public const string Route = "/logga-in/extern";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string Target => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";

    public async Task<IActionResult> OnGetAsync()
    {
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Principal is null)
        {
            // Nothing came from the provider (an old bookmark, or the answer was already used).
            return Redirect(ExternalRefusals.PageOf(ExternalRefusal.Failed));
        }

        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var refusal = await externalSignIn.SignInAsync(external.Principal, external.Properties?.GetTokenValue("id_token"), Aborted);
        if (refusal is { } reason)
        {
            return Redirect(ExternalRefusals.PageOf(reason));
        }

        Response.Headers["Refresh"] = $"0;url={Target}";
        return Page();
    }
}
