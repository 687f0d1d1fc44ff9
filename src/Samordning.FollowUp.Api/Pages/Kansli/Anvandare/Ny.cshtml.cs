using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Users;

namespace Samordning.FollowUp.Api.Pages.Kansli;

/// <summary>A new user with a role, scope and first password.</summary>
internal sealed class NyAnvandareModel : AnvandareFormPage
{
    [BindProperty]
    public NewUserForm Input { get; set; } = new();

    public async Task OnGetAsync() => await LoadProvidersAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var command = new CreateUserCommand(
                Input.Email, Input.DisplayName, Input.Role, AssociationFor(Input.AssociationId), Input.ProviderId, Input.Password);
            var (ok, created) = await TrySendUserAsync(command);
            if (ok)
            {
                Confirm($"Användaren {created!.DisplayName} ({created.Email}) är skapad med rollen {created.RoleLabel}.");
                return Redirect("/kansli/anvandare");
            }
        }

        Input.Password = null;
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

        public string? Password { get; set; }
    }
}
