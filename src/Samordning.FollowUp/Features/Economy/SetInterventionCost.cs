using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Auditing;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Economy;

/// <summary>
/// An intervention's actual cost per tertial (so the tertial report shows the tertial's actual, not
/// only the year's) and the office's forecast for the year; the budget is the year's plan.
/// </summary>
[Access(UserRole.AssociationAdmin)]
public sealed record SetInterventionCostCommand(long? ForecastSek, long? Tertial1Sek, long? Tertial2Sek, long? Tertial3Sek)
    : ICommand<TertialCostsResponse>, IInterventionScoped
{
    [JsonIgnore]
    public long InterventionId { get; init; }

    [JsonIgnore]
    public int Year { get; init; }
}

internal sealed class SetInterventionCostValidator : AbstractValidator<SetInterventionCostCommand>
{
    public SetInterventionCostValidator()
    {
        RuleFor(x => x.Year).ValidYear();
        RuleFor(x => x.ForecastSek).Amount("Prognosen");
        RuleFor(x => x.Tertial1Sek).Amount("Utfallet för T1");
        RuleFor(x => x.Tertial2Sek).Amount("Utfallet för T2");
        RuleFor(x => x.Tertial3Sek).Amount("Utfallet för T3");
    }
}

internal sealed class SetInterventionCostHandler(FollowUpDbContext db, TimeProvider clock, AuditLog audit)
    : ICommandHandler<SetInterventionCostCommand, TertialCostsResponse>
{
    public async ValueTask<TertialCostsResponse> Handle(SetInterventionCostCommand command, CancellationToken cancellationToken)
    {
        var intervention = await db.Interventions.AsNoTracking().SingleOrDefaultAsync(i => i.Id == command.InterventionId, cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Intervention);
        if (!intervention.IsRunningIn(command.Year))
        {
            throw new RuleViolationException("year", "Insatsen pågår inte det året.");
        }

        var cost = await db.InterventionCosts.SingleOrDefaultAsync(c => c.InterventionId == command.InterventionId && c.Year == command.Year, cancellationToken);
        if (cost is null)
        {
            cost = new InterventionCost { InterventionId = command.InterventionId, Year = command.Year };
            db.InterventionCosts.Add(cost);
        }

        cost.ForecastSek = command.ForecastSek;
        (cost.Tertial1Sek, cost.Tertial2Sek, cost.Tertial3Sek) = (command.Tertial1Sek, command.Tertial2Sek, command.Tertial3Sek);
        cost.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        audit.Add(AuditAction.Updated, AuditLog.Economy, $"{command.Year}-insats-{intervention.Id}", intervention.AssociationId, intervention.ProviderId,
            $"Kostnad {intervention.Name} {command.Year}: utfall T1–T3 {SwedishFormat.Number(cost.Tertial1Sek)} / {SwedishFormat.Number(cost.Tertial2Sek)} / "
            + $"{SwedishFormat.Number(cost.Tertial3Sek)} kr, prognos {SwedishFormat.Number(cost.ForecastSek)} kr");
        await db.SaveChangesUniqueAsync("Kostnaden sparades samtidigt av någon annan. Försök igen.", "year", cancellationToken);
        var budget = await db.InterventionYearPlans.Where(p => p.InterventionId == command.InterventionId && p.Year == command.Year)
            .Select(p => p.BudgetSek).FirstOrDefaultAsync(cancellationToken);
        return new TertialCostsResponse(cost.Year, budget, cost.Tertial1Sek, cost.Tertial2Sek, cost.Tertial3Sek, cost.ForecastSek);
    }
}

public static class SetInterventionCostEndpoint
{
    public static RouteGroupBuilder MapSetInterventionCost(this RouteGroupBuilder group)
    {
        group.MapPut("/interventions/{id:long}/costs/{year:int}", async Task<Ok<TertialCostsResponse>> (
                long id, int year, SetInterventionCostCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { InterventionId = id, Year = year }, ct)))
            .WithName("SetInterventionCost")
            .WithSummary("Set an intervention's actual cost per tertial and the forecast for a year (whole SEK).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
