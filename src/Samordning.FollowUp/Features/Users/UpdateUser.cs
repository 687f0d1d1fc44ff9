using System.Text.Json.Serialization;
using FluentValidation;
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
/// Changes a user's name, role and scope, or locks or unlocks the account. Nobody sets another
/// person's password: a new one is chosen through a link (<see cref="SendPasswordLinkCommand"/>).
/// Any change signs the user out everywhere (new security stamp) and is e-mailed to the user;
/// an account made a coach, or moved to another provider, awaits that provider's confirmation.
/// </summary>
[Access(UserRole.SystemAdmin, UserRole.AssociationAdmin)]
public sealed record UpdateUserCommand(
    string? DisplayName, UserRole? Role, long? AssociationId, long? ProviderId, bool IsLocked)
    : ICommand<UserResponse>
{
    [JsonIgnore]
    public string UserId { get; init; } = string.Empty;
}

internal sealed class UpdateUserValidator : AbstractValidator<UpdateUserCommand>
{
    public UpdateUserValidator()
    {
        RuleFor(x => x.DisplayName).NotEmpty().WithMessage("Namn måste anges.").MaximumLength(200).WithMessage("Namnet får vara högst 200 tecken.");
        RuleFor(x => x.Role).NotNull().WithMessage("Roll måste anges.");
    }
}

internal sealed class UpdateUserHandler(
    FollowUpDbContext db, UserManager<UserAccount> users, UserScopes scopes, CoachConfirmation confirmation, AccountEmails emails,
    CallerContext callers, AuditLog audit, TimeProvider clock)
    : ICommandHandler<UpdateUserCommand, UserResponse>
{
    public async ValueTask<UserResponse> Handle(UpdateUserCommand command, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var user = await UserScopes.FindManagedAsync(users, caller, command.UserId);
        if (user.Id == caller.UserId && (command.IsLocked || command.Role != user.Role))
        {
            throw new RuleViolationException("role", "Du kan inte låsa ditt eget konto eller ändra din egen roll.");
        }

        var (associationId, providerId) = await scopes.ResolveAsync(
            command.Role!.Value, command.AssociationId, command.ProviderId, cancellationToken, user.Role == UserRole.Coach ? user.ProviderId : null);
        var changes = Changes(user, command, associationId, providerId, clock);
        var (previousRole, previousProvider) = (user.Role, user.ProviderId);
        bool awaitsProvider;
        await using (var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken))
        {
            user.DisplayName = command.DisplayName!.Trim();
            user.Role = command.Role.Value;
            user.AssociationId = associationId;
            user.ProviderId = providerId;
            user.LockoutEnd = command.IsLocked ? DateTimeOffset.MaxValue : null;
            awaitsProvider = await confirmation.ApplyAsync(user, previousRole, previousProvider, cancellationToken);
            // One save: a new stamp is written together with the changes above (UpdateUserAsync).
            IdentityResults.ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
            audit.Add(AuditAction.Correct, AuditLog.User, user.Id, associationId, providerId,
                $"Roll: {SwedishFormat.Label(user.Role)}{(command.IsLocked ? ", låst" : string.Empty)}{(awaitsProvider ? ", väntar på utförarens bekräftelse" : string.Empty)}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (changes.Count > 0)
        {
            await emails.SendChangeNoticeAsync(user, string.Join(", ", changes), caller.Name, cancellationToken);
        }

        if (awaitsProvider && (previousRole != user.Role || previousProvider != user.ProviderId))
        {
            await emails.NotifyProviderOfPendingCoachAsync(user, cancellationToken);
        }

        return UserResponse.From(user, clock);
    }

    /// <summary>What the user is told, in the words of the office's form.</summary>
    private static List<string> Changes(UserAccount user, UpdateUserCommand command, long? associationId, long? providerId, TimeProvider clock)
    {
        var changes = new List<string>();
        if (command.Role != user.Role)
        {
            changes.Add($"rollen är nu {SwedishFormat.Label(command.Role!.Value)}");
        }

        if (associationId != user.AssociationId || providerId != user.ProviderId)
        {
            changes.Add("behörigheten gäller nu en annan organisation");
        }

        var wasLocked = user.LockoutEnd is { } end && end > clock.GetUtcNow();
        if (command.IsLocked != wasLocked)
        {
            changes.Add(command.IsLocked ? "kontot är låst" : "kontot är upplåst");
        }

        return changes;
    }
}

public static class UpdateUserEndpoint
{
    public static RouteGroupBuilder MapUpdateUser(this RouteGroupBuilder group)
    {
        group.MapPut("/users/{id}", async Task<Ok<UserResponse>> (string id, UpdateUserCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { UserId = id }, ct)))
            .WithName("UpdateUser")
            .WithSummary("Change a user's name, role, scope or lock. Signs the user out everywhere.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
