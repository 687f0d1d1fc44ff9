using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Data;

namespace Samordning.FollowUp.Features.Participations;

public enum ParticipationStatusFilter
{
    All,
    Active,
    Ended,
}

[Access(UserRole.Coach)]
public sealed record ListParticipationsQuery(long InterventionId, string? Status, int Page, int PageSize)
    : IQuery<PagedResponse<ParticipationResponse>>, IInterventionScoped;

internal sealed class ListParticipationsValidator : AbstractValidator<ListParticipationsQuery>
{
    public ListParticipationsValidator()
    {
        RuleFor(x => x.Status).IsEnumName(typeof(ParticipationStatusFilter), caseSensitive: false)
            .WithMessage("Status är inte ett tillåtet värde. Tillåtna värden: active, ended, all.");
        RuleFor(x => x.Page).ValidPage();
        RuleFor(x => x.PageSize).ValidPageSize();
    }
}

internal sealed class ListParticipationsHandler(FollowUpDbContext db, ParticipationReader reader)
    : IQueryHandler<ListParticipationsQuery, PagedResponse<ParticipationResponse>>
{
    public async ValueTask<PagedResponse<ParticipationResponse>> Handle(ListParticipationsQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Interventions.AnyAsync(i => i.Id == query.InterventionId, cancellationToken))
        {
            throw new NotFoundException(NotFoundMessages.Intervention);
        }

        var participations = db.Participations.AsNoTracking().Where(p => p.InterventionId == query.InterventionId);
        participations = Enum.Parse<ParticipationStatusFilter>(query.Status ?? nameof(ParticipationStatusFilter.All), ignoreCase: true) switch
        {
            ParticipationStatusFilter.Active => participations.Where(p => p.EndDate == null),
            ParticipationStatusFilter.Ended => participations.Where(p => p.EndDate != null),
            _ => participations,
        };

        var total = await participations.CountAsync(cancellationToken);
        var page = await reader.ListAsync(
            participations.OrderByDescending(p => p.StartDate).ThenByDescending(p => p.Id)
                .Page(query.Page, query.PageSize),
            cancellationToken);
        return new PagedResponse<ParticipationResponse>(page, query.Page, query.PageSize, total);
    }
}

public static class ListParticipationsEndpoint
{
    public static RouteGroupBuilder MapListParticipations(this RouteGroupBuilder group)
    {
        group.MapGet("/interventions/{interventionId:long}/participations", async Task<Ok<PagedResponse<ParticipationResponse>>> (
                long interventionId, string? status, int? page, int? pageSize, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(
                    new ListParticipationsQuery(interventionId, status, page ?? 1, pageSize ?? Paging.DefaultPageSize), ct)))
            .WithName("ListParticipations")
            .WithSummary("List an intervention's participations, newest start first; status=active|ended.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
