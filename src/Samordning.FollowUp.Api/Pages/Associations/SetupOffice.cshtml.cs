using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Users;

namespace Samordning.FollowUp.Api.Pages.Associations;

/// <summary>
/// Step 2: the association's first office user (<see cref="CreateUserCommand"/>, role AssociationAdmin):
/// created without a password, the user chooses one through the e-mailed link, as every new user.
/// A second post of the same address (a double click) creates nothing and goes on to the next step.
/// </summary>
internal sealed class SetupOfficeModel : AssociationSetupPage
{
    [BindProperty]
    public OfficeUserForm Input { get; set; } = new();

    public IReadOnlyList<UserResponse> OfficeUsers { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var (ok, created) = await TrySendAsync(new CreateUserCommand(Input.Email, Input.DisplayName, UserRole.AssociationAdmin, Id, null));
        if (ok)
        {
            Confirm($"{created!.DisplayName} ({created.Email}) är kansliets användare i {Association.Name}. "
                + (created.PasswordLinkSent == true
                    ? "En länk för att välja lösenord har skickats till användarens e-postadress."
                    : "Länken för att välja lösenord kunde inte skickas: kontrollera e-postinställningarna och skicka en ny länk från användarens sida."));
            return Redirect($"/kansli/forbund/{Id}/utforare");
        }

        var typed = Input.Email?.Trim();
        if (OfficeUsers.FirstOrDefault(u => string.Equals(u.Email, typed, StringComparison.OrdinalIgnoreCase)) is { } existing)
        {
            // The same form posted again: the account exists, so this step is done.
            Confirm($"{existing.DisplayName} ({existing.Email}) är redan kansliets användare i {Association.Name}. Inget nytt konto skapades.");
            return Redirect($"/kansli/forbund/{Id}/utforare");
        }

        return Page();
    }

    private async Task LoadAsync()
    {
        await LoadAssociationAsync();
        OfficeUsers = (await Sender.Send(new ListUsersQuery(UserRole.AssociationAdmin, Id, 1, 200), Aborted)).Items;
    }

    /// <summary>In the form's order (the error summary follows it).</summary>
    public sealed class OfficeUserForm
    {
        public string? DisplayName { get; set; }

        public string? Email { get; set; }
    }
}
