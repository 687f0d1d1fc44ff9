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
/// Changes a user's name, role and scope, locks or unlocks the account, and optionally sets a
/// new password. Any change signs the user out everywhere (new security stamp).
/// </summary>
[Access(UserRole.SystemAdmin, UserRole.AssociationAdmin)]
public sealed record UpdateUserCommand(
    string? DisplayName, UserRole? Role, long? AssociationId, long? ProviderId, bool IsLocked, string? NewPassword = null)
    : ICommand<UserResponse>
{
    [JsonIgnore]
    public string UserId { get; init; } = string.Empty;
}

internal sealed class UpdateUserValidator : AbstractValidator<UpdateUserCommand>
{
    public UpdateUserValidator()
    {
        RuleFor(x => x.DisplayName).NotEmpty().WithMessage("Ange namn.").MaximumLength(200);
        RuleFor(x => x.Role).NotNull().WithMessage("Ange roll.");
    }
}

internal sealed class UpdateUserHandler(
    FollowUpDbContext db, UserManager<UserAccount> users, UserScopes scopes, CallerContext callers, AuditLog audit, TimeProvider clock)
    : ICommandHandler<UpdateUserCommand, UserResponse>
{
    public async ValueTask<UserResponse> Handle(UpdateUserCommand command, CancellationToken cancellationToken)
    {
        var caller = callers.Current;
        var user = await users.FindByIdAsync(command.UserId);
        if (user is null || (caller.Is(UserRole.AssociationAdmin) && (user.AssociationId != caller.AssociationId || user.Role == UserRole.SystemAdmin)))
        {
            throw new NotFoundException(NotFoundMessages.User);
        }

        if (user.Id == caller.UserId && (command.IsLocked || command.Role != user.Role))
        {
            throw new RuleViolationException("role", "Du kan inte låsa ditt eget konto eller ändra din egen roll.");
        }

        var (associationId, providerId) = await scopes.ResolveAsync(command.Role!.Value, command.AssociationId, command.ProviderId, cancellationToken);
        await using var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken);
        user.DisplayName = command.DisplayName!.Trim();
        user.Role = command.Role.Value;
        user.AssociationId = associationId;
        user.ProviderId = providerId;
        user.LockoutEnd = command.IsLocked ? DateTimeOffset.MaxValue : null;
        UserAccounts.ThrowIfFailed(await users.UpdateAsync(user));
        if (!string.IsNullOrEmpty(command.NewPassword))
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            UserAccounts.ThrowIfFailed(await users.ResetPasswordAsync(user, token, command.NewPassword));
        }

        UserAccounts.ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
        audit.Add(AuditAction.Correct, AuditLog.User, user.Id, associationId, providerId,
            $"Roll: {CodeLabels.Label(user.Role)}{(command.IsLocked ? ", låst" : string.Empty)}{(string.IsNullOrEmpty(command.NewPassword) ? string.Empty : ", nytt lösenord")}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return UserResponse.From(user, clock);
    }
}

public static class UpdateUserEndpoint
{
    public static RouteGroupBuilder MapUpdateUser(this RouteGroupBuilder group)
    {
        group.MapPut("/users/{id}", async Task<Ok<UserResponse>> (string id, UpdateUserCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { UserId = id }, ct)))
            .WithName("UpdateUser")
            .WithSummary("Change a user's role, scope or lock, or set a new password.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
