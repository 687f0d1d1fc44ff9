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

/// <summary>The office's view of a tertial: every provider of the association with its state and checklist counts.</summary>
[Access(UserRole.AssociationAdmin)]
public sealed record ListAssociationTertialReportsQuery(long AssociationId, int Year, int Tertial)
    : IQuery<AssociationTertialReportsResponse>, IAssociationScoped;

public sealed record AssociationTertialReportsResponse(long AssociationId, int Year, int Tertial, bool TertialAdopted, IReadOnlyList<ProviderTertialStatus> Providers);

public sealed record ProviderTertialStatus(
    long ProviderId,
    string ProviderName,
    TertialReportState State,
    string StateLabel,
    DateTime? UpdatedAtUtc,
    // Who made the last step, and whether that step was the office returning the report (Open again, with a remark).
    string? UpdatedByName,
    bool Returned,
    DataQualityRow Checklist,
    int OpenChecklistItems);

internal sealed class ListAssociationTertialReportsValidator : AbstractValidator<ListAssociationTertialReportsQuery>
{
    public ListAssociationTertialReportsValidator()
    {
        RuleFor(x => x.Year).ValidYear();
        RuleFor(x => x.Tertial).ValidTertial();
    }
}

internal sealed class ListAssociationTertialReportsHandler(FollowUpDbContext db, TertialReportBuilder builder, TertialCycleRules cycle)
    : IQueryHandler<ListAssociationTertialReportsQuery, AssociationTertialReportsResponse>
{
    public async ValueTask<AssociationTertialReportsResponse> Handle(ListAssociationTertialReportsQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Associations.AnyAsync(a => a.Id == query.AssociationId, cancellationToken))
        {
            throw new NotFoundException(NotFoundMessages.Association);
        }

        var reports = await db.ProviderTertialReports.AsNoTracking()
            .Where(r => r.AssociationId == query.AssociationId && r.Year == query.Year && r.Tertial == query.Tertial)
            .ToDictionaryAsync(r => r.ProviderId, r => new { r.Id, r.State, r.UpdatedAtUtc }, cancellationToken);
        var reportIds = reports.Values.Select(r => r.Id).ToList();
        var steps = await db.ProviderTertialTransitions.AsNoTracking()
            .Where(t => reportIds.Contains(t.ReportId))
            .Select(t => new { t.ReportId, t.Id, t.AtUtc, t.UserName, t.From, t.To })
            .ToListAsync(cancellationToken);
        var lastSteps = steps.GroupBy(t => t.ReportId)
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.AtUtc).ThenBy(t => t.Id).Last());
        // One row per provider of the association, named and ordered as in the report's data quality.
        var checklists = await builder.DataQualityAsync(query.AssociationId, query.Year, query.Tertial, cancellationToken);
        var providers = checklists.Select(c =>
        {
            var report = reports.GetValueOrDefault(c.ProviderId);
            var state = report?.State ?? TertialReportState.Open;
            var last = report is null ? null : lastSteps.GetValueOrDefault(report.Id);
            var returned = state == TertialReportState.Open && last is { From: TertialReportState.Attested, To: TertialReportState.Open };
            return new ProviderTertialStatus(c.ProviderId, c.ProviderName, state, SwedishFormat.Label(state), report?.UpdatedAtUtc,
                last?.UserName, returned, c, TertialCycleRules.OpenItems(c));
        }).ToList();
        return new AssociationTertialReportsResponse(query.AssociationId, query.Year, query.Tertial,
            await cycle.IsAdoptedAsync(query.AssociationId, query.Year, query.Tertial, cancellationToken), providers);
    }
}

public static class ListAssociationTertialReportsEndpoint
{
    public static RouteGroupBuilder MapListAssociationTertialReports(this RouteGroupBuilder group)
    {
        group.MapGet("/associations/{associationId:long}/tertial-reports/{year:int}/{tertial:int}", async Task<Ok<AssociationTertialReportsResponse>> (
                long associationId, int year, int tertial, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListAssociationTertialReportsQuery(associationId, year, tertial), ct)))
            .WithName("ListAssociationTertialReports")
            .WithSummary("The office's view of a tertial: every provider of the association with its state and checklist counts.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
