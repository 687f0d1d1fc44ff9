using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Participations;

namespace Samordning.FollowUp.Api.Pages.Coach;

/// <summary>
/// The intake form's check as you type: the service's own personnummer rule answers (no copy of
/// it in the browser). POST only, so the number never appears in a URL; the answer never repeats it.
/// </summary>
public sealed class PersonnummerKontrollModel(TimeProvider clock) : UiPage
{
    public IActionResult OnGet() => NotFound();

    public JsonResult OnPost([FromForm] string? value)
    {
        if (PersonalIdentityNumber.TryParse(value, clock.Today(), out var number))
        {
            var kind = number.IsCoordinationNumber ? "samordningsnummer" : "personnummer";
            return new JsonResult(new CheckResult(true,
                $"Giltigt {kind}: född {number.BirthYear}, {Sv.Label(number.Gender).ToLowerInvariant()}."));
        }

        return new JsonResult(new CheckResult(false, StartSituationValidator.InvalidPersonalIdentityNumber));
    }

    public sealed record CheckResult(bool Valid, string Message);
}
