using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Api.Ui.Charts;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Files;
using Samordning.FollowUp.Features.Trends;

namespace Samordning.FollowUp.Api.Pages.Trends;

/// <summary>
/// "Utveckling över tid" (/kansli/utveckling): the office's indicators and volumes per tertial for
/// three years, for the association or one intervention (<see cref="GetTrendsQuery"/>, the same
/// query as the API's GET /associations/{id}/trends). Exact figures, like the office's other pages.
/// </summary>
internal sealed class IndexModel : OfficePage
{
    [BindProperty(SupportsGet = true, Name = "insats")]
    public long? InterventionId { get; set; }

    public TrendsResponse? Trends { get; private set; }

    protected override string FormPrefix => string.Empty;

    public async Task OnGetAsync()
    {
        var (_, trends) = await TrySendAsync(new GetTrendsQuery(AssociationId, InterventionId));
        Trends = trends;
    }

    public IReadOnlyList<SelectListItem> ScopeOptions =>
    [
        new SelectListItem("Hela förbundet", string.Empty),
        .. (Trends?.Interventions ?? []).Select(i => new SelectListItem($"{i.Name} ({i.ProviderName})",
            i.Id.ToString(CultureInfo.InvariantCulture), i.Id == InterventionId)),
    ];

    /// <summary>The same figures as JSON (the API's endpoint).</summary>
    public string JsonLink => string.Create(CultureInfo.InvariantCulture,
        $"/api/v1/associations/{AssociationId}/trends{(InterventionId is { } id ? $"?interventionId={id}" : string.Empty)}");

    public static string Label(TrendTertial tertial) => $"T{tertial.Tertial} {tertial.Year}";

    /// <summary>"pågår" for the tertial not yet ended, "fastställd" for an adopted one.</summary>
    public static string? Note(TrendTertial tertial) => tertial.Ongoing ? "pågår" : tertial.Adopted ? "fastställd" : null;

    public IReadOnlyList<string> Labels => [.. Trends!.Tertials.Select(Label)];

    /// <summary>A count, or "–" where the intervention did not run in the tertial.</summary>
    public static string Count(int? value) => value is { } v ? SwedishFormat.Number(v) : SwedishFormat.None;

    /// <summary>"50,0 % (1 av 2)", or "–" without a figure or without exits.</summary>
    public static string Rate(IndicatorFigure? figure) => figure is { Denominator: > 0 } f
        ? $"{SwedishFormat.Percent(f.Rate)} ({SwedishFormat.Number(f.Numerator)} av {SwedishFormat.Number(f.Denominator)})"
        : SwedishFormat.None;

    public static string Target(TrendIndicatorValue value) =>
        value.TargetPercent is { } target ? SwedishFormat.Percent(target) : SwedishFormat.None;

    /// <summary>The judgement with its symbol, or why there is no figure ("– inte beräknad ännu").</summary>
    public static string Judgement(TrendIndicatorValue value) => value.Status is { } status
        ? ReportText.Judgement(status)
        : $"{SwedishFormat.None} {SwedishFormat.Label(value.State)}";

    public static string JudgementCss(TrendIndicatorValue value) => value.Status switch
    {
        IndicatorStatus.Met => "status ok",
        IndicatorStatus.NotMet => "status bad",
        IndicatorStatus.TooFew => "status warn",
        _ => "hint",
    };

    public static bool TwelveMonths(TrendIndicatorSeries series) => series.Values.Any(v => v.Total?.Reached is not null);

    public static IReadOnlyList<TrendLine> IndicatorLines(TrendIndicatorSeries series) =>
    [
        new TrendLine("Utfall", [.. series.Values.Select(v => v.Total is { Denominator: > 0 } f ? f.Rate : null)], Svg.Brand),
        new TrendLine("Mål", [.. series.Values.Select(v => (double?)v.TargetPercent)], Svg.Ink, Dashed: true),
    ];

    /// <summary>The chart's text alternative: every tertial's outcome against its target, or why there is none.</summary>
    public string IndicatorDescription(TrendIndicatorSeries series) =>
        $"{series.Code} {series.Name}, {Trends!.ScopeName}, andel per tertial: "
        + string.Join("; ", series.Values.Zip(Trends.Tertials).Select(x => x.First.Status is not null
            ? $"{Label(x.Second)} {SwedishFormat.Percent(x.First.Total!.Rate)}, mål {Target(x.First)}, {SwedishFormat.Label(x.First.Status.Value)}"
            : $"{Label(x.Second)} {SwedishFormat.Label(x.First.State)}"))
        + ".";

    public IReadOnlyList<TrendLine> VolumeLines() =>
    [
        new TrendLine("Aktiva", [.. Trends!.Volumes.Select(v => (double?)v.Active?.Total)], Svg.Brand),
        new TrendLine("Nya", [.. Trends.Volumes.Select(v => (double?)v.New?.Total)], Svg.Ok),
        new TrendLine("Avslutade", [.. Trends.Volumes.Select(v => (double?)v.Ended?.Total)], Svg.Warn),
    ];

    public string VolumeDescription() =>
        $"Deltagare per tertial, {Trends!.ScopeName}: "
        + string.Join("; ", Trends.Volumes.Zip(Trends.Tertials).Select(x => x.First.Running
            ? $"{Label(x.Second)} aktiva {x.First.Active!.Total}, nya {x.First.New!.Total}, avslutade {x.First.Ended!.Total}"
            : $"{Label(x.Second)} insatsen pågick inte"))
        + ".";
}
