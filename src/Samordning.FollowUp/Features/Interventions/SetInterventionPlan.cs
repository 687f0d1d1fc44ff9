using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Interventions;

/// <summary>Planned participants, the association's budget and the actual cost for one calendar year (whole SEK).</summary>
[Access(UserRole.AssociationAdmin)]
public sealed record SetInterventionPlanCommand(int? PlannedParticipants, long? BudgetSek, long? ActualCostSek)
    : ICommand<InterventionPlanResponse>, IInterventionScoped
{
    [JsonIgnore]
    public long InterventionId { get; init; }

    [JsonIgnore]
    public int Year { get; init; }
}

internal sealed class SetInterventionPlanValidator : AbstractValidator<SetInterventionPlanCommand>
{
    public SetInterventionPlanValidator()
    {
        RuleFor(x => x.Year).ValidYear();
        RuleFor(x => x.PlannedParticipants).NotNull().WithMessage("Planerat antal deltagare måste anges.")
            .GreaterThanOrEqualTo(0).WithMessage("Planerat antal deltagare får inte vara negativt.");
        RuleFor(x => x.BudgetSek).NotNull().WithMessage("Budget måste anges.")
            .GreaterThanOrEqualTo(0).WithMessage("Budgeten får inte vara negativ.");
        RuleFor(x => x.ActualCostSek).GreaterThanOrEqualTo(0).WithMessage("Utfallet får inte vara negativt.");
    }
}

internal sealed class SetInterventionPlanHandler(FollowUpDbContext db, TimeProvider clock)
    : ICommandHandler<SetInterventionPlanCommand, InterventionPlanResponse>
{
    public async ValueTask<InterventionPlanResponse> Handle(SetInterventionPlanCommand command, CancellationToken cancellationToken)
    {
        var intervention = await db.Interventions.SingleOrDefaultAsync(i => i.Id == command.InterventionId, cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Intervention);
        if (!intervention.IsRunningIn(command.Year))
        {
            throw new RuleViolationException("year", "Insatsen pågår inte det året.");
        }

        var plan = await db.InterventionYearPlans.SingleOrDefaultAsync(
            p => p.InterventionId == command.InterventionId && p.Year == command.Year, cancellationToken);
        if (plan is null)
        {
            plan = new InterventionYearPlan { InterventionId = command.InterventionId, Year = command.Year };
            db.InterventionYearPlans.Add(plan);
        }

        plan.PlannedParticipants = command.PlannedParticipants!.Value;
        plan.BudgetSek = command.BudgetSek!.Value;
        plan.ActualCostSek = command.ActualCostSek ?? 0;
        plan.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesUniqueAsync("Planen sparades samtidigt av någon annan. Försök igen.", "year", cancellationToken);
        return new InterventionPlanResponse(plan.Year, plan.PlannedParticipants, plan.BudgetSek, plan.ActualCostSek);
    }
}

public static class SetInterventionPlanEndpoint
{
    public static RouteGroupBuilder MapSetInterventionPlan(this RouteGroupBuilder group)
    {
        group.MapPut("/interventions/{id:long}/plans/{year:int}", async Task<Ok<InterventionPlanResponse>> (
                long id, int year, SetInterventionPlanCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { InterventionId = id, Year = year }, ct)))
            .WithName("SetInterventionPlan")
            .WithSummary("Set the yearly plan: planned participants, budget and actual cost in whole SEK.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
