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

/// <summary>The provider accepts the referral with a planned start; accepting again moves the planned start.</summary>
[Access(UserRole.Coach)]
public sealed record AcceptReferralCommand(DateOnly? Date, DateOnly? PlannedStartDate) : ICommand<ReferralResponse>, IReferralScoped
{
    [JsonIgnore]
    public long ReferralId { get; init; }
}

internal sealed class AcceptReferralValidator : AbstractValidator<AcceptReferralCommand>
{
    public AcceptReferralValidator(TimeProvider clock)
    {
        RuleFor(x => x.Date).NotNull().WithMessage("Datum för beslutet måste anges.")
            .NotInFuture(clock, "Datum för beslutet får inte vara i framtiden.");
        RuleFor(x => x.PlannedStartDate).NotNull().WithMessage("Planerat startdatum måste anges.");
        RuleFor(x => x.PlannedStartDate).GreaterThanOrEqualTo(x => x.Date)
            .WithMessage("Planerat startdatum får inte vara före beslutet.")
            .When(x => x.Date is not null && x.PlannedStartDate is not null);
    }
}

internal sealed class AcceptReferralHandler(ReferralDecisions decisions) : ICommandHandler<AcceptReferralCommand, ReferralResponse>
{
    public async ValueTask<ReferralResponse> Handle(AcceptReferralCommand command, CancellationToken cancellationToken) =>
        await decisions.DecideAsync(command.ReferralId, ReferralTransition.Accept, command.Date!.Value,
            r => r.State == ReferralState.Accepted && r.PlannedStartDate == command.PlannedStartDate,
            r =>
            {
                r.State = ReferralState.Accepted;
                r.AcceptedOn ??= command.Date;
                r.PlannedStartDate = command.PlannedStartDate;
            },
            AuditAction.ReferralAccepted, $"Planerad start {SwedishFormat.Date(command.PlannedStartDate)}", cancellationToken);
}

public static class AcceptReferralEndpoint
{
    public static RouteGroupBuilder MapAcceptReferral(this RouteGroupBuilder group)
    {
        group.MapPost("/referrals/{id:long}/accept", async Task<Ok<ReferralResponse>> (
                long id, AcceptReferralCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { ReferralId = id }, ct)))
            .WithName("AcceptReferral")
            .WithSummary("Accept a waiting referral with a planned start date (again: a new planned start).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
