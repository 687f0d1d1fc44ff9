using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Samordning.FollowUp.Api.Pages.Status;

/// <summary>
/// The Swedish page for a status code outside the API (404, 403 …). It also answers a re-executed
/// POST (a form refused with 400), so it takes no antiforgery token.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusCodeModel : PageModel
{
    public string Heading { get; private set; } = "Något gick fel";

    public string Text { get; private set; } = "Försök igen om en stund.";

    public void OnPost(int code) => OnGet(code);

    public void OnGet(int code)
    {
        (Heading, Text) = code switch
        {
            StatusCodes.Status401Unauthorized => ("Du behöver logga in", "Logga in för att fortsätta."),
            StatusCodes.Status404NotFound => ("Sidan finns inte", "Det du letar efter finns inte, eller så har du inte tillgång till det."),
            StatusCodes.Status403Forbidden => ("Ingen behörighet", "Din roll har inte behörighet till den här sidan."),
            StatusCodes.Status400BadRequest => ("Formuläret kunde inte skickas", "Sidan kan ha varit öppen för länge. Gå tillbaka, ladda om sidan och försök igen."),
            StatusCodes.Status429TooManyRequests => ("För många försök", "Vänta en minut och försök igen."),
            _ => (Heading, Text),
        };
    }
}
