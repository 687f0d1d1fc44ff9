using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Pages.Rapport;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Reports;

namespace Samordning.FollowUp.Api.Pages.Kansli;

/// <summary>
/// The office's data-quality list per provider for a tertial: the data-quality part of the
/// tertial report (GetTertialReportQuery), as it is now — for a closed tertial too, since this
/// is what remains to be completed.
/// </summary>
[Authorize(Roles = nameof(UserRole.AssociationAdmin))]
public sealed class DatakvalitetModel(TimeProvider clock) : UiPage
{
    [BindProperty(SupportsGet = true)]
    public int? Ar { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Tertial { get; set; }

    public TertialReportView? View { get; private set; }

    public IReadOnlyList<int> Years => TertialChoice.Years(clock, Ar);

    protected override string FormPrefix => string.Empty;

    protected override string FieldKey(string handlerField) => handlerField.ToLowerInvariant() switch
    {
        "year" => nameof(Ar),
        "tertial" => nameof(Tertial),
        _ => string.Empty,
    };

    public async Task<IActionResult> OnGetAsync()
    {
        if (Ar is null || Tertial is null)
        {
            (Ar, Tertial) = TertialChoice.MostRecentEnded(clock);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var query = new GetTertialReportQuery(Caller.AssociationId ?? 0, Ar.Value, Tertial.Value, nameof(ReportMode.Period), "current");
        var (_, view) = await TrySendAsync(query);
        View = view;
        return Page();
    }
}
