namespace Samordning.FollowUp.Common;

// Failures a handler reports; ProblemDetailsExceptionHandler turns each into RFC 9457 ProblemDetails.
// Messages are Swedish because the UI shows them, and never contain a personnummer.

/// <summary>400: a rule that needs the database (mode of the intervention, its dates …) was broken.</summary>
public sealed class RuleViolationException(IReadOnlyDictionary<string, string[]> errors) : Exception("Request broke a business rule.")
{
    public RuleViolationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>404 for an id that does not exist (or that the caller may not know about).</summary>
public sealed class NotFoundException(string detail) : Exception(detail);

/// <summary>409: the request conflicts with the current state (a second exit, the same person active twice …).</summary>
public sealed class ConflictException(string detail, string? field = null) : Exception(detail)
{
    public string? Field { get; } = field;
}

/// <summary>422: an Idempotency-Key reused for a different request.</summary>
public sealed class IdempotencyKeyReusedException() : Exception("Samma nyckel mot dubbla anrop har redan använts för en annan begäran.");

/// <summary>401: nobody is signed in.</summary>
public sealed class UnauthenticatedException() : Exception("Du behöver logga in.");

/// <summary>403: the caller's role may not do this.</summary>
public sealed class ForbiddenException(string? detail = null) : Exception(detail ?? "Din roll har inte behörighet till detta.");

/// <summary>The one wording per kind of entity, used both for ids that do not exist and for ids outside the caller's scope.</summary>
public static class NotFoundMessages
{
    public const string Association = "Förbundet finns inte.";
    public const string Provider = "Utföraren finns inte.";
    public const string Intervention = "Insatsen finns inte.";
    public const string Participation = "Deltagandet finns inte.";
    public const string FollowUp = "Uppföljningen finns inte.";
    public const string Referral = "Anvisningen finns inte.";
    public const string User = "Användaren finns inte.";
    public const string Member = "Medlemmen finns inte.";
}
