using Microsoft.AspNetCore.Authorization;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Features.Interventions;

namespace Samordning.FollowUp.Api.Pages.Interventions;

/// <summary>The coach's interventions ("Insatser och deltagare"): where intake and the participant lists start.</summary>
[Authorize(Policy = UiSetup.CoachPolicy)]
public sealed class ForProviderModel : UiPage
{
    public IReadOnlyList<InterventionResponse> Interventions { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Interventions = Caller.AssociationId is { } associationId
            ? await Sender.Send(new ListInterventionsQuery(associationId, Caller.ProviderId), Aborted)
            : [];
    }
}
