using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Features.Auth;

namespace Samordning.FollowUp.Api.Pages;

internal sealed class LoggaUtModel(PasswordSignIn passwordSignIn) : UiPage
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        await passwordSignIn.SignOutAsync(Aborted);
        return Redirect("/logga-in");
    }
}
