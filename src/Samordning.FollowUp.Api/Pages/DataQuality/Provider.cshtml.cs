using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Pages.Reports;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.DataQuality;

namespace Samordning.FollowUp.Api.Pages.DataQuality;

/// <summary>
/// The coach's data quality, for the own provider only: each check's count for a tertial, and
/// with <c>kontroll</c> the participations behind it (the same query as the count), each linked
/// to where it is put right. The office sees the counts on its own page, never this list.
/// </summary>
[Authorize(Policy = UiSetup.CoachPolicy)]
public sealed class ProviderModel : UiPage
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "ar")]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "tertial")]
    public int? Tertial { get; set; }

    [BindProperty(SupportsGet = true, Name = "kontroll")]
    public string? Check { get; set; }

    [BindProperty(SupportsGet = true, Name = "sida")]
    public int PageNumber { get; set; } = 1;

    public ProviderDataQualityResponse? Counts { get; private set; }

    public DataQualityItemsResponse? Items { get; private set; }

    public IReadOnlyList<int> Years => TertialChoice.Years(Today, Year);

    public int PageCount => Items is null ? 1 : Math.Max(1, (Items.TotalCount + PageSize - 1) / PageSize);

    protected override string FormPrefix => string.Empty;

    /// <summary>The page's address for a tertial, optionally one check's list and a page of it.</summary>
    public static string Address(int year, int tertial, DataQualityCheck? check = null, int page = 1)
    {
        var query = QueryString.Create("ar", year.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("tertial", tertial.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (check is { } c)
        {
            query = query.Add("kontroll", c.ToString());
        }

        if (page > 1)
        {
            query = query.Add("sida", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return "/datakvalitet" + query.ToUriComponent();
    }

    public async Task OnGetAsync()
    {
        if (Year is null || Tertial is null)
        {
            (Year, Tertial) = TertialChoice.MostRecentEnded(Today);
        }

        PageNumber = Math.Max(1, PageNumber);
        if (!ModelState.IsValid || Caller.ProviderId is not { } providerId)
        {
            return;
        }

        var (ok, counts) = await TrySendAsync(new GetProviderDataQualityQuery(providerId, Year.Value, Tertial.Value));
        Counts = ok ? counts : null;
        if (ok && !string.IsNullOrEmpty(Check))
        {
            var (listed, items) = await TrySendAsync(new ListDataQualityItemsQuery(providerId, Year.Value, Tertial.Value, Check, PageNumber, PageSize));
            Items = listed ? items : null;
        }
    }

    /// <summary>Where a participation's item is put right: the follow-up for the follow-up checks, else the exit.</summary>
    public static (string Href, string Text) FixFor(DataQualityCheck check, Features.Participations.ProviderParticipationResponse p) => check switch
    {
        DataQualityCheck.OverdueFollowUps or DataQualityCheck.UnreachableWithTooFewAttempts when p.FollowUpId is { } followUpId =>
            ($"/uppfoljningar/{followUpId}", "Registrera uppföljningen"),
        DataQualityCheck.PastExpectedLengthWithoutExit => ($"/deltaganden/{p.Id}/avslut", "Registrera avslut"),
        _ => ($"/deltaganden/{p.Id}/avslut", "Rätta avslutet"),
    };
}
