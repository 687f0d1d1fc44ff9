using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Features.Interventions;
using Samordning.FollowUp.Features.Referrals;

namespace Samordning.FollowUp.Api.Pages.Referrals;

/// <summary>An intervention's referrals: the queue (waiting, longest first) with its places, or the closed ones.</summary>
[Authorize(Policy = UiSetup.CoachPolicy)]
public sealed class QueueModel : UiPage
{
    public const int PageSize = 25;

    public InterventionResponse Intervention { get; private set; } = null!;

    public ReferralListResponse List { get; private set; } = null!;

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "sida")]
    public int PageNumber { get; set; } = 1;

    public int PageCount => Math.Max(1, (List.Referrals.TotalCount + PageSize - 1) / PageSize);

    public async Task OnGetAsync(long id)
    {
        Intervention = await Sender.Send(new GetInterventionQuery(id), Aborted);
        Status = Status is "closed" or "all" ? Status : "waiting";
        PageNumber = Math.Max(1, PageNumber);
        List = await Sender.Send(new ListReferralsQuery(id, Status, PageNumber, PageSize), Aborted);
    }

    public string PageLink(int page) => $"?status={Status}&sida={page}";
}
