using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Features.Interventions;
using Samordning.FollowUp.Features.Participations;

namespace Samordning.FollowUp.Api.Pages.Participations;

/// <summary>An intervention's participants, newest start first, filtered by status and paged.</summary>
[Authorize(Policy = UiSetup.CoachPolicy)]
public sealed class ListModel : UiPage
{
    public const int PageSize = 25;

    public InterventionResponse Intervention { get; private set; } = null!;

    public PagedResponse<ParticipationResponse> Participations { get; private set; } = null!;

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "sida")]
    public int PageNumber { get; set; } = 1;

    public int PageCount => Math.Max(1, (Participations.TotalCount + PageSize - 1) / PageSize);

    public async Task OnGetAsync(long id)
    {
        Intervention = await Sender.Send(new GetInterventionQuery(id), Aborted);
        Status = Status is "active" or "ended" ? Status : "all";
        PageNumber = Math.Max(1, PageNumber);
        Participations = await Sender.Send(new ListParticipationsQuery(id, Status, PageNumber, PageSize), Aborted);
    }

    public string PageLink(int page) => $"?status={Status}&sida={page}";
}
