using System.Text.Json.Serialization;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Reports.Disclosure;
using Samordning.FollowUp.Features.Reports.Presentation;
using Samordning.FollowUp.Features.Reports.Trends;

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
    [property: JsonIgnore] TertialReport? Adopted = null)
{
    /// <summary>The report as its reader sees it (masked for the board): what the page and every file render.</summary>
    [JsonIgnore]
    public ReportPresentation? Presentation { get; init; }

    /// <summary>The adopted report as the same reader saw it (Restated only): what the restatement compares with.</summary>
    [JsonIgnore]
    public ReportPresentation? AdoptedPresentation { get; init; }

    /// <summary>What changed since adoption, in what this reader sees (empty unless Restated).</summary>
    [JsonIgnore]
    public IReadOnlyList<RestatementGroup> Restatement =>
        AdoptedPresentation is { } adopted && Presentation is { } current ? Features.Reports.Presentation.Restatement.Summary(adopted, current) : [];

    /// <summary>
    /// What the API returns: the office gets the exact report, the differences and the presentation;
    /// the board (and anyone it hands the figures to) only the masked presentation, whose cells say
    /// which figures are withheld.
    /// </summary>
    public TertialReportResponse ToResponse() => Presentation?.Audience == ReportAudience.Board
        ? new TertialReportResponse(Status, null, null, Presentation)
        : new TertialReportResponse(Status, Report, Differences, Presentation!);
}

/// <param name="Report">The exact report: the office only.</param>
/// <param name="Differences">Every value that differs from the adopted report: the office only.</param>
/// <param name="Presentation">The report as the caller may see it; a withheld count is a cell with "masked": true and no value.</param>
public sealed record TertialReportResponse(
    ReportStatus Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TertialReport? Report,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ReportDifference>? Differences,
    ReportPresentation Presentation);

/// <param name="View">"current" for today's figures of a closed tertial with the differences flagged.</param>
[Access(UserRole.AssociationAdmin, UserRole.BoardMember)]
public sealed record GetTertialReportQuery(long AssociationId, int Year, int Tertial, string? Mode, string? View) : IQuery<TertialReportView>, IAssociationScoped
{
    /// <summary>The mode asked for (its validator has checked the name), the period alone when none.</summary>
    /// <remarks>A method, not a property: a record's text (<c>ToString</c>, a log line) must not parse an unchecked name.</remarks>
    public ReportMode ParsedMode() => Mode is null ? ReportMode.Period : Enum.Parse<ReportMode>(Mode, ignoreCase: true);
}

internal sealed class GetTertialReportValidator : AbstractValidator<GetTertialReportQuery>
{
    public GetTertialReportValidator()
    {
        RuleFor(x => x.Year).ValidYear();
        RuleFor(x => x.Tertial).ValidTertial();
        RuleFor(x => x.Mode).IsEnumName(typeof(ReportMode), caseSensitive: false).WithMessage("Rapportens läge är inte ett tillåtet värde. Tillåtna värden: Period, YearToDate.");
        RuleFor(x => x.View).Must(v => v is null || v.Equals("current", StringComparison.OrdinalIgnoreCase)
                || v.Equals("adopted", StringComparison.OrdinalIgnoreCase))
            .WithMessage("Vyn är inte ett tillåtet värde. Tillåtna värden: adopted, current.");
    }
}

internal sealed class GetTertialReportHandler(
    FollowUpDbContext db, TertialReportBuilder builder, Economy.EconomyBuilder economy, ReportScopes scopes, BoardDisclosure disclosure, CallerContext caller,
    ReportYearParts parts, ReportWarmer warmer, ReportReadVersion reads, AdoptedSnapshots snapshots)
    : IQueryHandler<GetTertialReportQuery, TertialReportView>
{
    public ValueTask<TertialReportView> Handle(GetTertialReportQuery query, CancellationToken cancellationToken) =>
        // Only the office sees exact counts; the board, and everyone it hands the report to, the masked ones.
        HandleAsync(query, caller.Current.Is(UserRole.AssociationAdmin) ? ReportAudience.Office : ReportAudience.Board, cancellationToken);

    /// <summary>
    /// The report as <paramref name="audience"/> sees it. The warmer (<see cref="ReportWarmer"/>) calls
    /// this directly, as the system, to build the office's view without the board's masks when only the
    /// office has read the report; every reader comes through <see cref="Handle"/>.
    /// </summary>
    internal async ValueTask<TertialReportView> HandleAsync(GetTertialReportQuery query, ReportAudience audience, CancellationToken cancellationToken)
    {
        // What the year's reports and the trend read from the big tables is fetched side by side
        // first (ReportYearParts); the trend is built beside the report, in a scope of its own (ReportScopes).
        // An adopted report is read as it was adopted: then only the trend's periods not adopted are counted.
        // The data version every part is kept under, read once here before the parts start side by side (ReportReadVersion).
        var version = await reads.GetAsync(cancellationToken);
        var adoption = await db.ReportAdoptions.AsNoTracking()
            .SingleOrDefaultAsync(a => a.AssociationId == query.AssociationId && a.Year == query.Year && a.Tertial == query.Tertial, cancellationToken);
        var adoptedAsIs = adoption is not null && !string.Equals(query.View, "current", StringComparison.OrdinalIgnoreCase);
        var fetch = adoptedAsIs || await parts.FetchedAsync(query.AssociationId, query.Year, cancellationToken)
            ? Task.FromResult(true)
            : scopes.BuildAsync(services => services.GetRequiredService<ReportYearParts>().FetchAllAsync(query.AssociationId, query.Year, cancellationToken));
        var trendBuild = scopes.BuildAsync(services =>
            services.GetRequiredService<ReportTrends>().BuildAsync(query.AssociationId, query.Year, query.Tertial, cancellationToken));
        var viewBuild = ViewAsync(query, adoption, cancellationToken);
        await Task.WhenAll(fetch, viewBuild, trendBuild);
        var view = await viewBuild;
        var association = await parts.AssociationAsync(query.AssociationId, cancellationToken);
        var plan = new PlanThresholds(association.PlanBelowPercent, association.PlanAbovePercent);
        var trend = await trendBuild;
        var threshold = association.SmallNumberThreshold;
        // The board's masks are decided with the year's other reports, which it can open beside this one.
        var (masks, adoptedMasks) = audience == ReportAudience.Board
            ? await disclosure.MaskAsync(query.AssociationId, threshold, view.Report, view.Adopted, trend, cancellationToken)
            : (MaskedCells.None, MaskedCells.None);
        if (caller.Current.IsSignedIn)
        {
            // Read by a person (not the warmer itself, not a job): built before their next visit after a change.
            warmer.Read(query, audience, version);
        }

        return view with
        {
            Presentation = ReportPresenter.Present(view, audience, threshold, plan, trend, masks),
            AdoptedPresentation = view.Adopted is { } adopted
                ? ReportPresenter.Present(new TertialReportView(ReportStatus.Adopted, adopted, []), audience, threshold, plan, masks: adoptedMasks)
                : null,
        };
    }

    private async Task<TertialReportView> ViewAsync(GetTertialReportQuery query, ReportAdoption? adoption, CancellationToken cancellationToken)
    {
        var mode = query.ParsedMode();
        var current = string.Equals(query.View, "current", StringComparison.OrdinalIgnoreCase);
        if (adoption is null)
        {
            return new TertialReportView(ReportStatus.Draft,
                await economy.AttachAsync(await builder.BuildAsync(query.AssociationId, query.Year, query.Tertial, mode, cancellationToken), cancellationToken), []);
        }

        var adopted = snapshots.Report(mode == ReportMode.Period ? adoption.PeriodReport : adoption.YearToDateReport);
        if (!current)
        {
            return new TertialReportView(ReportStatus.Adopted, adopted, []);
        }

        var now = await economy.AttachAsync(await builder.BuildAsync(query.AssociationId, query.Year, query.Tertial, mode, cancellationToken), cancellationToken);
        return new TertialReportView(ReportStatus.Restated, now, ReportSnapshots.Compare(adopted, now), adopted);
    }
}

public static class GetTertialReportEndpoint
{
    public const string Route = "/associations/{associationId:long}/reports/tertial/{year:int}/{tertial:int}";

    public static RouteGroupBuilder MapGetTertialReport(this RouteGroupBuilder group)
    {
        group.MapGet(Route, async Task<Ok<TertialReportResponse>> (
                long associationId, int year, int tertial, string? mode, string? view, ISender sender, CancellationToken ct) =>
                TypedResults.Ok((await sender.Send(new GetTertialReportQuery(associationId, year, tertial, mode, view), ct)).ToResponse()))
            .WithName("GetTertialReport")
            .WithSummary("The board's tertial report: the adopted one for a closed tertial, or view=current with differences.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
