using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Api.Ui.Charts;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Associations;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Files;

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

    public TertialReportView? View { get; private set; }

    public AssociationResponse? Association { get; private set; }

    public Counts Counts { get; private set; } = Counts.Exact;

    public bool IsOffice => Caller.Is(UserRole.AssociationAdmin);

    public ReportMode SelectedMode => TertialChoice.Mode(Mode) ?? ReportMode.Period;

    public bool WantsCurrent => string.Equals(RequestedView, "aktuell", StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<int> Years => TertialChoice.Years(Today, Year);

    protected override string FormPrefix => string.Empty;

    /// <summary>Closing is refused for the tertial as a whole, not for a field of the choice form.</summary>
    protected override string FieldKey(string handlerField) => _closing ? string.Empty : base.FieldKey(handlerField);

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
        var command = new CloseTertialCommand(AdoptedBy)
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

    public string StatusText => View!.Status switch
    {
        ReportStatus.Draft => "Utkast",
        ReportStatus.Adopted => ReportText.Adoption(View.Report.Header),
        _ => Summary().Count > 0 ? "Fastställd, med rättelser" : "Fastställd, inga rättelser sedan dess",
    };

    public string StatusClass => View!.Status switch
    {
        ReportStatus.Draft => "neutral",
        ReportStatus.Adopted => "ok",
        _ => Summary().Count > 0 ? "warn" : "ok",
    };

    /// <summary>The judgement in the report files' words, with a symbol so it is not told by colour alone.</summary>
    public static string JudgementText(IndicatorStatus status) => ReportText.Judgement(status);

    public static string StatusCss(IndicatorStatus status) => status switch
    {
        IndicatorStatus.Met => "ok",
        IndicatorStatus.NotMet => "bad",
        _ => "warn",
    };

    /// <summary>A rate as the reader may see it (<see cref="Counts.Rate"/>).</summary>
    public string Rate(IndicatorFigure figure) => Counts.Rate(figure);

    internal static IReadOnlyList<IndicatorLine> IndicatorLines(TertialReport report) => [.. SummaryColumns.IndicatorLines(report)];

    public IReadOnlyList<TargetChartItem> IndicatorChartItems()
    {
        var items = new List<TargetChartItem>();
        foreach (var line in IndicatorLines(View!.Report))
        {
            var i = line.Indicator;
            TargetChartBar Bar(string label, IndicatorFigure f, bool main)
            {
                var hidden = Counts.Masked && f.TooFew;
                var text = f.Denominator == 0
                    ? "inga avslut"
                    : $"{Rate(f)} ({Counts.Of(f.Numerator)} av {Counts.Of(f.Denominator)})";
                return new TargetChartBar(label, hidden ? null : f.Rate, text, main);
            }

            items.Add(new TargetChartItem(
                $"{i.Code} {line.Name}",
                line.Target,
                i.Status,
                JudgementText(i.Status),
                [Bar("Totalt", i.Total, true), Bar("Kvinnor", i.Woman, false), Bar("Män", i.Man, false)]));
        }

        return items;
    }

    public IReadOnlyList<ComparisonItem> PlannedActualItems()
    {
        var planned = SelectedMode == ReportMode.YearToDate ? "Planerat hittills" : "Planerat";
        var items = new List<ComparisonItem>();
        // Count-only interventions report a calendar-year count, not participants in the period:
        // they are in the table, not in the chart.
        foreach (var row in View!.Report.Sections.SelectMany(s => s.Categories).SelectMany(c => c.Interventions)
                     .Where(r => r.RegistrationMode != RegistrationMode.CountOnly))
        {
            var f = row.Figures;
            var actual = f.Active.Total;
            items.Add(new ComparisonItem(row.Name,
            [
                new ComparisonBar(planned, f.PlannedParticipantsProRata, SwedishFormat.OneDecimal(f.PlannedParticipantsProRata), Planned: true),
                new ComparisonBar("Aktiva", Counts.Hides(actual) ? null : actual, Counts.Of(actual), Planned: false),
            ]));
        }

        return items;
    }

    /// <summary>The codes (exit reasons, occupations) that occur anywhere in the report, in order of first appearance.</summary>
    public static IReadOnlyList<CodeCount> Codes(TertialReport report, Func<ReportFigures, IReadOnlyList<CodeCount>> counts) =>
        [.. ReportLines.All(report).SelectMany(l => counts(l.Figures)).DistinctBy(c => c.Code)];

    public IReadOnlyList<FigureColumn> CodeColumns(IReadOnlyList<CodeCount> codes, Func<ReportFigures, IReadOnlyList<CodeCount>> counts) =>
        [.. codes.Select(code => new FigureColumn(code.Label, f => Counts.Of(counts(f).Where(c => c.Code == code.Code).Sum(c => c.Count))))];

    /// <summary>
    /// What changed since adoption, per intervention and figure, in what this reader sees: the
    /// board is not shown a count that reads "&lt;5" both before and after.
    /// </summary>
    public IReadOnlyList<RestatementGroup> Summary() => _summary ??=
        View is { Status: ReportStatus.Restated, Adopted: { } adopted } ? Restatement.Summary(adopted, View.Report, Counts) : [];

    /// <summary>Every value that differs, in words: the office's full list.</summary>
    public IReadOnlyList<ReadableDifference> Differences() =>
        [.. View!.Differences.Select(d => ReadableDifference.Of(d, View.Report, Counts))];
}
