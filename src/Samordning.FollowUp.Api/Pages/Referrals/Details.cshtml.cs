using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Interventions;
using Samordning.FollowUp.Features.Referrals;

namespace Samordning.FollowUp.Api.Pages.Referrals;

/// <summary>One referral and its decisions: accept with a planned start, decline with a reason, withdrawn, or start (the intake).</summary>
[Authorize(Policy = UiSetup.CoachPolicy)]
public sealed class DetailsModel : UiPage
{
    public ReferralResponse Referral { get; private set; } = null!;

    public InterventionResponse Intervention { get; private set; } = null!;

    [BindProperty]
    public DecisionForm Input { get; set; } = new();

    public async Task OnGetAsync(long id)
    {
        await LoadAsync(id);
        Input = new DecisionForm { Date = Today, PlannedStartDate = Referral.PlannedStartDate };
    }

    public Task<IActionResult> OnPostAcceptAsync(long id) =>
        DecideAsync(id, new AcceptReferralCommand(Input.Date, Input.PlannedStartDate) { ReferralId = id }, "Anvisningen är accepterad.");

    public Task<IActionResult> OnPostDeclineAsync(long id) =>
        DecideAsync(id, new DeclineReferralCommand(Input.Date, Input.Reason) { ReferralId = id }, "Anvisningen är avböjd.");

    public Task<IActionResult> OnPostWithdrawAsync(long id) =>
        DecideAsync(id, new WithdrawReferralCommand(Input.Date) { ReferralId = id }, "Anvisningen är registrerad som återkallad.");

    private async Task<IActionResult> DecideAsync(long id, Mediator.ICommand<ReferralResponse> command, string confirmation)
    {
        var (ok, _) = await TrySendAsync(command);
        if (!ok)
        {
            await LoadAsync(id);
            return Page();
        }

        Confirm(confirmation);
        return Redirect($"/anvisningar/{id}");
    }

    private async Task LoadAsync(long id)
    {
        Referral = await Sender.Send(new GetReferralQuery(id), Aborted);
        Intervention = await Sender.Send(new GetInterventionQuery(Referral.InterventionId), Aborted);
    }

    public sealed class DecisionForm
    {
        public DateOnly? Date { get; set; }

        public DateOnly? PlannedStartDate { get; set; }

        public DeclineReason? Reason { get; set; }
    }
}
