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
/// A new user with one role and scope, and no password: the user gets a one-time link by
/// e-mail and chooses the password (nobody else ever sets or learns it). A new coach sees the
/// provider's participants only once the provider confirms the account
/// (<see cref="CoachConfirmation"/>). The office creates users of its own association.
/// </summary>
/// <param name="AssociationId">Required for the roles AssociationAdmin, BoardMember and Coach; none for SystemAdmin.</param>
/// <param name="ProviderId">Required for the role Coach (a provider of the association); none for the other roles.</param>
[Access(UserRole.SystemAdmin, UserRole.AssociationAdmin)]
public sealed record CreateUserCommand(
    string? Email, string? DisplayName, UserRole? Role, long? AssociationId, long? ProviderId)
    : ICommand<UserResponse>;

internal sealed class CreateUserValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("E-postadress måste anges.")
            .EmailAddress().WithMessage("E-postadressen är inte giltig.").MaximumLength(254).WithMessage("E-postadressen får vara högst 254 tecken.");
        RuleFor(x => x.DisplayName).NotEmpty().WithMessage("Namn måste anges.").MaximumLength(200).WithMessage("Namnet får vara högst 200 tecken.");
        RuleFor(x => x.Role).NotNull().WithMessage("Roll måste anges.");
    }
}

internal sealed class CreateUserHandler(
    FollowUpDbContext db, UserManager<UserAccount> users, UserScopes scopes, CoachConfirmation confirmation,
    AccountEmails emails, AuditLog audit, TimeProvider clock)
    : ICommandHandler<CreateUserCommand, UserResponse>
{
    public async ValueTask<UserResponse> Handle(CreateUserCommand command, CancellationToken cancellationToken)
    {
        var (associationId, providerId) = await scopes.ResolveAsync(command.Role!.Value, command.AssociationId, command.ProviderId, cancellationToken);
        var user = new UserAccount
        {
            UserName = command.Email!.Trim(),
            Email = command.Email.Trim(),
            DisplayName = command.DisplayName!.Trim(),
            Role = command.Role.Value,
            AssociationId = associationId,
            ProviderId = providerId,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };

        bool awaitsProvider;
        await using (var transaction = await db.Database.BeginOwnedTransactionAsync(cancellationToken))
        {
            awaitsProvider = await confirmation.ApplyAsync(user, null, null, cancellationToken);
            IdentityResults.ThrowIfFailed(await users.CreateAsync(user));
            audit.Add(AuditAction.Create, AuditLog.User, user.Id, associationId, providerId,
                $"Roll: {SwedishFormat.Label(user.Role)}{(awaitsProvider ? ", väntar på utförarens bekräftelse" : string.Empty)}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // After the commit: a link must never point to an account that was rolled back.
        var sent = await emails.SendPasswordLinkAsync(user, cancellationToken);
        await audit.WriteAsync(AuditAction.PasswordLinkSent, AuditLog.User, user.Id, associationId, providerId,
            sent ? "Aktiveringslänk skickad till användaren" : "Aktiveringslänken kunde inte skickas", cancellationToken);
        if (awaitsProvider)
        {
            await emails.NotifyProviderOfPendingCoachAsync(user, cancellationToken);
        }

        return UserResponse.From(user, clock) with { PasswordLinkSent = sent };
    }
}

public static class CreateUserEndpoint
{
    public static RouteGroupBuilder MapCreateUser(this RouteGroupBuilder group)
    {
        group.MapPost("/users", async Task<Created<UserResponse>> (CreateUserCommand command, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(command, ct);
                return TypedResults.Created($"/api/v1/users/{created.Id}", created);
            })
            .WithName("CreateUser")
            .WithSummary("Create a user with one role (SystemAdmin, AssociationAdmin, Coach or BoardMember); the user gets a one-time link by e-mail to choose a password.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return group;
    }
}
