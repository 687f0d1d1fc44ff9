using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Features.Interventions;
using Samordning.FollowUp.Features.Participations;
using Samordning.FollowUp.Features.Privacy;

namespace Samordning.FollowUp.Api.Pages.Participations;

/// <summary>Corrects the start data; the whole start situation is sent again, as the API requires.</summary>
[Authorize(Policy = UiSetup.CoachPolicy)]
public sealed class CorrectModel : UiPage
{
    public ParticipationResponse Participation { get; private set; } = null!;

    public InterventionResponse Intervention { get; private set; } = null!;

    [BindProperty]
    public StartSituation Input { get; set; } = new();

    /// <summary>Identified, but the identity has been erased (consent withdrawn): no personnummer any more.</summary>
    public bool IdentityErased => Participation.RegistrationMode == Domain.RegistrationMode.Identified && Participation.PersonalIdentityNumber is null;

    public async Task OnGetAsync(long id)
    {
        await LoadAsync(id);
        Input = StartSituation.From(Participation);
        if (!IdentityErased && Participation.RegistrationMode == Domain.RegistrationMode.Identified)
        {
            // The correction sends the number again; reading it is audited like any other read.
            Input = Input with { PersonalIdentityNumber = (await Sender.Send(new ReadIdentityQuery(id), Aborted)).PersonalIdentityNumber };
        }
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        await LoadAsync(id);
        var command = new CorrectParticipationCommand(Input.ForMode(Participation.RegistrationMode, IdentityErased)) { ParticipationId = id };
        var (ok, _) = await TrySendAsync(command);
        if (!ok)
        {
            return Page();
        }

        Confirm("Uppgifterna vid inskrivning är rättade.");
        return Redirect($"/deltaganden/{id}");
    }

    private async Task LoadAsync(long id)
    {
        Participation = await Sender.Send(new GetParticipationQuery(id), Aborted);
        Intervention = await Sender.Send(new GetInterventionQuery(Participation.InterventionId), Aborted);
    }
}
