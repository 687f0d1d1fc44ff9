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
/// The office's intervention list for a year: every intervention running in the year with its
/// plan beside the year's actual figures (counted as the tertial report's T3 year to date counts
/// them), the association's total, and the interventions that do not run in the year.
/// </summary>
[Access(UserRole.AssociationAdmin)]
public sealed record ListInterventionFiguresQuery(int? Year) : IQuery<InterventionYearListResponse>, IAssociationScoped
{
    [JsonIgnore]
    public long AssociationId { get; init; }
}

public sealed record InterventionYearListResponse(
    int Year,
    IReadOnlyList<InterventionYearRow> Interventions,
    InterventionYearFigures Total,
    IReadOnlyList<InterventionSummary> NotRunning);

public sealed record InterventionYearRow(
    long Id,
    string Name,
    string ProviderName,
    Orientation Orientation,
    InterventionCategory Category,
    RegistrationMode RegistrationMode,
    DateOnly StartDate,
    DateOnly? EndDate,
    InterventionYearFigures Figures);

public sealed record InterventionSummary(long Id, string Name, string ProviderName, DateOnly StartDate, DateOnly? EndDate);

internal sealed class ListInterventionFiguresValidator : AbstractValidator<ListInterventionFiguresQuery>
{
    public ListInterventionFiguresValidator() =>
        RuleFor(x => x.Year).InclusiveBetween(2000, 2100).WithMessage("Året ska vara mellan 2000 och 2100.");
}

internal sealed class ListInterventionFiguresHandler(FollowUpDbContext db, InterventionFigures figures, TimeProvider clock)
    : IQueryHandler<ListInterventionFiguresQuery, InterventionYearListResponse>
{
    public async ValueTask<InterventionYearListResponse> Handle(ListInterventionFiguresQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Associations.AnyAsync(a => a.Id == query.AssociationId, cancellationToken))
        {
            throw new NotFoundException(NotFoundMessages.Association);
        }

        var year = query.Year ?? clock.Today().Year;
        var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var all = await db.Interventions.AsNoTracking()
            .Where(i => i.AssociationId == query.AssociationId)
            .OrderBy(i => i.Orientation).ThenBy(i => i.Category).ThenBy(i => i.Name).ThenBy(i => i.Id)
            .Select(i => new
            {
                i.Id, i.Name, ProviderName = i.Provider!.Name, i.Orientation, i.Category, i.RegistrationMode, i.StartDate, i.EndDate,
                Running = i.StartDate <= last && (i.EndDate == null || i.EndDate >= first),
            })
            .ToListAsync(cancellationToken);
        var running = all.Where(i => i.Running).ToList();
        var byId = await figures.ForYearAsync(query.AssociationId, year, [.. running.Select(i => i.Id)], cancellationToken);
        var rows = running.Select(i => new InterventionYearRow(
            i.Id, i.Name, i.ProviderName, i.Orientation, i.Category, i.RegistrationMode, i.StartDate, i.EndDate, byId[i.Id])).ToList();
        return new InterventionYearListResponse(year, rows, InterventionYearFigures.Sum(year, rows.Select(r => r.Figures)),
            [.. all.Where(i => !i.Running).OrderBy(i => i.Name).Select(i => new InterventionSummary(i.Id, i.Name, i.ProviderName, i.StartDate, i.EndDate))]);
    }
}

public static class ListInterventionFiguresEndpoint
{
    public static RouteGroupBuilder MapListInterventionFigures(this RouteGroupBuilder group)
    {
        group.MapGet("/associations/{associationId:long}/interventions/figures", async Task<Ok<InterventionYearListResponse>> (
                long associationId, int? year, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListInterventionFiguresQuery(year) { AssociationId = associationId }, ct)))
            .WithName("ListInterventionFigures")
            .WithSummary("The interventions running in a year (default this year): plan, actual participants (individual and count-only), % of plan, budget, actual cost, cost per participant, and the total; counted as the tertial report counts the year.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
