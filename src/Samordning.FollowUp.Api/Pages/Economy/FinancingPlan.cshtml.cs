using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Features.Economy;

namespace Samordning.FollowUp.Api.Pages.Economy;

/// <summary>
/// The three-year financing table the förbund's plan holds (per member and year, the legal split
/// and the municipalities' shares by population), with every year that does not add up named; the
/// xlsx (the API's file) carries the same cells.
/// </summary>
internal sealed class FinancingPlanModel : OfficePage
{
    [BindProperty(SupportsGet = true, Name = "fran")]
    public int? FromYear { get; set; }

    public FinancingPlanResponse? Plan { get; private set; }

    protected override string FormPrefix => string.Empty;

    public async Task OnGetAsync()
    {
        FromYear ??= Today.Year;
        var (ok, plan) = await TrySendAsync(new GetFinancingPlanQuery(AssociationId, FromYear.Value, 3));
        Plan = ok ? plan : null;
    }

    public string FileLink => string.Create(CultureInfo.InvariantCulture,
        $"/api/v1/associations/{AssociationId}/economy/financing-plan.xlsx?from={FromYear}&years=3");
}
