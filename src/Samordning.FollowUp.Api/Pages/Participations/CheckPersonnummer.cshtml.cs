using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Participations;

namespace Samordning.FollowUp.Api.Pages.Participations;

/// <summary>
/// The intake form's check as you type: the service's own personnummer rule answers (no copy of
/// it in the browser). POST only, so the number never appears in a URL; the answer never repeats it.
/// </summary>
[Authorize(Policy = UiSetup.CoachPolicy)]
public sealed class CheckPersonnummerModel : UiPage
{
    /// <summary>
    /// A bound property, not a handler argument: at Trace level Razor Pages logs every handler
    /// argument ("Executing handler method … with arguments (19540122-2178)"), never a property.
    /// </summary>
    [BindProperty(Name = "value")]
    public string? Value { get; set; }

    public IActionResult OnGet() => NotFound();

    public JsonResult OnPost()
    {
        if (PersonalIdentityNumber.TryParse(Value, Today, out var number))
        {
            var kind = number.IsCoordinationNumber ? "samordningsnummer" : "personnummer";
            return new JsonResult(new CheckResult(true,
                $"Giltigt {kind}: född {number.BirthYear}, {SwedishFormat.Label(number.Gender).ToLowerInvariant()}."));
        }

        return new JsonResult(new CheckResult(false, StartSituationValidator.InvalidPersonalIdentityNumber));
    }

    public sealed record CheckResult(bool Valid, string Message);
}
