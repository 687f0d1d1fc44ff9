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
using Samordning.FollowUp.Features.Reports;

namespace Samordning.FollowUp.Features.TertialCycle;

/// <summary>
/// The provider's interventions running in the tertial, each with its self-assessment (null while
/// none is written). Each is written with <c>PUT /interventions/{id}/tertial-notes/{year}/{tertial}</c>.
/// </summary>
[Access(UserRole.Coach, UserRole.AssociationAdmin)]
public sealed record ListProviderTertialNotesQuery(long ProviderId, int Year, int Tertial)
    : IQuery<IReadOnlyList<ProviderTertialNoteResponse>>, IProviderScoped;

public sealed record ProviderTertialNoteResponse(long InterventionId, string InterventionName, TertialNoteResponse? Note);

internal sealed class ListProviderTertialNotesValidator : AbstractValidator<ListProviderTertialNotesQuery>
{
    public ListProviderTertialNotesValidator()
    {
        RuleFor(x => x.Year).ValidYear();
        RuleFor(x => x.Tertial).ValidTertial();
    }
}

internal sealed class ListProviderTertialNotesHandler(FollowUpDbContext db)
    : IQueryHandler<ListProviderTertialNotesQuery, IReadOnlyList<ProviderTertialNoteResponse>>
{
    public async ValueTask<IReadOnlyList<ProviderTertialNoteResponse>> Handle(ListProviderTertialNotesQuery query, CancellationToken cancellationToken)
    {
        var from = Tertials.Start(query.Year, query.Tertial);
        var to = Tertials.End(query.Year, query.Tertial);
        var interventions = await db.Interventions.AsNoTracking()
            .Where(i => i.ProviderId == query.ProviderId && i.StartDate <= to && (i.EndDate == null || i.EndDate >= from))
            .OrderBy(i => i.Name).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.Name })
            .ToListAsync(cancellationToken);
        var ids = interventions.Select(i => i.Id).ToList();
        var notes = await db.TertialNotes.AsNoTracking()
            .Where(n => n.Year == query.Year && n.Tertial == query.Tertial && ids.Contains(n.InterventionId))
            .ToDictionaryAsync(n => n.InterventionId, n => new TertialNoteResponse(
                n.InterventionId, n.Year, n.Tertial, n.ReferralFlowAndQueue, n.WhatWorked, n.DeviationsAndRisks, n.UpdatedAtUtc) { SoftValues = n.SoftValues }, cancellationToken);
        return [.. interventions.Select(i => new ProviderTertialNoteResponse(i.Id, i.Name, notes.GetValueOrDefault(i.Id)))];
    }
}

public static class ListProviderTertialNotesEndpoint
{
    public static RouteGroupBuilder MapListProviderTertialNotes(this RouteGroupBuilder group)
    {
        group.MapGet("/providers/{providerId:long}/tertial-notes/{year:int}/{tertial:int}", async Task<Ok<IReadOnlyList<ProviderTertialNoteResponse>>> (
                long providerId, int year, int tertial, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListProviderTertialNotesQuery(providerId, year, tertial), ct)))
            .WithName("ListProviderTertialNotes")
            .WithSummary("The provider's interventions running in the tertial, each with its self-assessment (written per intervention with PUT /interventions/{id}/tertial-notes/{year}/{tertial}).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
