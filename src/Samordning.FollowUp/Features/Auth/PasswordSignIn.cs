using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Auth;

internal enum PasswordSignInOutcome
{
    SignedIn,
    WrongCredentials,
    LockedOut,
}

/// <summary>
/// Sign-in and sign-out with e-mail and password, shared by the API (bearer or cookie) and the
/// web UI's sign-in page: the same checks, lockout and audit lines whichever way a user comes in.
/// </summary>
internal sealed class PasswordSignIn(
    SignInManager<UserAccount> signIn, AuditLog audit, FollowUpDbContext db, CallerContext callers, IHttpContextAccessor http)
{
    public static string Message(PasswordSignInOutcome outcome) => outcome switch
    {
        PasswordSignInOutcome.LockedOut => "Kontot är tillfälligt låst efter för många misslyckade försök. Försök igen senare.",
        PasswordSignInOutcome.WrongCredentials => "Fel e-postadress eller lösenord.",
        _ => string.Empty,
    };

    /// <summary>Checks the password and, when it is right, signs in with <paramref name="scheme"/>.</summary>
    /// <exception cref="RuleViolationException">E-mail or password missing.</exception>
    public async Task<PasswordSignInOutcome> SignInAsync(string? email, string? password, string scheme, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(email))
        {
            errors["email"] = ["Ange e-postadress."];
        }

        if (string.IsNullOrEmpty(password))
        {
            errors["password"] = ["Ange lösenord."];
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }

        var user = await signIn.UserManager.FindByEmailAsync(email!.Trim());
        var result = user is null
            ? SignInResult.Failed
            : await signIn.CheckPasswordSignInAsync(user, password!, lockoutOnFailure: true);

        // What was typed is never stored for an unknown account: it might be anything, even a personnummer.
        var who = user is null ? new Caller(null, "(okänd användare)", null, null, null, false) : SignInEndpoints.AsCaller(user);
        audit.AddFor(who, result.Succeeded ? AuditAction.SignIn : AuditAction.SignInFailed, AuditLog.User, user?.Id,
            user?.AssociationId, user?.ProviderId, result.IsLockedOut ? "Kontot är låst" : null);
        await db.SaveChangesAsync(cancellationToken);

        if (!result.Succeeded)
        {
            return result.IsLockedOut ? PasswordSignInOutcome.LockedOut : PasswordSignInOutcome.WrongCredentials;
        }

        signIn.AuthenticationScheme = scheme;
        await signIn.SignInAsync(user!, isPersistent: false);
        return PasswordSignInOutcome.SignedIn;
    }

    /// <summary>Ends the cookie and, through a new security stamp, every refresh token of the user.</summary>
    public async Task SignOutAsync(CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        if (http.HttpContext is { } context && await signIn.UserManager.GetUserAsync(context.User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        audit.AddFor(caller, AuditAction.SignOut, AuditLog.User, caller.UserId, caller.AssociationId, caller.ProviderId);
        await db.SaveChangesAsync(cancellationToken);
    }
}
