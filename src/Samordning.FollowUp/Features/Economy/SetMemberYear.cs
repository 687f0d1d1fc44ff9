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

public sealed record MemberYearResponse(long MemberId, int Year, long? ContributionSek, int? Population, DateOnly? PopulationDate);

/// <summary>
/// A member's year: the contribution when the office enters it (null: computed from the year's
/// total by the legal split) and, for a municipality, the population with the date of the figure.
/// </summary>
[Access(UserRole.AssociationAdmin)]
public sealed record SetMemberYearCommand(long? ContributionSek, int? Population, DateOnly? PopulationDate)
    : ICommand<MemberYearResponse>, IAssociationScoped
{
    [JsonIgnore]
    public long AssociationId { get; init; }

    [JsonIgnore]
    public long MemberId { get; init; }

    [JsonIgnore]
    public int Year { get; init; }
}

internal sealed class SetMemberYearValidator : AbstractValidator<SetMemberYearCommand>
{
    public SetMemberYearValidator()
    {
        RuleFor(x => x.Year).ValidYear();
        RuleFor(x => x.ContributionSek).Amount("Medlemsavgiften");
        RuleFor(x => x.Population).InclusiveBetween(1, 20_000_000).WithMessage("Befolkningen ska vara ett antal invånare, 1 eller fler.");
        RuleFor(x => x.PopulationDate).NotNull().When(x => x.Population is not null)
            .WithMessage("Ange vilket datum befolkningstalet gäller (till exempel 1 juli året före).");
    }
}

internal sealed class SetMemberYearHandler(FollowUpDbContext db, TimeProvider clock, AuditLog audit)
    : ICommandHandler<SetMemberYearCommand, MemberYearResponse>
{
    public async ValueTask<MemberYearResponse> Handle(SetMemberYearCommand command, CancellationToken cancellationToken)
    {
        var member = await db.AssociationMembers.AsNoTracking()
            .SingleOrDefaultAsync(m => m.Id == command.MemberId && m.AssociationId == command.AssociationId, cancellationToken)
            ?? throw new NotFoundException(NotFoundMessages.Member);
        if (command.Population is not null && member.Kind != MemberKind.Municipality)
        {
            throw new RuleViolationException("population", "Befolkningstal anges bara för kommuner: staten och regionen har fasta andelar.");
        }

        var year = await db.MemberYears.SingleOrDefaultAsync(y => y.MemberId == command.MemberId && y.Year == command.Year, cancellationToken);
        if (year is null)
        {
            year = new MemberYear { MemberId = command.MemberId, Year = command.Year };
            db.MemberYears.Add(year);
        }

        year.ContributionSek = command.ContributionSek;
        year.Population = command.Population;
        year.PopulationDate = command.Population is null ? null : command.PopulationDate;
        year.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        audit.Add(AuditAction.Updated, AuditLog.Economy, member.Id, command.AssociationId, null,
            $"Medlem {member.Name} {command.Year}: avgift {SwedishFormat.Number(command.ContributionSek)} kr, befolkning {SwedishFormat.Number(command.Population)}");
        await db.SaveChangesUniqueAsync("Medlemmens år sparades samtidigt av någon annan. Försök igen.", "year", cancellationToken);
        return new MemberYearResponse(year.MemberId, year.Year, year.ContributionSek, year.Population, year.PopulationDate);
    }
}

public static class SetMemberYearEndpoint
{
    public static RouteGroupBuilder MapSetMemberYear(this RouteGroupBuilder group)
    {
        group.MapPut("/associations/{associationId:long}/economy/members/{memberId:long}/years/{year:int}", async Task<Ok<MemberYearResponse>> (
                long associationId, long memberId, int year, SetMemberYearCommand command, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(command with { AssociationId = associationId, MemberId = memberId, Year = year }, ct)))
            .WithName("SetMemberYear")
            .WithSummary("Set a member's contribution for a year (null: computed by the legal split) and a municipality's population with its date.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
