using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Auth;

/// <summary>
/// Refresh tokens that rotate. Each bearer sign-in starts a family; each token pair it issues has
/// a token id; the family's current id is kept in Identity's AspNetUserTokens (login provider
/// <see cref="LoginProvider"/>, name = family id). A refresh is accepted only with the current id
/// and replaces it, atomically (the user row's concurrency stamp is checked in the same save).
/// A refresh with an older id means the token was copied: the user's security stamp is renewed,
/// which ends every session of that user (access tokens and cookies too, see SessionCheck), and the
/// revocation is audited.
/// </summary>
internal sealed class RefreshTokenFamilies(
    UserManager<UserAccount> users, FollowUpDbContext db, AuditLog audit, TimeProvider clock,
    IOptionsMonitor<BearerTokenOptions> bearerOptions)
{
    public const string LoginProvider = "FollowUp.RefreshFamily";
    public const string FamilyClaim = "followup:refresh_family";
    public const string TokenIdClaim = "followup:refresh_token_id";

    // A refresh that loses a race to an unrelated change of the user row looks again; a few times suffice.
    private const int Attempts = 3;

    /// <summary>Starts a family for a new bearer sign-in; returns the claims its first token pair carries.</summary>
    public async Task<Claim[]> StartAsync(UserAccount user, CancellationToken cancellationToken)
    {
        // Families whose last refresh token has expired would otherwise stay in the table for ever.
        await RemoveExpiredFamiliesAsync(user.Id, cancellationToken);
        var family = NewId();
        var tokenId = NewId();
        // A new row under a new name: unlike a rotation it cannot conflict, so no user-row check.
        db.UserTokens.Add(new IdentityUserToken<string> { UserId = user.Id, LoginProvider = LoginProvider, Name = family, Value = Stored(tokenId) });
        await db.SaveChangesAsync(cancellationToken);
        return Claims(family, tokenId);
    }

    /// <summary>
    /// Rotates the family of a refresh token that has already been unprotected and found unexpired.
    /// Returns the user and the claims of the next token pair, or null when the token is refused.
    /// </summary>
    public async Task<(UserAccount User, Claim[] Claims)?> RotateAsync(ClaimsPrincipal refreshPrincipal, CancellationToken cancellationToken)
    {
        var family = refreshPrincipal.FindFirstValue(FamilyClaim);
        var presented = refreshPrincipal.FindFirstValue(TokenIdClaim);
        if (string.IsNullOrEmpty(family) || string.IsNullOrEmpty(presented))
        {
            return null;
        }

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var user = await users.GetUserAsync(refreshPrincipal);
            var stamp = refreshPrincipal.FindFirstValue(users.Options.ClaimsIdentity.SecurityStampClaimType);
            if (user is null || !string.Equals(user.SecurityStamp, stamp, StringComparison.Ordinal) || await users.IsLockedOutAsync(user))
            {
                return null;
            }

            var current = CurrentTokenId(await users.GetAuthenticationTokenAsync(user, LoginProvider, family));
            if (current is null)
            {
                // Signed out, revoked or expired: nothing to protect any more.
                return null;
            }

            if (!string.Equals(current, presented, StringComparison.Ordinal))
            {
                await RevokeAsync(user, cancellationToken);
                return null;
            }

            var next = NewId();
            var result = await users.SetAuthenticationTokenAsync(user, LoginProvider, family, Stored(next));
            if (result.Succeeded)
            {
                return (user, Claims(family, next));
            }

            if (!result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            {
                ThrowIfFailed(result);
            }

            // Another request changed the user row first (perhaps a refresh with the same token):
            // read it again, and the id now stored decides.
            db.ChangeTracker.Clear();
        }

        return null;
    }

    /// <summary>Forgets every family of the user (at sign-out, when the security stamp is renewed anyway).</summary>
    public Task EndAllAsync(string userId, CancellationToken cancellationToken) =>
        db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == LoginProvider).ExecuteDeleteAsync(cancellationToken);

    private async Task RevokeAsync(UserAccount user, CancellationToken cancellationToken)
    {
        // Set-based and unconditional, so a concurrent change of the user row cannot make it fail.
        var stamp = NewId();
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(
            s => s.SetProperty(u => u.SecurityStamp, stamp).SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()),
            cancellationToken);
        await db.UserTokens.Where(t => t.UserId == user.Id && t.LoginProvider == LoginProvider).ExecuteDeleteAsync(cancellationToken);
        db.ChangeTracker.Clear();
        audit.AddFor(Caller.Of(user), AuditAction.SignOut, AuditLog.User, user.Id, user.AssociationId, user.ProviderId,
            "En förnyelsetoken användes en andra gång: alla inloggningar avslutades");
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task RemoveExpiredFamiliesAsync(string userId, CancellationToken cancellationToken)
    {
        var families = await db.UserTokens.Where(t => t.UserId == userId && t.LoginProvider == LoginProvider).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var ended = families.Where(t => ExpiresAt(t.Value) <= now).ToList();
        db.UserTokens.RemoveRange(ended);
    }

    // Stored as "<current token id> <unix time its refresh token expires>": the time lets old families be removed.
    private string Stored(string tokenId)
    {
        var expires = clock.GetUtcNow() + bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenExpiration;
        return $"{tokenId} {expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
    }

    private static string? CurrentTokenId(string? stored) => stored?.Split(' ')[0];

    private static long ExpiresAt(string? stored) =>
        stored?.Split(' ') is [_, var seconds] && long.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var at) ? at : 0;

    private static Claim[] Claims(string family, string tokenId) => [new(FamilyClaim, family), new(TokenIdClaim, tokenId)];

    private static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The refresh token family could not be stored: {string.Join(", ", result.Errors.Select(e => e.Code))}");
        }
    }
}
