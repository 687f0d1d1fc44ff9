using Microsoft.AspNetCore.Authorization;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Features.Economy;

namespace Samordning.FollowUp.Api.Pages.Interventions;

/// <summary>
/// What a coach may see of the economy: the budget and costs of one of their own provider's
/// interventions, per year and tertial (<see cref="GetInterventionEconomyQuery"/>, which scopes it:
/// another provider's intervention is not found).
/// </summary>
[Authorize(Policy = UiSetup.CoachPolicy)]
public sealed class EconomyModel : UiPage
{
    public InterventionEconomyResponse Economy { get; private set; } = null!;

    public async Task OnGetAsync(long id) => Economy = await Sender.Send(new GetInterventionEconomyQuery(id), Aborted);

    /// <summary>The share of the budget used, one decimal, or a dash without a budget.</summary>
    public static string Used(int? basisPoints) =>
        basisPoints is { } used ? SwedishFormat.Percent(Math.Round(used / 100m, 1, MidpointRounding.AwayFromZero)) : "–";

    public static string Kronor(long? value) => value is { } v ? SwedishFormat.Kronor(v) : "–";
}
