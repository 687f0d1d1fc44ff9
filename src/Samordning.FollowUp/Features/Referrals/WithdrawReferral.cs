using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Participations;

namespace Samordning.FollowUp.Features.Referrals;

/// <summary>The referring party withdraws a waiting referral; the coach records it.</summary>
[Access(UserRole.Coach)]
public sealed record WithdrawReferralCommand(DateOnly? Date) : ICommand<ReferralResponse>, IReferralScoped
{
    [JsonIgnore]
    public long ReferralId { get; init; }
}

internal sealed class WithdrawReferralValidator : AbstractValidator<WithdrawReferralCommand>
{
    public WithdrawReferralValidator(TimeProvider clock) =>
        RuleFor(x => x.Date).NotNull().WithMessage("Datum då anvisningen återkallades måste anges.")
            .NotInFuture(clock, "Datum då anvisningen återkallades får inte vara i framtiden.");
}

internal sealed class WithdrawReferralHandler(ReferralDecisions decisions) : ICommandHandler<WithdrawReferralCommand, ReferralResponse>
{
    public async ValueTask<ReferralResponse> Handle(WithdrawReferralCommand command, CancellationToken cancellationToken) =>
        await decisions.DecideAsync(command.ReferralId, ReferralTransition.Withdraw, command.Date!.Value,
            r => r.State == ReferralState.Withdrawn && r.WithdrawnOn == command.Date,
            r =>
            {
                r.State = ReferralState.Withdrawn;
                r.WithdrawnOn = command.Date;
            },
            AuditAction.ReferralWithdrawn, SwedishFormat.Date(command.Date), cancellationToken);
}

public static class WithdrawReferralEndpoint
{
    public static RouteGroupBuilder MapWithdrawReferral(this RouteGroupBuilder group)
    {
        group.MapPost("/referrals/{id:long}/withdraw", async Task<Ok<ReferralResponse>> (
                long id, WithdrawReferralCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { ReferralId = id }, ct)))
            .WithName("WithdrawReferral")
            .WithSummary("Record that a waiting referral was withdrawn by the referring party.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
