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
/// A confirmed coach lets a new colleague's account see the provider's participants. Only a
/// coach of the same provider can: the office and the administrator create accounts, the
/// provider decides who sees its people.
/// </summary>
[Access(UserRole.Coach)]
public sealed record ConfirmCoachCommand(string UserId) : ICommand<UserResponse>;

internal sealed class ConfirmCoachHandler(
    FollowUpDbContext db, UserManager<UserAccount> users, CallerContext callers, AccountEmails emails, AuditLog audit, TimeProvider clock)
    : ICommandHandler<ConfirmCoachCommand, UserResponse>
{
    public async ValueTask<UserResponse> Handle(ConfirmCoachCommand command, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var user = string.IsNullOrEmpty(command.UserId) ? null : await users.FindByIdAsync(command.UserId);
        if (user is null || user.Role != UserRole.Coach || user.ProviderId != caller.ProviderId)
        {
            throw new NotFoundException(NotFoundMessages.User);
        }

        if (user.ProviderConfirmedAtUtc is not null)
        {
            return UserResponse.From(user, clock);
        }

        await using (var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken))
        {
            user.ProviderConfirmedAtUtc = clock.GetUtcNow().UtcDateTime;
            user.ProviderConfirmedByUserId = caller.UserId;
            // The account's sessions carry "awaiting confirmation": a new stamp makes it sign in again with the new right.
            // One save: a new stamp is written together with the changes above (UpdateUserAsync).
            IdentityResults.ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
            audit.Add(AuditAction.AccountConfirmed, AuditLog.User, user.Id, user.AssociationId, user.ProviderId, "Bekräftad av utföraren");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        await emails.SendChangeNoticeAsync(user, "kontot är bekräftat av utföraren och kan nu se utförarens deltagare", caller.Name, cancellationToken);
        return UserResponse.From(user, clock);
    }
}

public static class ConfirmCoachEndpoint
{
    public static RouteGroupBuilder MapConfirmCoach(this RouteGroupBuilder group)
    {
        group.MapPost("/users/{id}/confirm", async Task<Ok<UserResponse>> (string id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ConfirmCoachCommand(id), ct)))
            .WithName("ConfirmCoach")
            .WithSummary("A coach confirms a new coach account of the same provider, which may then see the provider's participants.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
