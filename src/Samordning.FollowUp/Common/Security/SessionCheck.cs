using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Common.Security;

/// <summary>
/// Whether a signed-in principal (cookie or bearer token) still stands: its user exists, is not
/// locked and has the security stamp the principal was issued with. Asked on every authenticated
/// request, so locking a user, a new role or scope, a new password and sign-out (each a new stamp)
/// end every session of that user at once, on every instance of the service.
/// </summary>
/// <remarks>
/// No cache: a cache per instance would let another instance accept a revoked token until its
/// entry expired. The cost is one primary-key lookup of three columns (measured in the README); the third, the
/// remembered "Anvisad av", spares the intake a write when it has not changed (<see cref="CheckedEntities"/>).
/// </remarks>
internal static class SessionCheck
{
    private sealed record UserRow(string? SecurityStamp, DateTimeOffset? LockoutEnd, ReferredBy? LastReferredBy);

    private static readonly Func<FollowUpDbContext, string, CancellationToken, Task<UserRow?>> FindUser =
        EF.CompileAsyncQuery((FollowUpDbContext db, string id, CancellationToken _) =>
            db.Users.Where(u => u.Id == id).Select(u => new UserRow(u.SecurityStamp, u.LockoutEnd, u.LastReferredBy)).FirstOrDefault());

    public static async Task<bool> IsCurrentAsync(HttpContext context, ClaimsPrincipal? principal)
    {
        var services = context.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var userId = principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = principal?.FindFirstValue(claims.SecurityStampClaimType);
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(stamp))
        {
            // Every principal the service issues carries both; one without them was not issued here.
            return false;
        }

        var user = await FindUser(services.GetRequiredService<FollowUpDbContext>(), userId, context.RequestAborted);
        if (user is not null)
        {
            // The intake remembers the coach's "Anvisad av" and need not write it when it is the same.
            services.GetRequiredService<CheckedEntities>().SessionChecked(userId, user.LastReferredBy);
        }

        // Identity's own lockout (UserManager.IsLockedOutAsync) reads the system clock; this agrees with it.
        return user is not null
            && string.Equals(user.SecurityStamp, stamp, StringComparison.Ordinal)
            && !(user.LockoutEnd >= TimeProvider.System.GetUtcNow());
    }
}
