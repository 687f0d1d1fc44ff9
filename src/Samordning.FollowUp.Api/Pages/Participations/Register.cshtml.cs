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
/// personnummer with consent, anonymous (gender and birth year), or the year's count of women and men.
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

    [BindProperty]
    public CountForm Count { get; set; } = new();

    /// <summary>The consent text version was filled in from the association's setting (the form says so).</summary>
    public bool ConsentVersionFromAssociation { get; private set; }

    protected override string FormPrefix => Intervention?.RegistrationMode == RegistrationMode.CountOnly ? nameof(Count) : nameof(Input);

    public async Task OnGetAsync(long id)
    {
        Intervention = await Sender.Send(new GetInterventionQuery(id), Aborted);
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
        var year = Today.Year;
        var existing = Intervention.Counts.FirstOrDefault(c => c.Year == year);
        Count = new CountForm { Year = year, Women = existing?.Women, Men = existing?.Men };
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

    public async Task<IActionResult> OnPostCountAsync(long id)
    {
        Intervention = await Sender.Send(new GetInterventionQuery(id), Aborted);
        var (ok, _) = await TrySendAsync(new SetInterventionCountCommand(Count.Women, Count.Men) { InterventionId = id, Year = Count.Year ?? 0 });
        if (!ok)
        {
            return Page();
        }

        Confirm($"Antalet deltagare {Count.Year} är sparat: {Count.Women} kvinnor och {Count.Men} män.");
        return Redirect($"/insatser/{id}/inskrivning");
    }

    public sealed class CountForm
    {
        public int? Year { get; set; }

        public int? Women { get; set; }

        public int? Men { get; set; }
    }
}
