using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Reports;

namespace Samordning.FollowUp.Api.Pages.Reports;

/// <summary>
/// The office's data-quality list per provider for a tertial: the data-quality part of the
/// tertial report (GetTertialReportQuery), as it is now — for a closed tertial too, since this
/// is what remains to be completed.
/// </summary>
[Authorize(Roles = nameof(UserRole.AssociationAdmin))]
public sealed class DataQualityModel : UiPage
{
    [BindProperty(SupportsGet = true, Name = "ar")]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "tertial")]
    public int? Tertial { get; set; }

    public TertialReportView? View { get; private set; }

    public IReadOnlyList<int> Years => TertialChoice.Years(Today, Year);

    protected override string FormPrefix => string.Empty;

    public async Task<IActionResult> OnGetAsync()
    {
        if (Year is null || Tertial is null)
        {
            (Year, Tertial) = TertialChoice.MostRecentEnded(Today);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var query = new GetTertialReportQuery(Caller.AssociationId ?? 0, Year.Value, Tertial.Value, nameof(ReportMode.Period), "current");
        var (_, view) = await TrySendAsync(query);
        View = view;
        return Page();
    }
}
