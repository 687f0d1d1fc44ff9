using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Associations;

namespace Samordning.FollowUp.Api.Pages.Associations;

/// <summary>The administrator's associations: how far each is set up, and where its setup continues.</summary>
internal sealed class IndexModel : OfficePage
{
    public IReadOnlyList<AssociationOverviewRow> Associations { get; private set; } = [];

    protected override bool Admits(Caller caller) => caller.Is(UserRole.SystemAdmin);

    public async Task OnGetAsync() => Associations = await Sender.Send(new ListAssociationOverviewQuery(), Aborted);
}
