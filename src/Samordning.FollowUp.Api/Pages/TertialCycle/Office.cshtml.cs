using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Pages.Reports;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Presentation;
using Samordning.FollowUp.Features.TertialCycle;

namespace Samordning.FollowUp.Api.Pages.TertialCycle;

/// <summary>
/// The office's page of the tertial cycle: every provider of the association with its state,
/// last step and checklist counts (ListAssociationTertialReportsQuery); an attested report is
/// accepted or sent back with a remark (AcceptTertialReportCommand, ReturnTertialReportCommand).
/// Below, the providers' comments for the tertial as the report shows them. An adopted tertial
/// is read only.
/// </summary>
internal sealed class OfficeModel : OfficePage
{
    [BindProperty(SupportsGet = true, Name = "ar")]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "tertial")]
    public int? Tertial { get; set; }

    /// <summary>The provider whose report a form accepts or returns.</summary>
    [BindProperty(Name = "utforare")]
    public long? ProviderId { get; set; }

    /// <summary>The office's remark when it sends a report back.</summary>
    [BindProperty(Name = "anmarkning")]
    public string? Remark { get; set; }

    public AssociationTertialReportsResponse? Cycle { get; private set; }

    /// <summary>The cycle in counts, and the providers adoption still waits for.</summary>
    public TertialCycleSummaryResponse? Summary { get; private set; }

    /// <summary>The providers of the cycle that have not attested (open, or sent back): whom "Påminn" reaches.</summary>
    public IReadOnlyList<CycleProvider> NotAttested =>
        Summary?.NotAccepted.Where(p => p.State == TertialReportState.Open).ToList() ?? [];

    public IReadOnlyList<PresentedNote> Notes { get; private set; } = [];

    public IReadOnlyList<string> WithoutNote { get; private set; } = [];

    public IReadOnlyList<int> Years => TertialChoice.Years(Today, Year);

    protected override string FormPrefix => string.Empty;

    /// <summary>The row whose return was refused: its remark field carries the message.</summary>
    public bool IsRefusedRow(long providerId) =>
        ProviderId == providerId && ModelState.TryGetValue(BoundName(nameof(Remark))!, out var entry) && entry.Errors.Count > 0;

    public async Task<IActionResult> OnGetAsync()
    {
        if (Year is null || Tertial is null)
        {
            (Year, Tertial) = TertialChoice.MostRecentEnded(Today);
        }

        await LoadAsync();
        return Page();
    }

    [HandlerName("Godkann")]
    public async Task<IActionResult> OnPostAcceptAsync()
    {
        if (Year is null || Tertial is null || ProviderId is null)
        {
            return NotFound();
        }

        var (ok, report) = await TrySendAsync(new AcceptTertialReportCommand(ProviderId.Value, Year.Value, Tertial.Value));
        if (ok)
        {
            Confirm($"Rapporten från {report!.ProviderName} för T{Tertial} {Year} är godkänd.");
            return Redirect(Address(Year.Value, Tertial.Value));
        }

        await LoadAsync();
        return Page();
    }

    [HandlerName("SkickaTillbaka")]
    public async Task<IActionResult> OnPostReturnAsync()
    {
        if (Year is null || Tertial is null || ProviderId is null)
        {
            return NotFound();
        }

        var command = new ReturnTertialReportCommand(Remark) { ProviderId = ProviderId.Value, Year = Year.Value, Tertial = Tertial.Value };
        var (ok, report) = await TrySendAsync(command);
        if (ok)
        {
            Confirm($"Rapporten från {report!.ProviderName} för T{Tertial} {Year} är skickad tillbaka med anmärkningen. Utföraren kan rätta och intyga igen.");
            return Redirect(Address(Year.Value, Tertial.Value));
        }

        await LoadAsync();
        return Page();
    }

    [HandlerName("Paminn")]
    public async Task<IActionResult> OnPostRemindAsync()
    {
        if (Year is null || Tertial is null)
        {
            return NotFound();
        }

        var (ok, result) = await TrySendAsync(new RemindTertialProvidersCommand { AssociationId = AssociationId, Year = Year.Value, Tertial = Tertial.Value });
        if (ok)
        {
            var already = result!.AlreadyReminded.Count > 0 ? $" Redan påminda i dag: {string.Join(", ", result.AlreadyReminded)}." : string.Empty;
            Confirm(result.Reminded.Count > 0
                ? $"Påminnelse skickad till {string.Join(", ", result.Reminded)}.{already}"
                : result.AlreadyReminded.Count > 0
                    ? $"Ingen ny påminnelse: alla som inte har intygat är redan påminda i dag ({string.Join(", ", result.AlreadyReminded)})."
                    : "Alla utförare med insatser under tertialen har intygat. Ingen påminnelse behövs.");
            return Redirect(Address(Year.Value, Tertial.Value));
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        if (ModelState.Any(e => (e.Key == BoundName(nameof(Year)) || e.Key == BoundName(nameof(Tertial))) && e.Value?.Errors.Count > 0))
        {
            return;
        }

        var query = new ListAssociationTertialReportsQuery(AssociationId, Year!.Value, Tertial!.Value);
        if (ModelState.IsValid)
        {
            var (ok, cycle) = await TrySendAsync(query);
            if (!ok)
            {
                return;
            }

            Cycle = cycle;
        }
        else
        {
            // A refused step (its message is at its field): the list as it stands, beside it.
            Cycle = await Sender.Send(query, Aborted);
        }

        Summary = await Sender.Send(new GetTertialCycleSummaryQuery(AssociationId, Year.Value, Tertial.Value), Aborted);

        // The providers' comments as the report has them (the tertial alone).
        var view = await Sender.Send(new GetTertialReportQuery(AssociationId, Year.Value, Tertial.Value, nameof(ReportMode.Period), null), Aborted);
        Notes = view.Presentation?.Notes ?? [];
        WithoutNote = view.Presentation?.WithoutNote ?? [];
    }

    /// <summary>The state as the office reads it: "Återsänd" when the last step sent the report back.</summary>
    public static string StateText(ProviderTertialStatus provider) =>
        provider.Returned ? "Återsänd" : provider.StateLabel;

    public static string StateClass(ProviderTertialStatus provider) => provider.State switch
    {
        TertialReportState.Accepted => "ok",
        TertialReportState.Attested => "warn",
        _ when provider.Returned => "bad",
        _ => "neutral",
    };

    public static string Address(int year, int tertial) =>
        $"/kansli/tertialrapportering/{year.ToString(CultureInfo.InvariantCulture)}/{tertial.ToString(CultureInfo.InvariantCulture)}";
}
