using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Users;

namespace Samordning.FollowUp.Api.Pages.Users;

/// <summary>One user: name, role and scope, locked or not; a link for a new password sent to the user; linking the organisation's account.</summary>
internal sealed class EditModel : UserFormPage
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    [BindProperty]
    public UserForm Input { get; set; } = new();

    public UserResponse Account { get; private set; } = null!;

    /// <summary>Whether the user signs in with the organisation's account, and an attempt waiting to be linked.</summary>
    public ExternalLoginStatus ExternalLogin { get; private set; } = new(false, null);

    public async Task OnGetAsync()
    {
        Account = await FindAsync();
        ExternalLogin = await Sender.Send(new GetExternalLoginQuery(Account.Id), Aborted);
        Input = UserForm.Of(Account);
        await LoadProvidersAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Account = await FindAsync();
        ExternalLogin = await Sender.Send(new GetExternalLoginQuery(Account.Id), Aborted);
        if (ModelState.IsValid)
        {
            var command = new UpdateUserCommand(
                Input.DisplayName, Input.Role, AssociationFor(Input.AssociationId), Input.ProviderId, Input.IsLocked)
            {
                UserId = Account.Id,
            };
            var (ok, saved) = await TrySendUserAsync(command);
            if (ok)
            {
                var changes = new List<string> { $"rollen {saved!.RoleLabel}" };
                changes.Add(saved.IsLocked ? "kontot är låst" : "kontot är öppet");
                if (saved.AwaitsProviderConfirmation)
                {
                    changes.Add("kontot väntar på utförarens bekräftelse");
                }

                Confirm($"Ändringarna för {saved.DisplayName} är sparade: {string.Join(", ", changes)}.");
                return Redirect("/kansli/anvandare");
            }
        }

        await LoadProvidersAsync();
        return Page();
    }

    /// <summary>E-mails the user a one-time link to choose a new password; nobody else sets it.</summary>
    public async Task<IActionResult> OnPostPasswordLinkAsync()
    {
        Account = await FindAsync();
        var result = await Sender.Send(new SendPasswordLinkCommand(Account.Id), Aborted);
        Confirm(result.Sent
            ? $"En länk för att välja nytt lösenord har skickats till {Account.Email}. Det nuvarande lösenordet gäller tills användaren väljer ett nytt."
            : "Länken kunde inte skickas: kontrollera e-postinställningarna och försök igen.");
        return Redirect($"/kansli/anvandare/{Uri.EscapeDataString(Account.Id)}");
    }

    /// <summary>
    /// Links the organisation's account that tried to sign in to this user, by the administrator's
    /// decision (only when its role and scope equal the account's; no role or password changes).
    /// </summary>
    public async Task<IActionResult> OnPostLinkExternalAsync()
    {
        Account = await FindAsync();
        var (ok, _) = await TrySendAsync(new LinkExternalLoginCommand(Account.Id));
        if (ok)
        {
            Confirm($"{Account.DisplayName} kan nu logga in med organisationens konto.");
            return Redirect($"/kansli/anvandare/{Uri.EscapeDataString(Account.Id)}");
        }

        ExternalLogin = await Sender.Send(new GetExternalLoginQuery(Account.Id), Aborted);
        Input = UserForm.Of(Account);
        await LoadProvidersAsync();
        return Page();
    }

    /// <summary>The user among those the caller may manage (the list handler decides which), else 404.</summary>
    private async Task<UserResponse> FindAsync() =>
        (await Sender.Send(new ListUsersQuery(null, null) { UserId = Id }, Aborted)).Items.SingleOrDefault()
        ?? throw new NotFoundException(NotFoundMessages.User);

    public sealed class UserForm
    {
        /// <summary>The form as the account stands.</summary>
        public static UserForm Of(UserResponse account) => new()
        {
            DisplayName = account.DisplayName,
            Role = account.Role,
            AssociationId = account.AssociationId,
            ProviderId = account.ProviderId,
            IsLocked = account.IsLocked,
        };

        public string? DisplayName { get; set; }

        public UserRole? Role { get; set; }

        public long? AssociationId { get; set; }

        public long? ProviderId { get; set; }

        public bool IsLocked { get; set; }
    }
}
