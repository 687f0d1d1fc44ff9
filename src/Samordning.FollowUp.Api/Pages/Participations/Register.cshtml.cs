using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Interventions;
using Samordning.FollowUp.Features.Participations;

namespace Samordning.FollowUp.Api.Pages.Participations;

/// <summary>
/// Intake (inskrivning) for one intervention; the form follows its registration mode:
/// personnummer with consent or anonymous (gender and birth year). A count-only intervention has no
/// intake: its figures are entered per tertial on <see cref="Interventions.SetCountModel"/>.
/// </summary>
[Authorize(Policy = UiSetup.CoachPolicy)]
public sealed class RegisterModel : UiPage
{
    public InterventionResponse Intervention { get; private set; } = null!;

    [BindProperty]
    public StartSituation Input { get; set; } = new();

    /// <summary>Made when the form is shown: submitting twice (a double click, a reload) registers once.</summary>
    [BindProperty]
    public string? IdempotencyKey { get; set; }

    /// <summary>The consent text version was filled in from the association's setting (the form says so).</summary>
    public bool ConsentVersionFromAssociation { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        Intervention = await Sender.Send(new GetInterventionQuery(id), Aborted);
        if (Intervention.RegistrationMode == RegistrationMode.CountOnly)
        {
            return Redirect($"/insatser/{id}/antal");
        }

        var defaults = await Sender.Send(new GetIntakeDefaultsQuery(id), Aborted);
        Input = new StartSituation
        {
            StartDate = Today,
            Consent = new ConsentRequest(Today, defaults.ConsentTextVersion, User.FindFirst(System.Security.Claims.ClaimTypes.GivenName)?.Value),
            HomeMunicipality = defaults.HomeMunicipality,
            ReferredBy = defaults.ReferredBy,
        };
        ConsentVersionFromAssociation = defaults.ConsentTextVersion is not null;
        IdempotencyKey = Guid.NewGuid().ToString("N");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        Intervention = await Sender.Send(new GetInterventionQuery(id), Aborted);
        var command = new RegisterParticipationCommand(Input.ForMode(Intervention.RegistrationMode))
        {
            InterventionId = id,
            IdempotencyKey = IdempotencyKey,
        };
        var (ok, result) = await TrySendAsync(command);
        if (!ok)
        {
            return Page();
        }

        Confirm($"Deltagaren är inskriven som {SwedishFormat.Reference(result!.Participation.Id)}.", $"/insatser/{id}/inskrivning", "Skriv in nästa");
        return Redirect($"/deltaganden/{result.Participation.Id}");
    }
}
