using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Auth;

/// <summary>
/// Sign-in and sign-out with e-mail and password, shared by the API (bearer or cookie) and the
/// web UI's sign-in page: the same checks, lockout and audit lines whichever way a user comes in.
/// </summary>
/// <remarks>
/// A failed attempt answers the same, and takes the same time, whether the account is unknown,
/// the password wrong or the account locked: each verifies one password hash (a dummy one where
/// Identity would not hash), so neither the answer nor its time tells that an account exists.
/// </remarks>
internal sealed class PasswordSignIn(
    SignInManager<UserAccount> signIn, IPasswordHasher<UserAccount> hasher, DummyPasswordHash dummyHash,
    RefreshTokenFamilies refreshFamilies, AccountLockedMail lockedMail,
    AuditLog audit, FollowUpDbContext db, CallerContext callers, IHttpContextAccessor http)
{
    /// <summary>The one answer to every failed attempt.</summary>
    public const string FailedMessage = "Fel e-postadress eller lösenord.";

    /// <summary>Checks the password and, when it is right, signs in with <paramref name="scheme"/>.</summary>
    /// <returns>Whether the user is signed in; when not, say <see cref="FailedMessage"/>.</returns>
    /// <exception cref="RuleViolationException">E-mail or password missing.</exception>
    public async Task<bool> SignInAsync(string? email, string? password, string scheme, CancellationToken cancellationToken)
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
        var result = SignInResult.Failed;
        var lockedNow = false;
        if (user is null)
        {
            VerifyDummy(password!);
        }
        else
        {
            var lockedBefore = await signIn.UserManager.IsLockedOutAsync(user);
            result = await signIn.CheckPasswordSignInAsync(user, password!, lockoutOnFailure: true);
            if (lockedBefore || result.IsNotAllowed)
            {
                // Identity answered before it looked at the password.
                VerifyDummy(password!);
            }

            lockedNow = !lockedBefore && result.IsLockedOut;
        }

        // What was typed is never stored for an unknown account: it might be anything, even a personnummer.
        var who = user is null ? new Caller(null, "(okänd användare)", null, null, null, false) : Caller.Of(user);
        audit.AddFor(who, result.Succeeded ? AuditAction.SignIn : AuditAction.SignInFailed, AuditLog.User, user?.Id,
            user?.AssociationId, user?.ProviderId, result.IsLockedOut ? "Kontot är låst" : null);
        await db.SaveChangesAsync(cancellationToken);

        if (lockedNow)
        {
            // Told once, by the attempt that locked the account, to its owner only.
            lockedMail.Queue(user!.Id);
        }

        if (!result.Succeeded)
        {
            return false;
        }

        signIn.AuthenticationScheme = scheme;
        if (scheme == IdentityConstants.BearerScheme)
        {
            // The refresh token of this sign-in rotates within its own family.
            await signIn.SignInWithClaimsAsync(user!, isPersistent: false, await refreshFamilies.StartAsync(user!, cancellationToken));
        }
        else
        {
            await signIn.SignInAsync(user!, isPersistent: false);
        }

        return true;
    }

    /// <summary>
    /// Ends every session of the user: the new security stamp refuses their cookies and access
    /// tokens from the next request on (SessionCheck), and their refresh tokens.
    /// </summary>
    public async Task SignOutAsync(CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        if (http.HttpContext is { } context && await signIn.UserManager.GetUserAsync(context.User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
            await refreshFamilies.EndAllAsync(user.Id, cancellationToken);
        }

        await signIn.SignOutAsync();
        audit.AddFor(caller, AuditAction.SignOut, AuditLog.User, caller.UserId, caller.AssociationId, caller.ProviderId);
        await db.SaveChangesAsync(cancellationToken);
    }

    private void VerifyDummy(string password) => hasher.VerifyHashedPassword(new UserAccount(), dummyHash.For(hasher), password);
}

/// <summary>
/// A hash of a random password, made once per process by the service's own password hasher (so
/// with its work factor), for attempts where there is no hash to verify.
/// </summary>
internal sealed class DummyPasswordHash
{
    private string? _hash;

    public string For(IPasswordHasher<UserAccount> hasher) =>
        _hash ??= hasher.HashPassword(new UserAccount(), Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
}
