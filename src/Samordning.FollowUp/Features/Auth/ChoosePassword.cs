using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Auth;

/// <summary>The one-time link's user and code, and the password its holder chooses. ToString never shows the code or the password.</summary>
public sealed record ChoosePasswordRequest(string? UserId, string? Code, string? Password)
{
    public override string ToString() => $"ChoosePasswordRequest {{ UserId = {UserId} }}";
}

/// <summary>
/// The holder of a one-time link (activation of a new account, or a reset the office asked for)
/// chooses the password. The code is Identity's reset token: it is bound to the account's
/// security stamp, so it works once, and it expires. Every session of the account ends.
/// </summary>
public static class ChoosePasswordEndpoint
{
    public const string InvalidLink = "Länken är ogiltig, redan använd eller för gammal. Be förbundets kansli om en ny.";

    public static RouteGroupBuilder MapChoosePassword(this RouteGroupBuilder group)
    {
        group.MapPost("/auth/password", async Task<NoContent> (ChoosePasswordRequest request, PasswordChoice choice, CancellationToken ct) =>
            {
                await choice.ChooseAsync(request.UserId, request.Code, request.Password, ct);
                return TypedResults.NoContent();
            })
            .AllowAnonymous()
            .RequireRateLimiting(AuthenticationSetup.SignInRateLimit)
            .WithName("ChoosePassword")
            .WithSummary("Choose a password with the one-time link from an activation or reset e-mail.")
            .ProducesValidationProblem();
        return group;
    }
}

/// <summary>Shared by the API and the web UI's page for the link.</summary>
internal sealed class PasswordChoice(UserManager<UserAccount> users, AuditLog audit, FollowUpDbContext db)
{
    /// <exception cref="RuleViolationException">A missing or invalid link (field <c>code</c>) or a weak password (field <c>password</c>).</exception>
    public async Task ChooseAsync(string? userId, string? code, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(password))
        {
            throw new RuleViolationException("password", "Ange ett lösenord.");
        }

        var user = string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(code) ? null : await users.FindByIdAsync(userId);
        if (user is null || user.IsExternal)
        {
            throw new RuleViolationException("code", ChoosePasswordEndpoint.InvalidLink);
        }

        // A lockout from failed attempts starts afresh (an account the office locked stays locked);
        // the reset below saves these together with the new password, or nothing when it fails.
        user.AccessFailedCount = 0;
        if (user.LockoutEnd is { } end && end != DateTimeOffset.MaxValue)
        {
            user.LockoutEnd = null;
        }

        var result = await users.ResetPasswordAsync(user, code!, password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                throw new RuleViolationException("code", ChoosePasswordEndpoint.InvalidLink);
            }

            throw new RuleViolationException(new Dictionary<string, string[]>
            {
                ["password"] = [.. result.Errors.Select(e => e.Description).Distinct()],
            });
        }

        audit.AddFor(Caller.Of(user), AuditAction.PasswordSet, AuditLog.User, user.Id, user.AssociationId, user.ProviderId);
        await db.SaveChangesAsync(cancellationToken);
    }
}
