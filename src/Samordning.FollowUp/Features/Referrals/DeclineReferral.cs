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

/// <summary>The provider declines a waiting referral, with a reason from the code list.</summary>
[Access(UserRole.Coach)]
public sealed record DeclineReferralCommand(DateOnly? Date, DeclineReason? Reason) : ICommand<ReferralResponse>, IReferralScoped
{
    [JsonIgnore]
    public long ReferralId { get; init; }
}

internal sealed class DeclineReferralValidator : AbstractValidator<DeclineReferralCommand>
{
    public DeclineReferralValidator(TimeProvider clock)
    {
        RuleFor(x => x.Date).NotNull().WithMessage("Datum för beslutet måste anges.")
            .NotInFuture(clock, "Datum för beslutet får inte vara i framtiden.");
        RuleFor(x => x.Reason).NotNull().WithMessage("Skäl till att anvisningen avböjs måste anges.");
    }
}

internal sealed class DeclineReferralHandler(ReferralDecisions decisions) : ICommandHandler<DeclineReferralCommand, ReferralResponse>
{
    public async ValueTask<ReferralResponse> Handle(DeclineReferralCommand command, CancellationToken cancellationToken) =>
        await decisions.DecideAsync(command.ReferralId, ReferralTransition.Decline, command.Date!.Value,
            r => r.State == ReferralState.Declined && r.DeclinedOn == command.Date && r.DeclineReason == command.Reason,
            r =>
            {
                r.State = ReferralState.Declined;
                r.DeclinedOn = command.Date;
                r.DeclineReason = command.Reason;
            },
            AuditAction.ReferralDeclined, SwedishFormat.Label(command.Reason), cancellationToken);
}

public static class DeclineReferralEndpoint
{
    public static RouteGroupBuilder MapDeclineReferral(this RouteGroupBuilder group)
    {
        group.MapPost("/referrals/{id:long}/decline", async Task<Ok<ReferralResponse>> (
                long id, DeclineReferralCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { ReferralId = id }, ct)))
            .WithName("DeclineReferral")
            .WithSummary("Decline a waiting referral with a reason.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
