using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Reports;

public enum ReportStatus
{
    /// <summary>The tertial is not closed: figures as they are now.</summary>
    Draft,

    /// <summary>The report exactly as the board adopted it.</summary>
    Adopted,

    /// <summary>Figures as they are now for a closed tertial, with every difference against the adopted report.</summary>
    Restated,
}

/// <param name="Adopted">
/// The adopted report beside today's figures (Restated only), so the page can say per intervention
/// and figure what changed in what its reader sees; the API gives the differences instead.
/// </param>
public sealed record TertialReportView(
    ReportStatus Status,
    TertialReport Report,
    IReadOnlyList<ReportDifference> Differences,
    [property: JsonIgnore] TertialReport? Adopted = null);

/// <param name="View">"current" for today's figures of a closed tertial with the differences flagged.</param>
[Access(UserRole.AssociationAdmin, UserRole.BoardMember)]
public sealed record GetTertialReportQuery(long AssociationId, int Year, int Tertial, string? Mode, string? View) : IQuery<TertialReportView>, IAssociationScoped;

internal sealed class GetTertialReportValidator : AbstractValidator<GetTertialReportQuery>
{
    public GetTertialReportValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(2000, 2100).WithMessage("Året ska vara mellan 2000 och 2100.");
        RuleFor(x => x.Tertial).InclusiveBetween(1, 3).WithMessage("Tertial ska vara 1, 2 eller 3.");
        RuleFor(x => x.Mode).IsEnumName(typeof(ReportMode), caseSensitive: false).WithMessage("Mode ska vara Period eller YearToDate.");
        RuleFor(x => x.View).Must(v => v is null || v.Equals("current", StringComparison.OrdinalIgnoreCase)
                || v.Equals("adopted", StringComparison.OrdinalIgnoreCase))
            .WithMessage("View ska vara adopted eller current.");
    }
}

internal sealed class GetTertialReportHandler(FollowUpDbContext db, TertialReportBuilder builder)
    : IQueryHandler<GetTertialReportQuery, TertialReportView>
{
    public async ValueTask<TertialReportView> Handle(GetTertialReportQuery query, CancellationToken cancellationToken)
    {
        var mode = query.Mode is null ? ReportMode.Period : Enum.Parse<ReportMode>(query.Mode, ignoreCase: true);
        var adoption = await db.ReportAdoptions.AsNoTracking()
            .SingleOrDefaultAsync(a => a.AssociationId == query.AssociationId && a.Year == query.Year && a.Tertial == query.Tertial, cancellationToken);
        var current = string.Equals(query.View, "current", StringComparison.OrdinalIgnoreCase);
        if (adoption is null)
        {
            return new TertialReportView(ReportStatus.Draft,
                await builder.BuildAsync(query.AssociationId, query.Year, query.Tertial, mode, cancellationToken), []);
        }

        var adopted = ReportSnapshots.Deserialize(mode == ReportMode.Period ? adoption.PeriodReport : adoption.YearToDateReport);
        if (!current)
        {
            return new TertialReportView(ReportStatus.Adopted, adopted, []);
        }

        var now = await builder.BuildAsync(query.AssociationId, query.Year, query.Tertial, mode, cancellationToken);
        return new TertialReportView(ReportStatus.Restated, now, ReportSnapshots.Compare(adopted, now), adopted);
    }
}

public static class GetTertialReportEndpoint
{
    public const string Route = "/associations/{associationId:long}/reports/tertial/{year:int}/{tertial:int}";

    public static RouteGroupBuilder MapGetTertialReport(this RouteGroupBuilder group)
    {
        group.MapGet(Route, async Task<Ok<TertialReportView>> (
                long associationId, int year, int tertial, string? mode, string? view, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetTertialReportQuery(associationId, year, tertial, mode, view), ct)))
            .WithName("GetTertialReport")
            .WithSummary("The board's tertial report: the adopted one for a closed tertial, or view=current with differences.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
