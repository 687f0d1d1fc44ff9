using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Samordning.FollowUp.Common;

/// <summary>
/// Every ProblemDetails the service writes has a Swedish title, including those ASP.NET Core fills
/// in itself (an unknown route, a wrong method, the status-code pages, a bare 401/403): the
/// framework's English default for the status ("Not Found", "One or more validation errors
/// occurred.") is replaced, a title the service set itself is kept. The <c>type</c> stays the RFC link.
/// </summary>
public static class SwedishProblemTitles
{
    private static readonly Dictionary<int, string> Titles = new()
    {
        [StatusCodes.Status400BadRequest] = "Felaktig begäran",
        [StatusCodes.Status401Unauthorized] = "Inte inloggad",
        [StatusCodes.Status403Forbidden] = "Ingen behörighet",
        [StatusCodes.Status404NotFound] = "Hittades inte",
        [StatusCodes.Status405MethodNotAllowed] = "Metoden är inte tillåten",
        [StatusCodes.Status406NotAcceptable] = "Svarsformatet kan inte levereras",
        [StatusCodes.Status408RequestTimeout] = "Begäran tog för lång tid",
        [StatusCodes.Status409Conflict] = "Konflikt",
        [StatusCodes.Status411LengthRequired] = "Längd saknas",
        [StatusCodes.Status413PayloadTooLarge] = "Begäran är för stor",
        [StatusCodes.Status414UriTooLong] = "Adressen är för lång",
        [StatusCodes.Status415UnsupportedMediaType] = "Innehållstypen stöds inte",
        [StatusCodes.Status422UnprocessableEntity] = "Begäran kan inte utföras",
        [StatusCodes.Status429TooManyRequests] = "För många försök",
        [StatusCodes.Status500InternalServerError] = "Ett oväntat fel inträffade",
        [StatusCodes.Status502BadGateway] = "Fel i en underliggande tjänst",
        [StatusCodes.Status503ServiceUnavailable] = "Tjänsten är inte tillgänglig just nu",
        [StatusCodes.Status504GatewayTimeout] = "En underliggande tjänst svarade inte i tid",
    };

    // ASP.NET Core's own defaults besides the HTTP reason phrases (ProblemDetailsDefaults, ValidationProblemDetails).
    private static readonly HashSet<string> FrameworkTitles = new(StringComparer.Ordinal)
    {
        "One or more validation errors occurred.",
        "An error occurred while processing your request.",
    };

    /// <summary>The Swedish title of a status code (a generic one for codes the service does not name).</summary>
    public static string For(int status) =>
        Titles.TryGetValue(status, out var title) ? title : status >= 500 ? Titles[StatusCodes.Status500InternalServerError] : "Begäran kunde inte utföras";

    /// <summary>Replaces a missing or framework-default (English) title; keeps one the service chose.</summary>
    public static void Apply(Microsoft.AspNetCore.Mvc.ProblemDetails problem, int status)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var code = problem.Status ?? status;
        if (string.IsNullOrEmpty(problem.Title) || FrameworkTitles.Contains(problem.Title)
            || string.Equals(problem.Title, ReasonPhrases.GetReasonPhrase(code), StringComparison.Ordinal))
        {
            problem.Title = For(code);
        }
    }
}
