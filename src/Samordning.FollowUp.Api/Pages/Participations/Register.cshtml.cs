using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Features.AnswerLinks;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Interventions;
using Samordning.FollowUp.Features.Participations;
using Samordning.FollowUp.Features.Referrals;

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

    /// <summary>The referral this intake starts (?anvisning=): what it knows is filled in, and it closes as started.</summary>
    [BindProperty(SupportsGet = true, Name = "anvisning")]
    public long? ReferralId { get; set; }

    public ReferralResponse? Referral { get; private set; }

    /// <summary>Whether the person agrees to be contacted for the 12-month follow-up, and how (identified intake only).</summary>
    [BindProperty]
    public Samordning.FollowUp.Api.Pages.AnswerLinks.ContactModel.ContactForm FollowUpContact { get; set; } = new();

    protected override string FieldKey(string handlerField) =>
        handlerField.StartsWith("followUpContact.", StringComparison.OrdinalIgnoreCase)
            ? "FollowUpContact." + char.ToUpperInvariant(handlerField["followUpContact.".Length]) + handlerField[("followUpContact.".Length + 1)..]
            : base.FieldKey(handlerField);

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
        if (ReferralId is { } referralId)
        {
            Referral = await Sender.Send(new GetReferralQuery(referralId), Aborted);
            Input = Input with
            {
                ReferredBy = Referral.ReferredBy,
                StartDate = Referral.PlannedStartDate is { } planned && planned < Today ? planned : Today,
                Gender = Referral.PersonalIdentityNumber is null ? Referral.Gender : null,
                BirthYear = Referral.PersonalIdentityNumber is null ? Referral.BirthYear : null,
            };
        }

        ConsentVersionFromAssociation = defaults.ConsentTextVersion is not null;
        IdempotencyKey = Guid.NewGuid().ToString("N");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        Intervention = await Sender.Send(new GetInterventionQuery(id), Aborted);
        // From a referral the person and the consent are the referral's: the form does not ask for them again.
        Referral = ReferralId is { } referralId ? await Sender.Send(new GetReferralQuery(referralId), Aborted) : null;
        var command = new RegisterParticipationCommand(Input.ForMode(Intervention.RegistrationMode, identityErased: Referral is not null))
        {
            InterventionId = id,
            ReferralId = Referral?.Id,
            IdempotencyKey = IdempotencyKey,
            FollowUpContact = Intervention.RegistrationMode == RegistrationMode.Identified && FollowUpContact.Consent is { } consent
                ? new FollowUpContactInput(consent, consent ? FollowUpContact.Mobile : null, consent ? FollowUpContact.Email : null)
                : null,
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
