using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Features.Auth;

namespace Samordning.FollowUp.Api.Pages.Auth;

/// <summary>
/// The page an activation or reset e-mail links to: the link's holder chooses the password.
/// The same rule as the API's POST /auth/password (<see cref="PasswordChoice"/>).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(AuthenticationSetup.SignInRateLimit)]
internal sealed class ChoosePasswordModel(PasswordChoice choice) : UiPage
{
    [BindProperty(SupportsGet = true, Name = "anvandare")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true, Name = "kod")]
    public string? Code { get; set; }

    [BindProperty]
    public PasswordForm Input { get; set; } = new();

    public bool HasLink => !string.IsNullOrEmpty(UserId) && !string.IsNullOrEmpty(Code);

    public async Task<IActionResult> OnPostAsync()
    {
        if (Input.Password != Input.Repeat)
        {
            AddError("repeat", "Lösenorden är inte lika. Skriv samma lösenord två gånger.");
        }
        else
        {
            try
            {
                await choice.ChooseAsync(UserId, Code, Input.Password, Aborted);
                Confirm("Ditt lösenord är sparat. Logga in med din e-postadress och det nya lösenordet.");
                return Redirect(UiSetup.SignInPage);
            }
            catch (RuleViolationException e)
            {
                foreach (var (field, messages) in e.Errors)
                {
                    AddError(field == "code" ? string.Empty : field, messages[0]);
                }
            }
        }

        Input = new PasswordForm();
        return Page();
    }

    public sealed class PasswordForm
    {
        public string? Password { get; set; }

        public string? Repeat { get; set; }

        /// <summary>Never shows what was typed.</summary>
        public override string ToString() => nameof(PasswordForm);
    }
}
