using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Api.Ui.Charts;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Associations;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Presentation;
using Samordning.FollowUp.Features.TertialCycle;

namespace Samordning.FollowUp.Api.Pages.Reports;

/// <summary>
/// The tertial report for the office and the board: the same query as the API
/// (GetTertialReportQuery), so the same access rules and figures. The office may close the
/// tertial here (CloseTertialCommand); a closed tertial can be shown with today's figures and
/// the differences against the adopted report (?vy=aktuell).
/// </summary>
public sealed class TertialModel : UiPage
{
    private bool _closing;
    private IReadOnlyList<RestatementGroup>? _summary;

    [BindProperty(SupportsGet = true, Name = "ar")]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "tertial")]
    public int? Tertial { get; set; }

    /// <summary>The report's mode as the address has it: "perioden" or "hittills" (<see cref="TertialChoice.Mode"/>).</summary>
    [BindProperty(SupportsGet = true, Name = "redovisning")]
    public string? Mode { get; set; }

    /// <summary>"aktuell": a closed tertial with today's figures and the differences.</summary>
    [BindProperty(SupportsGet = true, Name = "vy")]
    public string? RequestedView { get; set; }

    /// <summary>Why the office adopts while a provider of the cycle is not accepted (the override); printed in the report.</summary>
    [BindProperty(Name = "motivering")]
    public string? OverrideReason { get; set; }

    public TertialReportView? View { get; private set; }

    public AssociationResponse? Association { get; private set; }

    /// <summary>The tertial cycle in counts of providers (attested, accepted), for the office and the board.</summary>
    public TertialCycleSummaryResponse? Cycle { get; private set; }

    public Counts Counts { get; private set; } = Counts.Exact;

    public bool IsOffice => Caller.Is(UserRole.AssociationAdmin);

    public ReportMode SelectedMode => TertialChoice.Mode(Mode) ?? ReportMode.Period;

    public bool WantsCurrent => string.Equals(RequestedView, "aktuell", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<int> Years => TertialChoice.Years(Today, Year);

    protected override string FormPrefix => string.Empty;

    /// <summary>Closing is refused for the tertial as a whole, not for a field of the choice form.</summary>
    protected override string FieldKey(string handlerField) =>
        _closing && handlerField != "overrideReason" ? string.Empty : base.FieldKey(handlerField);

    public async Task<IActionResult> OnGetAsync()
    {
        // The choice form sends ?ar=&tertial=: go to the report's own address.
        if (RouteData.Values["ar"] is null && Year is not null && Tertial is not null && ModelState.IsValid)
        {
            return Redirect(Address(Year.Value, Tertial.Value, SelectedMode, current: false));
        }

        if (Year is null || Tertial is null)
        {
            (Year, Tertial) = TertialChoice.MostRecentEnded(Today);
        }

        await LoadAsync();
        return Page();
    }

    [HandlerName("Faststall")]
    public async Task<IActionResult> OnPostCloseAsync()
    {
        if (Year is null || Tertial is null || !ModelState.IsValid)
        {
            return NotFound();
        }

        _closing = true;
        var command = new CloseTertialCommand(AdoptedBy, string.IsNullOrWhiteSpace(OverrideReason) ? null : OverrideReason)
        {
            AssociationId = Caller.AssociationId ?? 0,
            Year = Year.Value,
            Tertial = Tertial.Value,
        };
        var (ok, _) = await TrySendAsync(command);
        if (ok)
        {
            Confirm($"Tertialrapport T{Tertial} {Year} är fastställd. Rapporten nedan är den fastställda och ändras inte.");
            return Redirect(Address(Year.Value, Tertial.Value, SelectedMode, current: false));
        }

        RequestedView = null;
        await LoadAsync();
        return Page();
    }

    /// <summary>Who adopts: the signed-in user's display name, else the e-mail address.</summary>
    private string AdoptedBy => User.FindFirstValue(ClaimTypes.GivenName) is { Length: > 0 } name ? name : Caller.Name;

    private async Task LoadAsync()
    {
        if (TertialChoice.Mode(Mode) is null)
        {
            ModelState.AddModelError(BoundName(nameof(Mode))!, "Välj Perioden eller Hittills i år.");
        }

        if (ModelState.Any(e => e.Key != string.Empty && e.Value?.Errors.Count > 0))
        {
            return;
        }

        var associationId = Caller.AssociationId ?? 0;
        var query = new GetTertialReportQuery(associationId, Year!.Value, Tertial!.Value, SelectedMode.ToString(), WantsCurrent ? "current" : null);
        var (ok, view) = await TrySendAsync(query);
        if (!ok)
        {
            return;
        }

        View = view;
        Association = await Sender.Send(new GetAssociationQuery(associationId), Aborted);
        Counts = new Counts(!IsOffice, Association.SmallNumberThreshold);
        Cycle = await Sender.Send(new GetTertialCycleSummaryQuery(associationId, Year.Value, Tertial.Value), Aborted);
    }

    public static string Address(int year, int tertial, ReportMode mode, bool current)
    {
        var query = new List<string>();
        if (mode != ReportMode.Period)
        {
            query.Add($"redovisning={TertialChoice.ModeValue(mode)}");
        }

        if (current)
        {
            query.Add("vy=aktuell");
        }

        return $"/rapport/{year}/{tertial}" + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
    }

    /// <summary>The API's file for this report (the cookie sign-in is accepted there).</summary>
    public string FileAddress(string extension)
    {
        var header = View!.Report.Header;
        var url = $"/api/v1/associations/{header.AssociationId}/reports/tertial/{header.Year}/{header.Tertial}/report.{extension}?mode={header.Mode}";
        return View.Status == ReportStatus.Restated ? url + "&view=current" : url;
    }

    public ReportPresentation Presentation => View!.Presentation!;

    public string StatusClass => View!.Status switch
    {
        ReportStatus.Draft => "draft",
        ReportStatus.Adopted => "ok",
        _ => Summary().Count > 0 ? "warn" : "ok",
    };

    public static string ToneCss(FigureTone tone) => tone switch
    {
        FigureTone.Good => "ok",
        FigureTone.Bad => "bad",
        FigureTone.Caution => "warn",
        _ => "neutral",
    };

    public IReadOnlyList<TargetChartItem> IndicatorChartItems() =>
    [
        .. Presentation.Indicators.Select(i => new TargetChartItem(
            $"{i.Code} {i.Name}",
            i.TargetPercent,
            i.Status,
            i.Judgement,
            [Bar("Totalt", i.Total, true), Bar("Kvinnor", i.Women, false), Bar("Män", i.Men, false)])),
    ];

    private static TargetChartBar Bar(string label, PresentedRate rate, bool main) => new(
        label,
        rate.Rate,
        rate.DenominatorText == "0" ? "inga avslut" : $"{rate.RateText} ({rate.NumeratorText} av {rate.DenominatorText})",
        main);

    /// <summary>Each indicator over the last six tertials: one bar per tertial, the report's own as the main bar.</summary>
    public IReadOnlyList<TargetChartItem> TrendChartItems() =>
    [
        .. Presentation.Trend!.Indicators.Select(series =>
        {
            var status = Presentation.Indicators.FirstOrDefault(i => i.Code == series.Code)?.Status ?? IndicatorStatus.TooFew;
            return new TargetChartItem($"{series.Code} {series.Name}", series.TargetPercent, status,
                Presentation.Indicators.FirstOrDefault(i => i.Code == series.Code)?.Judgement ?? string.Empty,
                [.. series.Values.Select((v, i) => new TargetChartBar(v.Label, v.Rate, v.Text, Main: i == series.Values.Count - 1))]);
        }),
    ];

    public IReadOnlyList<ComparisonItem> VolumeTrendItems() =>
    [
        .. Presentation.Trend!.Volumes.Select(b => new ComparisonItem(b.Intervention,
        [
            new ComparisonBar("Planerat", b.Planned, SwedishFormat.Number(b.Planned), Planned: true),
            new ComparisonBar("Aktiva", b.Actual, b.ActualText, Planned: false),
        ])),
    ];

    public IReadOnlyList<ComparisonItem> PlannedActualItems()
    {
        var planned = SelectedMode == ReportMode.YearToDate ? "Planerat hittills" : "Planerat";
        // Count-only interventions report a calendar-year count, not participants in the period:
        // they are in the table, not in the chart.
        return
        [
            .. Presentation.PlanBars.Select(b => new ComparisonItem(b.Intervention,
            [
                new ComparisonBar(planned, b.Planned, SwedishFormat.Number(b.Planned), Planned: true),
                new ComparisonBar("Aktiva", b.Actual, b.ActualText, Planned: false),
            ])),
        ];
    }

    /// <summary>
    /// What changed since adoption, per intervention and figure, in what this reader sees: the
    /// board is not shown a count that reads "&lt;5" both before and after.
    /// </summary>
    public IReadOnlyList<RestatementGroup> Summary() => _summary ??= View?.Restatement ?? [];

    /// <summary>Every value that differs, in words: the office's full list.</summary>
    public IReadOnlyList<ReadableDifference> Differences() =>
        [.. View!.Differences.Select(d => ReadableDifference.Of(d, View.Report, Counts))];
}
