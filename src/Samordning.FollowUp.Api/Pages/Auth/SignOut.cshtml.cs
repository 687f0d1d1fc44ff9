using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Features.Auth;

namespace Samordning.FollowUp.Api.Pages.Auth;

/// <summary>Ends every session of the user (the same as the API's POST /auth/logout).</summary>
internal sealed class SignOutModel(PasswordSignIn passwordSignIn) : UiPage
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        await passwordSignIn.SignOutAsync(Aborted);
        return Redirect(UiSetup.SignInPage);
    }
}
