using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Samordning.FollowUp.Common;

/// <summary>
/// The one place where failures become RFC 9457 ProblemDetails: 400 with field errors, 404, 409,
/// 422, and for anything else a 500 that says nothing about the internals.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(
    IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationException e => Validation(e.Errors
                .GroupBy(f => FieldName(f.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray())),
            RuleViolationException e => Validation(e.Errors.ToDictionary(kv => FieldName(kv.Key), kv => kv.Value)),
            BadHttpRequestException e => BadRequest(e),
            UnauthenticatedException e => new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Inte inloggad", Detail = e.Message },
            ForbiddenException e => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Ingen behörighet", Detail = e.Message },
            NotFoundException e => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Hittades inte", Detail = e.Message },
            ConflictException e => Conflict(e),
            IdempotencyKeyReusedException e => new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "Nyckeln mot dubbla anrop är redan använd",
                Detail = e.Message,
            },
            _ => null,
        };

        if (problem is null)
        {
            // The request body is never logged, and EF Core logs no parameter values
            // (sensitive data logging stays off), so the personnummer cannot reach the log here.
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Ett oväntat fel inträffade",
                Detail = "Försök igen. Kontakta support och ange spårnings-id om felet kvarstår.",
            };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static HttpValidationProblemDetails Validation(IDictionary<string, string[]> errors) => new(errors)
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "Uppgifterna är inte giltiga",
        Detail = "Rätta fälten som anges och försök igen.",
    };

    private static ProblemDetails Conflict(ConflictException e)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Konflikt", Detail = e.Message };
        if (e.Field is not null)
        {
            problem.Extensions["field"] = FieldName(e.Field);
        }

        return problem;
    }

    /// <summary>Malformed JSON, a wrong type or an unknown code: name the field, never echo the value.</summary>
    private static ProblemDetails BadRequest(BadHttpRequestException e)
    {
        if (e.InnerException is JsonException json)
        {
            var field = JsonPathToField(json.Path);
            var message = json switch
            {
                // Our own converter's reason (a list, a number or an unknown name); it never holds the value.
                CodeValueJsonException code => code.Message,
                // System.Text.Json's own messages are English and unlocalised; these two are told apart by them.
                { InnerException: null } when json.Message.Contains("could not be mapped", StringComparison.Ordinal) => "Fältet är okänt.",
                { InnerException: null } when json.Message.StartsWith("Duplicate property", StringComparison.Ordinal) =>
                    "Fältet förekommer mer än en gång. Ange varje fält bara en gång.",
                _ when string.IsNullOrEmpty(field) => "Begäran är inte giltig JSON.",
                _ => "Värdet har fel format eller är inte ett tillåtet kodvärde.",
            };
            return Validation(new Dictionary<string, string[]> { [string.IsNullOrEmpty(field) ? "$" : field] = [message] });
        }

        return new ProblemDetails
        {
            Status = e.StatusCode,
            Title = "Felaktig begäran",
            Detail = e.StatusCode == StatusCodes.Status415UnsupportedMediaType
                ? "Begäran måste skickas som application/json."
                : "Begäran kunde inte läsas.",
        };
    }

    /// <summary>"$.consent.date" → "consent.date"; "$.incomeSourcesAtStart[1]" → "incomeSourcesAtStart[1]".</summary>
    internal static string JsonPathToField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? string.Empty : path.TrimStart('$').TrimStart('.');

    /// <summary>FluentValidation names members in PascalCase; the API speaks camelCase.</summary>
    internal static string FieldName(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
