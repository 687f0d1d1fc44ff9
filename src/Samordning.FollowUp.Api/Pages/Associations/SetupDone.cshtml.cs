using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Providers;
using Samordning.FollowUp.Features.Users;

namespace Samordning.FollowUp.Api.Pages.Associations;

/// <summary>The end of the guided setup: what the association has, what it still lacks, and what happens next.</summary>
internal sealed class SetupDoneModel(IOptions<AuthOptions> auth) : AssociationSetupPage
{
    public IReadOnlyList<UserResponse> OfficeUsers { get; private set; } = [];

    public IReadOnlyList<ProviderResponse> Providers { get; private set; } = [];

    public int PasswordLinkHours => auth.Value.PasswordLinkHours;

    public async Task OnGetAsync()
    {
        await LoadAssociationAsync();
        OfficeUsers = (await Sender.Send(new ListUsersQuery(UserRole.AssociationAdmin, Id, 1, 200), Aborted)).Items;
        Providers = await Sender.Send(new ListProvidersQuery(Id), Aborted);
    }
}
