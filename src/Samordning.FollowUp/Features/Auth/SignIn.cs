using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Users;

namespace Samordning.FollowUp.Features.Auth;

public sealed record SignInRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

/// <summary>
/// Sign-in with e-mail and password: a bearer token for API clients (the default), or the web
/// UI's cookie with <c>?useCookies=true</c>. Every attempt is audited; failures say nothing about
/// whether the account exists.
/// </summary>
public static class SignInEndpoints
{
    private const string WrongCredentials = "Fel e-postadress eller lösenord.";

    public static RouteGroupBuilder MapSignIn(this RouteGroupBuilder group)
    {
        group.MapPost("/auth/login", SignInAsync)
            .AllowAnonymous()
            .RequireRateLimiting(AuthenticationSetup.SignInRateLimit)
            .WithName("SignIn")
            .WithSummary("Sign in; returns a bearer token (or sets the cookie with useCookies=true).")
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/auth/refresh", RefreshAsync)
            .AllowAnonymous()
            .RequireRateLimiting(AuthenticationSetup.SignInRateLimit)
            .WithName("RefreshToken")
            .WithSummary("Exchange a refresh token for a new bearer token.")
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPost("/auth/logout", SignOutAsync)
            .WithName("SignOut")
            .WithSummary("Sign out: ends the cookie and invalidates the refresh tokens of this user.");

        group.MapGet("/auth/me", CurrentUserAsync)
            .WithName("GetCurrentUser")
            .WithSummary("The signed-in user, with role and scope.");
        return group;
    }

    private static async Task<IResult> SignInAsync(
        SignInRequest request, bool? useCookies, SignInManager<UserAccount> signIn, AuditLog audit, FollowUpDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            errors["email"] = ["Ange e-postadress."];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["Ange lösenord."];
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }

        var user = await signIn.UserManager.FindByEmailAsync(request.Email!.Trim());
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.CheckPasswordSignInAsync(user, request.Password!, lockoutOnFailure: true);

        // What was typed is never stored for an unknown account: it might be anything, even a personnummer.
        var who = user is null ? new Caller(null, "(okänd användare)", null, null, null, false) : AsCaller(user);
        audit.AddFor(who, result.Succeeded ? AuditAction.SignIn : AuditAction.SignInFailed, AuditLog.User, user?.Id,
            user?.AssociationId, user?.ProviderId, result.IsLockedOut ? "Kontot är låst" : null);
        await db.SaveChangesAsync(cancellationToken);

        if (!result.Succeeded)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Inloggningen misslyckades",
                detail: result.IsLockedOut
                    ? "Kontot är tillfälligt låst efter för många misslyckade försök. Försök igen senare."
                    : WrongCredentials);
        }

        signIn.AuthenticationScheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        await signIn.SignInAsync(user!, isPersistent: false);

        // The bearer handler has written the token response; the cookie handler the header.
        return TypedResults.Empty;
    }

    private static async Task<IResult> RefreshAsync(
        RefreshRequest request, SignInManager<UserAccount> signIn, IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider clock)
    {
        var ticket = string.IsNullOrEmpty(request.RefreshToken)
            ? null
            : bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires
            || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Inloggningen har gått ut",
                detail: "Logga in igen.");
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<NoContent> SignOutAsync(
        HttpContext http, SignInManager<UserAccount> signIn, AuditLog audit, CallerContext callers, FollowUpDbContext db,
        CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var user = await signIn.UserManager.GetUserAsync(http.User);
        if (user is not null)
        {
            // A new security stamp makes every refresh token and cookie of this user invalid.
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        audit.AddFor(caller, AuditAction.SignOut, AuditLog.User, caller.UserId, caller.AssociationId, caller.ProviderId);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<UserResponse>> CurrentUserAsync(
        HttpContext http, UserManager<UserAccount> users, TimeProvider clock)
    {
        var user = await users.GetUserAsync(http.User) ?? throw new UnauthenticatedException();
        return TypedResults.Ok(UserResponse.From(user, clock));
    }

    internal static Caller AsCaller(UserAccount user) =>
        new(user.Id, user.Email ?? user.UserName ?? "okänd", user.Role, user.AssociationId, user.ProviderId, IsSystem: false);
}
