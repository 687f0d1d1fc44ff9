using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.DataQuality;

namespace Samordning.FollowUp.Api.Pages.Reports;

/// <summary>
/// The office's data quality per provider for a tertial, as it is now — for a closed tertial too,
/// since this is what remains to be completed. Counts only: who is behind them only the provider's
/// coaches see. "Påminn utföraren" sends a provider the counts, at most once a day.
/// </summary>
[Authorize(Roles = nameof(UserRole.AssociationAdmin))]
public sealed class DataQualityModel : UiPage
{
    [BindProperty(SupportsGet = true, Name = "ar")]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "tertial")]
    public int? Tertial { get; set; }

    public AssociationDataQualityResponse? View { get; private set; }

    public IReadOnlyList<int> Years => TertialChoice.Years(Today, Year);

    protected override string FormPrefix => string.Empty;

    public static string Address(int year, int tertial) => $"/kansli/datakvalitet?ar={year}&tertial={tertial}";

    /// <summary>When the provider was reminded today, if it was.</summary>
    public DateTime? RemindedAt(long providerId) => View?.RemindedToday.FirstOrDefault(r => r.ProviderId == providerId)?.SentAtUtc;

    public async Task<IActionResult> OnGetAsync()
    {
        if (Year is null || Tertial is null)
        {
            (Year, Tertial) = TertialChoice.MostRecentEnded(Today);
        }

        await LoadAsync();
        return Page();
    }

    [HandlerName("Paminn")]
    public async Task<IActionResult> OnPostRemindAsync([FromForm(Name = "utforare")] long providerId)
    {
        if (Year is null || Tertial is null)
        {
            (Year, Tertial) = TertialChoice.MostRecentEnded(Today);
        }

        var (ok, reminder) = await TrySendAsync(new RemindProviderDataQualityCommand { ProviderId = providerId, Year = Year.Value, Tertial = Tertial.Value });
        if (!ok)
        {
            await LoadAsync();
            return Page();
        }

        Confirm(reminder!.Message);
        return Redirect(Address(Year.Value, Tertial.Value));
    }

    private async Task LoadAsync()
    {
        if (!ModelState.IsValid || Year is null || Tertial is null)
        {
            return;
        }

        var (_, view) = await TrySendAsync(new GetAssociationDataQualityQuery(Caller.AssociationId ?? 0, Year.Value, Tertial.Value));
        View = view;
    }
}
