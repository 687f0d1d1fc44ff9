using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Users;

namespace Samordning.FollowUp.Api.Pages.Users;

/// <summary>
/// The provider's coach accounts: every account that may see its participants, and the new
/// ones that wait for a coach here to confirm them (the office creates accounts; the provider
/// lets them in).
/// </summary>
[Authorize(Policy = UiSetup.CoachPolicy)]
public sealed class ProviderAccountsModel : UiPage
{
    public IReadOnlyList<UserResponse> Accounts { get; private set; } = [];

    public async Task OnGetAsync() =>
        Accounts = (await Sender.Send(new ListUsersQuery(UserRole.Coach, null, 1, 200), Aborted)).Items;

    public async Task<IActionResult> OnPostConfirmAsync(string id)
    {
        var confirmed = await Sender.Send(new ConfirmCoachCommand(id), Aborted);
        Confirm($"{confirmed.DisplayName} ({confirmed.Email}) är bekräftad och kan se utförarens deltagare efter nästa inloggning.");
        return Redirect("/konton");
    }
}
