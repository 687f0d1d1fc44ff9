using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Users;

/// <summary>
/// Instead of setting a password: e-mails the user a one-time link to choose one (a new
/// activation link for an account that has none yet). The link goes only to the user's own
/// address; the caller never sees it.
/// </summary>
[Access(UserRole.SystemAdmin, UserRole.AssociationAdmin)]
public sealed record SendPasswordLinkCommand(string UserId) : ICommand<PasswordLinkResponse>;

/// <summary>Whether the mail server accepted the e-mail.</summary>
public sealed record PasswordLinkResponse(bool Sent);

internal sealed class SendPasswordLinkHandler(
    UserManager<UserAccount> users, CallerContext callers, AccountEmails emails, AuditLog audit)
    : ICommandHandler<SendPasswordLinkCommand, PasswordLinkResponse>
{
    public async ValueTask<PasswordLinkResponse> Handle(SendPasswordLinkCommand command, CancellationToken cancellationToken)
    {
        var user = await UserScopes.FindManagedAsync(users, callers.Current, command.UserId);
        if (user.IsExternal)
        {
            throw new Common.RuleViolationException("userId", "Användaren loggar in via sin organisation och har inget lösenord här.");
        }

        var sent = await emails.SendPasswordLinkAsync(user, cancellationToken);
        await audit.WriteAsync(AuditAction.PasswordLinkSent, AuditLog.User, user.Id, user.AssociationId, user.ProviderId,
            sent ? "Länk för nytt lösenord skickad till användaren" : "Länken kunde inte skickas", cancellationToken);
        return new PasswordLinkResponse(sent);
    }
}

public static class SendPasswordLinkEndpoint
{
    public static RouteGroupBuilder MapSendPasswordLink(this RouteGroupBuilder group)
    {
        group.MapPost("/users/{id}/password-link", async Task<Accepted<PasswordLinkResponse>> (string id, ISender sender, CancellationToken ct) =>
                TypedResults.Accepted((string?)null, await sender.Send(new SendPasswordLinkCommand(id), ct)))
            .WithName("SendPasswordLink")
            .WithSummary("E-mail the user a one-time link to choose a new password (nobody else sets it).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
