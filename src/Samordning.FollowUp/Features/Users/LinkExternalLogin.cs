using System.Globalization;
using System.Text.Json;
using Mediator;
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

namespace Samordning.FollowUp.Features.Users;

/// <summary>
/// What the organisation's identity provider said about a person whose sign-in was refused for an
/// existing account: the external identity (issuer and subject, as AspNetUserLogins stores it) and
/// the one role and scope its claims map to.
/// </summary>
public sealed record ExternalLoginRequest(
    string Issuer, string Subject, string Email, UserRole Role, long? AssociationId, long? ProviderId, DateTime AtUtc);

/// <summary>Whether a user signs in with the organisation's account, and a refused attempt that waits to be linked.</summary>
public sealed record ExternalLoginStatus(bool IsLinked, PendingExternalLogin? Pending);

/// <summary>
/// A sign-in with the organisation's account that was refused because a local account with the
/// same e-mail exists: what the organisation says (role and scope) and whether it equals the account's.
/// </summary>
public sealed record PendingExternalLogin(
    DateTime AttemptedAtUtc, UserRole Role, string RoleLabel, long? AssociationId, long? ProviderId, string Description, bool MatchesAccount);

/// <summary>The administrator's or the office's view of one user's external sign-in.</summary>
[Access(UserRole.SystemAdmin, UserRole.AssociationAdmin)]
public sealed record GetExternalLoginQuery(string UserId) : IQuery<ExternalLoginStatus>;

/// <summary>
/// Links the organisation's account that tried to sign in (and was refused) to this existing local
/// account, by an administrator's decision: afterwards that external identity signs in as this user.
/// Only when the organisation's role and scope equal the account's: linking records whose identity
/// this is, it never gives the account a new role (least of all a coach's), and it sets no password.
/// </summary>
[Access(UserRole.SystemAdmin, UserRole.AssociationAdmin)]
public sealed record LinkExternalLoginCommand(string UserId) : ICommand<ExternalLoginStatus>;

internal sealed class GetExternalLoginHandler(UserManager<UserAccount> users, CallerContext callers)
    : IQueryHandler<GetExternalLoginQuery, ExternalLoginStatus>
{
    public async ValueTask<ExternalLoginStatus> Handle(GetExternalLoginQuery query, CancellationToken cancellationToken)
    {
        var user = await UserScopes.FindManagedAsync(users, callers.Current, query.UserId);
        return await ExternalLogins.StatusAsync(users, user);
    }
}

internal sealed class LinkExternalLoginHandler(
    FollowUpDbContext db, UserManager<UserAccount> users, CallerContext callers, AccountEmails emails, AuditLog audit)
    : ICommandHandler<LinkExternalLoginCommand, ExternalLoginStatus>
{
    public async ValueTask<ExternalLoginStatus> Handle(LinkExternalLoginCommand command, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var user = await UserScopes.FindManagedAsync(users, caller, command.UserId);
        var request = await ExternalLogins.PendingAsync(users, user);
        if (request is null)
        {
            // A repeated request after the link was made answers as the first did.
            return (await users.GetLoginsAsync(user)).Count > 0
                ? await ExternalLogins.StatusAsync(users, user)
                : throw new RuleViolationException("externalLogin",
                    "Det finns inget inloggningsförsök med organisationens konto att koppla. Be användaren logga in med organisationens konto först; försöket visas sedan här.");
        }

        if (!ExternalLogins.Matches(request, user))
        {
            throw new RuleViolationException("externalLogin",
                $"Organisationens konto anger {ExternalLogins.Describe(request)}, men kontot har rollen {SwedishFormat.Label(user.Role)}. En koppling ger ingen ny roll: ändra först kontots roll, eller be den som sköter organisationens konton att rätta uppgifterna.");
        }

        if (await users.FindByLoginAsync(request.Issuer, request.Subject) is { } other && other.Id != user.Id)
        {
            throw new ConflictException("Organisationens konto är redan kopplat till en annan användare.", "externalLogin");
        }

        await using (var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken))
        {
            IdentityResults.ThrowIfFailed(await users.AddLoginAsync(user, new UserLoginInfo(request.Issuer, request.Subject, ExternalLogins.LoginDisplayName)));
            IdentityResults.ThrowIfFailed(await users.RemoveAuthenticationTokenAsync(user, ExternalLogins.PendingLinkProvider, ExternalLogins.PendingLinkName));
            user.IsExternal = true;
            IdentityResults.ThrowIfFailed(await users.UpdateAsync(user));
            audit.Add(AuditAction.ExternalLoginLinked, AuditLog.User, user.Id, user.AssociationId, user.ProviderId,
                $"Kopplat till organisationens konto ({ExternalLogins.Describe(request)})");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await emails.SendChangeNoticeAsync(user, "kontot är kopplat till ditt konto hos organisationen, som du nu kan logga in med", caller.Name, cancellationToken);
        return await ExternalLogins.StatusAsync(users, user);
    }
}

/// <summary>Reading a user's external logins and a pending link request (AspNetUserLogins, AspNetUserTokens).</summary>
internal static class ExternalLogins
{
    /// <summary>Login provider of a refused attempt waiting to be linked, in AspNetUserTokens.</summary>
    public const string PendingLinkProvider = "FollowUp.ExternalLoginRequest";

    public const string PendingLinkName = "pending";

    /// <summary>Display name of the login in AspNetUserLogins.</summary>
    public const string LoginDisplayName = "Organisationens konto";

    /// <summary>"Deltagaransvarig vid utförare 12": the role and scope in words, for audit lines and the administrator.</summary>
    public static string Describe(ExternalLoginRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var role = SwedishFormat.Label(request.Role);
        return request switch
        {
            { ProviderId: { } provider } => string.Create(CultureInfo.InvariantCulture, $"{role} vid utförare {provider}"),
            { AssociationId: { } association } => string.Create(CultureInfo.InvariantCulture, $"{role} i förbund {association}"),
            _ => role,
        };
    }

    public static async Task<ExternalLoginRequest?> PendingAsync(UserManager<UserAccount> users, UserAccount user)
    {
        var json = await users.GetAuthenticationTokenAsync(user, ExternalLogins.PendingLinkProvider, ExternalLogins.PendingLinkName);
        return string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<ExternalLoginRequest>(json);
    }

    public static bool Matches(ExternalLoginRequest request, UserAccount user) =>
        request.Role == user.Role && request.AssociationId == user.AssociationId && request.ProviderId == user.ProviderId;

    public static async Task<ExternalLoginStatus> StatusAsync(UserManager<UserAccount> users, UserAccount user)
    {
        var linked = (await users.GetLoginsAsync(user)).Count > 0;
        var request = await PendingAsync(users, user);
        return new ExternalLoginStatus(linked, request is null
            ? null
            : new PendingExternalLogin(request.AtUtc, request.Role, SwedishFormat.Label(request.Role), request.AssociationId, request.ProviderId,
                ExternalLogins.Describe(request), Matches(request, user)));
    }
}

public static class LinkExternalLoginEndpoint
{
    public static RouteGroupBuilder MapExternalLogin(this RouteGroupBuilder group)
    {
        group.MapGet("/users/{id}/external-login", async Task<Ok<ExternalLoginStatus>> (string id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetExternalLoginQuery(id), ct)))
            .WithName("GetExternalLogin")
            .WithSummary("Whether the user signs in with the organisation's account (OpenID Connect), and a refused attempt waiting to be linked.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/users/{id}/external-login", async Task<Ok<ExternalLoginStatus>> (string id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new LinkExternalLoginCommand(id), ct)))
            .WithName("LinkExternalLogin")
            .WithSummary("Link the organisation's account that tried to sign in to this existing user. Only when its role and scope equal the user's; sets no password and gives no role.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
