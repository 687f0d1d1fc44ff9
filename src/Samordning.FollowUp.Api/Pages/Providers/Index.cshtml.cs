using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Features.Providers;

namespace Samordning.FollowUp.Api.Pages.Providers;

/// <summary>The association's providers: interventions, coaches and open checklist items of the last ended tertial.</summary>
internal sealed class IndexModel : OfficePage
{
    public ProviderOverviewResponse Overview { get; private set; } = new(0, 0, []);

    public async Task OnGetAsync() => Overview = await Sender.Send(new ListProviderOverviewQuery(AssociationId), Aborted);
}
