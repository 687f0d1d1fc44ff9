using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Features.Interventions;

namespace Samordning.FollowUp.Api.Pages.Coach;

public sealed class InsatserModel : UiPage
{
    public IReadOnlyList<InterventionResponse> Interventions { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Interventions = Caller.AssociationId is { } associationId
            ? await Sender.Send(new ListInterventionsQuery(associationId, Caller.ProviderId), Aborted)
            : [];
    }
}
