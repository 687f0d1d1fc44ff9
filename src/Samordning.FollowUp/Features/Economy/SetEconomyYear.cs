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
/// The year's settings: the members' total as the plan prints it (null: only the rows), the unit
/// computed contributions are rounded to, the opening equity and the income beside the
/// contributions. Saving the same values again changes nothing but the time.
/// </summary>
[Access(UserRole.AssociationAdmin)]
public sealed record SetEconomyYearCommand(
    long? TotalContributionSek, int? RoundingUnitSek, long? OpeningEquitySek, long? EsfIncomeSek, long? ProjectIncomeSek, long? OtherIncomeSek)
    : ICommand<EconomyYearSettingsResponse>, IAssociationScoped
{
    [JsonIgnore]
    public long AssociationId { get; init; }

    [JsonIgnore]
    public int Year { get; init; }
}

public sealed record EconomyYearSettingsResponse(
    int Year, long? TotalContributionSek, int RoundingUnitSek, long? OpeningEquitySek, long EsfIncomeSek, long ProjectIncomeSek, long OtherIncomeSek);

internal sealed class SetEconomyYearValidator : AbstractValidator<SetEconomyYearCommand>
{
    public static readonly int[] RoundingUnits = [1, 10, 100, 1000];

    public SetEconomyYearValidator()
    {
        RuleFor(x => x.Year).ValidYear();
        RuleFor(x => x.TotalContributionSek).Amount("Medlemsavgifterna totalt");
        RuleFor(x => x.RoundingUnitSek).Must(u => u is null || RoundingUnits.Contains(u.Value))
            .WithMessage("Avrundningen ska vara 1, 10, 100 eller 1 000 kr.");
        RuleFor(x => x.OpeningEquitySek).SignedAmount("Ingående eget kapital");
        RuleFor(x => x.EsfIncomeSek).Amount("ESF-medlen");
        RuleFor(x => x.ProjectIncomeSek).Amount("Projektmedlen");
        RuleFor(x => x.OtherIncomeSek).Amount("Övriga intäkter");
        RuleFor(x => x.TotalContributionSek)
            .Must((x, total) => total is null || total.Value % (x.RoundingUnitSek ?? 1) == 0)
            .WithMessage("Totalen ska gå jämnt upp i avrundningen (välj en mindre avrundning).");
    }
}

internal sealed class SetEconomyYearHandler(FollowUpDbContext db, TimeProvider clock, AuditLog audit)
    : ICommandHandler<SetEconomyYearCommand, EconomyYearSettingsResponse>
{
    public async ValueTask<EconomyYearSettingsResponse> Handle(SetEconomyYearCommand command, CancellationToken cancellationToken)
    {
        if (!await db.Associations.AnyAsync(a => a.Id == command.AssociationId, cancellationToken))
        {
            throw new NotFoundException(NotFoundMessages.Association);
        }

        var year = await db.EconomyYears.SingleOrDefaultAsync(y => y.AssociationId == command.AssociationId && y.Year == command.Year, cancellationToken);
        if (year is null)
        {
            year = new EconomyYear { AssociationId = command.AssociationId, Year = command.Year };
            db.EconomyYears.Add(year);
        }

        year.TotalContributionSek = command.TotalContributionSek;
        year.RoundingUnitSek = command.RoundingUnitSek ?? 1;
        year.OpeningEquitySek = command.OpeningEquitySek;
        year.EsfIncomeSek = command.EsfIncomeSek ?? 0;
        year.ProjectIncomeSek = command.ProjectIncomeSek ?? 0;
        year.OtherIncomeSek = command.OtherIncomeSek ?? 0;
        year.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        audit.Add(AuditAction.Updated, AuditLog.Economy, command.Year, command.AssociationId, null,
            $"Ekonomi {command.Year}: medlemsavgifter totalt {SwedishFormat.Number(command.TotalContributionSek)} kr, ingående eget kapital {SwedishFormat.Number(command.OpeningEquitySek)} kr");
        await db.SaveChangesUniqueAsync("Året sparades samtidigt av någon annan. Försök igen.", "year", cancellationToken);
        return new EconomyYearSettingsResponse(year.Year, year.TotalContributionSek, year.RoundingUnitSek, year.OpeningEquitySek,
            year.EsfIncomeSek, year.ProjectIncomeSek, year.OtherIncomeSek);
    }
}

public static class SetEconomyYearEndpoint
{
    public static RouteGroupBuilder MapSetEconomyYear(this RouteGroupBuilder group)
    {
        group.MapPut("/associations/{associationId:long}/economy/{year:int}", async Task<Ok<EconomyYearSettingsResponse>> (
                long associationId, int year, SetEconomyYearCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { AssociationId = associationId, Year = year }, ct)))
            .WithName("SetEconomyYear")
            .WithSummary("Set the year's members' total, rounding unit, opening equity and other income (whole SEK).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
