using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Features.Privacy;

namespace Samordning.FollowUp.Api.Pages.Privacy;

/// <summary>
/// Erasure on request (GDPR art. 17) in the browser: the coach types the personnummer the person
/// gives (in the POST body, never in the address, never written back into the page) and ticks the
/// confirmation; <see cref="EraseDataSubjectCommand"/> erases the identity at the coach's provider
/// and keeps the participations as an anonymous individual's. Irreversible, so reached from the
/// participation page's "Åtgärder som inte kan ångras" and the coach's search, never a main action.
/// </summary>
[Authorize(Policy = UiSetup.CoachPolicy)]
public sealed class EraseModel : UiPage
{
    [BindProperty]
    public ErasureForm Erasure { get; set; } = new();

    protected override string FormPrefix => nameof(Erasure);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Erasure.Confirmed)
        {
            AddError("confirmed", "Bekräfta att personens uppgifter ska raderas. Det går inte att ångra.");
        }

        var typed = Erasure.PersonalIdentityNumber;
        Erasure.PersonalIdentityNumber = null; // the number is not written back into the page
        ModelState.Remove($"{nameof(Erasure)}.{nameof(ErasureForm.PersonalIdentityNumber)}");
        try
        {
            var (ok, result) = await TrySendAsync(new EraseDataSubjectCommand(typed));
            if (!ok)
            {
                return Page();
            }

            Confirm($"Personuppgifterna är raderade. {result!.ParticipationsKeptAnonymous} "
                + (result.ParticipationsKeptAnonymous == 1 ? "deltagande finns" : "deltaganden finns")
                + " kvar utan personuppgifter, så statistiken ändras inte.");
            return Redirect("/radera-personuppgifter");
        }
        catch (NotFoundException e)
        {
            AddError("personalIdentityNumber", e.Message);
            return Page();
        }
    }

    public sealed class ErasureForm
    {
        public string? PersonalIdentityNumber { get; set; }

        public bool Confirmed { get; set; }
    }
}
