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

/// <summary>The women and men who took part in a count-only intervention during one calendar year.</summary>
[Access(UserRole.AssociationAdmin, UserRole.Coach)]
public sealed record SetInterventionCountCommand(int? Women, int? Men) : ICommand<InterventionCountResponse>, IInterventionScoped
{
    [JsonIgnore]
    public long InterventionId { get; init; }

    [JsonIgnore]
    public int Year { get; init; }
}

internal sealed class SetInterventionCountValidator : AbstractValidator<SetInterventionCountCommand>
{
    public SetInterventionCountValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(2000, 2100).WithMessage("Året ska vara mellan 2000 och 2100.");
        RuleFor(x => x.Women).NotNull().WithMessage("Antal kvinnor måste anges.")
            .GreaterThanOrEqualTo(0).WithMessage("Antal kvinnor får inte vara negativt.")
            .LessThanOrEqualTo(1_000_000).WithMessage("Antal kvinnor är orimligt stort.");
        RuleFor(x => x.Men).NotNull().WithMessage("Antal män måste anges.")
            .GreaterThanOrEqualTo(0).WithMessage("Antal män får inte vara negativt.")
            .LessThanOrEqualTo(1_000_000).WithMessage("Antal män är orimligt stort.");
    }
}

internal sealed class SetInterventionCountHandler(FollowUpDbContext db, TimeProvider clock)
    : ICommandHandler<SetInterventionCountCommand, InterventionCountResponse>
{
    public async ValueTask<InterventionCountResponse> Handle(SetInterventionCountCommand command, CancellationToken cancellationToken)
    {
        var intervention = await db.Interventions.SingleOrDefaultAsync(i => i.Id == command.InterventionId, cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Intervention);
        if (intervention.RegistrationMode != RegistrationMode.CountOnly)
        {
            throw new RuleViolationException("registrationMode",
                "Insatsen registrerar enskilda deltagare. Antal kvinnor och män anges bara för insatser som registreras som endast antal.");
        }

        if (!intervention.IsRunningIn(command.Year))
        {
            throw new RuleViolationException("year", "Insatsen pågår inte det året.");
        }

        if (command.Year > clock.Today().Year)
        {
            throw new RuleViolationException("year", "Antal kan inte anges för ett kommande år.");
        }

        var count = await db.InterventionYearCounts.SingleOrDefaultAsync(
            c => c.InterventionId == command.InterventionId && c.Year == command.Year, cancellationToken);
        if (count is null)
        {
            count = new InterventionYearCount { InterventionId = command.InterventionId, Year = command.Year };
            db.InterventionYearCounts.Add(count);
        }

        count.Women = command.Women!.Value;
        count.Men = command.Men!.Value;
        count.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesUniqueAsync("Antalen sparades samtidigt av någon annan. Försök igen.", "year", cancellationToken);
        return new InterventionCountResponse(count.Year, count.Women, count.Men, count.Women + count.Men);
    }
}

public static class SetInterventionCountEndpoint
{
    public static RouteGroupBuilder MapSetInterventionCount(this RouteGroupBuilder group)
    {
        group.MapPut("/interventions/{id:long}/counts/{year:int}", async Task<Ok<InterventionCountResponse>> (
                long id, int year, SetInterventionCountCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { InterventionId = id, Year = year }, ct)))
            .WithName("SetInterventionCount")
            .WithSummary("Set the year's number of women and men (count-only interventions).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
