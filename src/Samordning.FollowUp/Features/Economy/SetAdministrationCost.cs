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

/// <summary>An actual cost per tertial (null: not entered) and the forecast for the year (null: the actual to date pro rata).</summary>
public sealed record TertialCostsResponse(int Year, long BudgetSek, long? Tertial1Sek, long? Tertial2Sek, long? Tertial3Sek, long? ForecastSek);

/// <summary>One administration category's year: budget, actual per tertial to date, forecast.</summary>
[Access(UserRole.AssociationAdmin)]
public sealed record SetAdministrationCostCommand(long? BudgetSek, long? ForecastSek, long? Tertial1Sek, long? Tertial2Sek, long? Tertial3Sek)
    : ICommand<TertialCostsResponse>, IAssociationScoped
{
    [JsonIgnore]
    public long AssociationId { get; init; }

    [JsonIgnore]
    public int Year { get; init; }

    [JsonIgnore]
    public string? Category { get; init; }
}

internal sealed class SetAdministrationCostValidator : AbstractValidator<SetAdministrationCostCommand>
{
    public SetAdministrationCostValidator()
    {
        RuleFor(x => x.Year).ValidYear();
        RuleFor(x => x.Category).IsEnumName(typeof(AdministrationCategory), caseSensitive: false)
            .WithMessage("Kostnadsslaget är inte ett tillåtet värde. Tillåtna värden: Staff, Premises, Audit, It, Other.");
        RuleFor(x => x.BudgetSek).NotNull().WithMessage("Budget måste anges.").Amount("Budgeten");
        RuleFor(x => x.ForecastSek).Amount("Prognosen");
        RuleFor(x => x.Tertial1Sek).Amount("Utfallet för T1");
        RuleFor(x => x.Tertial2Sek).Amount("Utfallet för T2");
        RuleFor(x => x.Tertial3Sek).Amount("Utfallet för T3");
    }
}

internal sealed class SetAdministrationCostHandler(FollowUpDbContext db, TimeProvider clock, AuditLog audit)
    : ICommandHandler<SetAdministrationCostCommand, TertialCostsResponse>
{
    public async ValueTask<TertialCostsResponse> Handle(SetAdministrationCostCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Associations.AnyAsync(a => a.Id == command.AssociationId, cancellationToken))
        {
            throw new NotFoundException(NotFoundMessages.Association);
        }

        var category = Enum.Parse<AdministrationCategory>(command.Category!, ignoreCase: true);
        var cost = await db.AdministrationCosts.SingleOrDefaultAsync(
            c => c.AssociationId == command.AssociationId && c.Year == command.Year && c.Category == category, cancellationToken);
        if (cost is null)
        {
            cost = new AdministrationCost { AssociationId = command.AssociationId, Year = command.Year, Category = category };
            db.AdministrationCosts.Add(cost);
        }

        cost.BudgetSek = command.BudgetSek!.Value;
        cost.ForecastSek = command.ForecastSek;
        (cost.Tertial1Sek, cost.Tertial2Sek, cost.Tertial3Sek) = (command.Tertial1Sek, command.Tertial2Sek, command.Tertial3Sek);
        cost.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        audit.Add(AuditAction.Updated, AuditLog.Economy, $"{command.Year}-{category}", command.AssociationId, null,
            $"Administration {SwedishFormat.Label(category)} {command.Year}: budget {SwedishFormat.Number(cost.BudgetSek)} kr, utfall T1–T3 "
            + $"{SwedishFormat.Number(cost.Tertial1Sek)} / {SwedishFormat.Number(cost.Tertial2Sek)} / {SwedishFormat.Number(cost.Tertial3Sek)} kr");
        await db.SaveChangesUniqueAsync("Kostnaden sparades samtidigt av någon annan. Försök igen.", "category", cancellationToken);
        return new TertialCostsResponse(cost.Year, cost.BudgetSek, cost.Tertial1Sek, cost.Tertial2Sek, cost.Tertial3Sek, cost.ForecastSek);
    }
}

public static class SetAdministrationCostEndpoint
{
    public static RouteGroupBuilder MapSetAdministrationCost(this RouteGroupBuilder group)
    {
        group.MapPut("/associations/{associationId:long}/economy/{year:int}/administration/{category}", async Task<Ok<TertialCostsResponse>> (
                long associationId, int year, string category, SetAdministrationCostCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { AssociationId = associationId, Year = year, Category = category }, ct)))
            .WithName("SetAdministrationCost")
            .WithSummary("Set an administration category's budget, actual cost per tertial and forecast for a year (whole SEK).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
