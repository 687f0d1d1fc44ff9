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

/// <summary>
/// The women and men counted in one tertial of a count-only intervention (each person once a
/// year, in the tertial they first took part). A tertial that already holds other figures is
/// replaced only when the request names them in <see cref="Replaces"/>: nothing is overwritten
/// unseen. Sending the stored figures again changes nothing (an idempotent PUT).
/// </summary>
[Access(UserRole.AssociationAdmin, UserRole.Coach)]
public sealed record SetInterventionCountCommand(int? Women, int? Men, CountPair? Replaces = null)
    : ICommand<SetInterventionCountResponse>, IInterventionScoped
{
    [JsonIgnore]
    public long InterventionId { get; init; }

    [JsonIgnore]
    public int Year { get; init; }

    [JsonIgnore]
    public int Tertial { get; init; }
}

/// <summary>The figures a client saw stored, and so agrees to replace.</summary>
public sealed record CountPair(int Women, int Men);

/// <summary>What is stored now, what it replaced (null when nothing changed) and the year's sum of tertials.</summary>
public sealed record SetInterventionCountResponse(InterventionCountResponse Saved, CountPair? Replaced, CountPair Year, int YearTotal);

internal sealed class SetInterventionCountValidator : AbstractValidator<SetInterventionCountCommand>
{
    public SetInterventionCountValidator()
    {
        RuleFor(x => x.Year).ValidYear();
        RuleFor(x => x.Tertial).InclusiveBetween(1, 3).WithMessage("Tertialen ska vara 1, 2 eller 3.");
        RuleFor(x => x.Women).NotNull().WithMessage("Antal kvinnor måste anges.")
            .GreaterThanOrEqualTo(0).WithMessage("Antal kvinnor får inte vara negativt.")
            .LessThanOrEqualTo(1_000_000).WithMessage("Antal kvinnor är orimligt stort.");
        RuleFor(x => x.Men).NotNull().WithMessage("Antal män måste anges.")
            .GreaterThanOrEqualTo(0).WithMessage("Antal män får inte vara negativt.")
            .LessThanOrEqualTo(1_000_000).WithMessage("Antal män är orimligt stort.");
    }
}

internal sealed class SetInterventionCountHandler(FollowUpDbContext db, TimeProvider clock)
    : ICommandHandler<SetInterventionCountCommand, SetInterventionCountResponse>
{
    public async ValueTask<SetInterventionCountResponse> Handle(SetInterventionCountCommand command, CancellationToken cancellationToken)
    {
        var intervention = await db.Interventions.SingleOrDefaultAsync(i => i.Id == command.InterventionId, cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Intervention);
        if (intervention.RegistrationMode != RegistrationMode.CountOnly)
        {
            throw new RuleViolationException("registrationMode",
                "Insatsen registrerar enskilda deltagare. Antal kvinnor och män anges bara för insatser som registreras som endast antal.");
        }

        var (from, to) = (Tertials.Start(command.Year, command.Tertial), Tertials.End(command.Year, command.Tertial));
        if (from > clock.Today())
        {
            throw new RuleViolationException("tertial", "Antal kan inte anges för ett tertial som inte har börjat.");
        }

        if (intervention.EndDate is { } end && end < from)
        {
            throw new RuleViolationException("tertial",
                $"Insatsen avslutades {SwedishFormat.Date(end)}. Antal kan inte anges för ett tertial efter det.");
        }

        if (intervention.StartDate > to)
        {
            throw new RuleViolationException("tertial", "Insatsen pågår inte under det tertialet.");
        }

        var count = await db.InterventionTertialCounts.SingleOrDefaultAsync(
            c => c.InterventionId == command.InterventionId && c.Year == command.Year && c.Tertial == command.Tertial, cancellationToken);
        CountPair? replaced = null;
        if (count is not null && (count.Women, count.Men) != (command.Women, command.Men))
        {
            replaced = new CountPair(count.Women, count.Men);
            if (command.Replaces != replaced)
            {
                throw new ConflictException(
                    $"T{command.Tertial} {command.Year} har redan {count.Women} kvinnor och {count.Men} män. " +
                    "Ange de sparade antalen i replaces för att ersätta dem.", "replaces");
            }
        }

        if (count is null)
        {
            count = new InterventionTertialCount { InterventionId = command.InterventionId, Year = command.Year, Tertial = command.Tertial };
            db.InterventionTertialCounts.Add(count);
        }

        if (count.UpdatedAtUtc == default || replaced is not null)
        {
            count.Women = command.Women!.Value;
            count.Men = command.Men!.Value;
            count.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesUniqueAsync("Antalen sparades samtidigt av någon annan. Försök igen.", "tertial", cancellationToken);
        }

        var year = await db.InterventionTertialCounts.AsNoTracking()
            .Where(c => c.InterventionId == command.InterventionId && c.Year == command.Year)
            .GroupBy(c => c.InterventionId)
            .Select(g => new CountPair(g.Sum(c => c.Women), g.Sum(c => c.Men)))
            .SingleAsync(cancellationToken);
        return new SetInterventionCountResponse(
            new InterventionCountResponse(count.Year, count.Tertial, count.Women, count.Men, count.Women + count.Men),
            replaced, year, year.Women + year.Men);
    }
}

public static class SetInterventionCountEndpoint
{
    public static RouteGroupBuilder MapSetInterventionCount(this RouteGroupBuilder group)
    {
        group.MapPut("/interventions/{id:long}/counts/{year:int}/{tertial:int}", async Task<Ok<SetInterventionCountResponse>> (
                long id, int year, int tertial, SetInterventionCountCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { InterventionId = id, Year = year, Tertial = tertial }, ct)))
            .WithName("SetInterventionCount")
            .WithSummary("Set one tertial's number of women and men (count-only interventions); replacing other figures needs them in replaces.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }
}
