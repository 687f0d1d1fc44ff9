using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Interventions;
using Samordning.FollowUp.Features.Participations;
using Samordning.FollowUp.Features.Referrals;

namespace Samordning.FollowUp.Api.Pages.Referrals;

/// <summary>A referral received: the person as the intervention registers (personnummer with consent, or gender and birth year).</summary>
[Authorize(Policy = UiSetup.CoachPolicy)]
public sealed class RegisterModel : UiPage
{
    public InterventionResponse Intervention { get; private set; } = null!;

    [BindProperty]
    public RegisterReferralCommand Input { get; set; } = new();

    /// <summary>Made when the form is shown: submitting twice registers once.</summary>
    [BindProperty]
    public string? IdempotencyKey { get; set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        Intervention = await Sender.Send(new GetInterventionQuery(id), Aborted);
        if (Intervention.RegistrationMode == RegistrationMode.CountOnly)
        {
            return Redirect($"/insatser/{id}/antal");
        }

        var defaults = await Sender.Send(new GetIntakeDefaultsQuery(id), Aborted);
        Input = new RegisterReferralCommand
        {
            ReceivedOn = Today,
            Consent = new ConsentRequest(Today, defaults.ConsentTextVersion, User.FindFirst(System.Security.Claims.ClaimTypes.GivenName)?.Value),
        };
        IdempotencyKey = Guid.NewGuid().ToString("N");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        Intervention = await Sender.Send(new GetInterventionQuery(id), Aborted);
        var identified = Intervention.RegistrationMode == RegistrationMode.Identified;
        var command = Input with
        {
            InterventionId = id,
            IdempotencyKey = IdempotencyKey,
            PersonalIdentityNumber = identified ? Input.PersonalIdentityNumber?.Trim() ?? string.Empty : null,
            Consent = identified ? new ConsentRequest(Input.Consent?.Date, Input.Consent?.TextVersion?.Trim(), Input.Consent?.CollectedBy?.Trim()) : null,
            Gender = identified ? null : Input.Gender,
            BirthYear = identified ? null : Input.BirthYear,
        };
        var (ok, result) = await TrySendAsync(command);
        if (!ok)
        {
            return Page();
        }

        Confirm($"Anvisningen är registrerad som {ReferralText.Reference(result!.Referral.Id)}.", $"/insatser/{id}/anvisningar/ny", "Registrera nästa");
        return Redirect($"/insatser/{id}/anvisningar");
    }
}
