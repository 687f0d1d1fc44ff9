using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Users;

namespace Samordning.FollowUp.Api.Pages.Users;

/// <summary>A new user with a role and scope; the user chooses the password through an e-mailed link.</summary>
internal sealed class CreateModel : UserFormPage
{
    [BindProperty]
    public NewUserForm Input { get; set; } = new();

    public async Task OnGetAsync() => await LoadProvidersAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var command = new CreateUserCommand(
                Input.Email, Input.DisplayName, Input.Role, AssociationFor(Input.AssociationId), Input.ProviderId);
            var (ok, created) = await TrySendUserAsync(command);
            if (ok)
            {
                Confirm($"Användaren {created!.DisplayName} ({created.Email}) är skapad med rollen {created.RoleLabel}. "
                    + (created.PasswordLinkSent == true
                        ? "En länk för att välja lösenord har skickats till användarens e-postadress."
                        : "Länken för att välja lösenord kunde inte skickas: kontrollera e-postinställningarna och skicka en ny länk från användarens sida.")
                    + (created.AwaitsProviderConfirmation ? " Kontot ser utförarens deltagare först när utföraren har bekräftat det." : string.Empty));
                return Redirect("/kansli/anvandare");
            }
        }

        await LoadProvidersAsync();
        return Page();
    }

    public sealed class NewUserForm
    {
        public string? Email { get; set; }

        public string? DisplayName { get; set; }

        public UserRole? Role { get; set; }

        public long? AssociationId { get; set; }

        public long? ProviderId { get; set; }
    }
}
