using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
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
            .WithSummary("Exchange a refresh token for a new bearer token and refresh token; a refresh token is good once.")
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPost("/auth/logout", SignOutAsync)
            .WithName("SignOut")
            .WithSummary("Sign out: ends every cookie, bearer token and refresh token of this user.");

        group.MapGet("/auth/me", CurrentUserAsync)
            .WithName("GetCurrentUser")
            .WithSummary("The signed-in user, with role and scope.");
        return group;
    }

    private static async Task<IResult> SignInAsync(
        SignInRequest request, bool? useCookies, PasswordSignIn passwordSignIn, CancellationToken cancellationToken)
    {
        var scheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        if (!await passwordSignIn.SignInAsync(request.Email, request.Password, scheme, cancellationToken))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Inloggningen misslyckades",
                detail: PasswordSignIn.FailedMessage);
        }

        // The bearer handler has written the token response; the cookie handler the header.
        return TypedResults.Empty;
    }

    /// <summary>
    /// A refresh token is good once: it is exchanged for a new pair in the same family, and a
    /// second use of it ends every session of the user (<see cref="RefreshTokenFamilies"/>).
    /// </summary>
    private static async Task<IResult> RefreshAsync(
        RefreshRequest request, SignInManager<UserAccount> signIn, RefreshTokenFamilies families,
        IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var ticket = string.IsNullOrEmpty(request.RefreshToken)
            ? null
            : bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires
            || clock.GetUtcNow() >= expires
            || await families.RotateAsync(ticket.Principal, cancellationToken) is not { } rotated)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Inloggningen har gått ut",
                detail: "Logga in igen.");
        }

        var principal = await signIn.CreateUserPrincipalAsync(rotated.User);
        principal.Identities.First().AddClaims(rotated.Claims);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<NoContent> SignOutAsync(PasswordSignIn passwordSignIn, CancellationToken cancellationToken)
    {
        await passwordSignIn.SignOutAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<UserResponse>> CurrentUserAsync(
        HttpContext http, UserManager<UserAccount> users, TimeProvider clock)
    {
        var user = await users.GetUserAsync(http.User) ?? throw new UnauthenticatedException();
        return TypedResults.Ok(UserResponse.From(user, clock));
    }

}
