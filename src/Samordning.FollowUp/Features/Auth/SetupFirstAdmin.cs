using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Users;

namespace Samordning.FollowUp.Features.Auth;

public sealed record SetupFirstAdminRequest(string? SetupToken, string? Email, string? DisplayName, string? Password);

/// <summary>Creates the first system administrator with the one-time token printed at start-up.</summary>
public static class SetupFirstAdminEndpoint
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static RouteGroupBuilder MapSetupFirstAdmin(this RouteGroupBuilder group)
    {
        group.MapPost("/setup/first-admin", CreateAsync)
            .AllowAnonymous()
            .RequireRateLimiting(AuthenticationSetup.SignInRateLimit)
            .WithName("SetupFirstAdmin")
            .WithSummary("Create the first system administrator with the one-time setup token printed at start-up.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return group;
    }

    private static async Task<Created<UserResponse>> CreateAsync(
        SetupFirstAdminRequest request, FirstAdminSetup setup, UserManager<UserAccount> users, FollowUpDbContext db,
        AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (setup.PeekToken() is null || await db.Users.AnyAsync(u => u.Role == UserRole.SystemAdmin, cancellationToken))
            {
                throw new ForbiddenException("Det finns redan en systemadministratör; nya användare skapas av den.");
            }

            if (!setup.Matches(request.SetupToken))
            {
                throw new ForbiddenException("Engångskoden stämmer inte. Den skrivs ut i serverns logg vid start.");
            }

            var user = new UserAccount
            {
                UserName = request.Email?.Trim(),
                Email = request.Email?.Trim(),
                DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? "Systemadministratör" : request.DisplayName.Trim(),
                Role = UserRole.SystemAdmin,
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            await IdentityResults.CreateAsync(users, user, request.Password);
            setup.TryConsume(request.SetupToken);
            audit.AddFor(Caller.Of(user), AuditAction.Create, AuditLog.User, user.Id, null, null, "Första systemadministratören");
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Created($"/api/v1/users/{user.Id}", UserResponse.From(user, clock));
        }
        finally
        {
            Gate.Release();
        }
    }
}
