using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.Features.Interventions;
using Samordning.FollowUp.Features.Participations;
using Samordning.FollowUp.Features.Privacy;

namespace Samordning.FollowUp.Api.Pages.Participations;

/// <summary>One participation: start, exit, follow-ups, and the actions that fit its state.</summary>
[Authorize(Policy = UiSetup.CoachPolicy)]
public sealed class DetailsModel : UiPage
{
    public ParticipationResponse Participation { get; private set; } = null!;

    public InterventionResponse Intervention { get; private set; } = null!;

    public IReadOnlyList<FollowUpResponse> FollowUps { get; private set; } = [];

    /// <summary>The full personnummer, only after the coach asked for it (a POST, audited by the handler).</summary>
    public string? ShownIdentity { get; private set; }

    public string Reference => SwedishFormat.Reference(Participation.Id);

    [BindProperty]
    public WithdrawalForm Withdrawal { get; set; } = new();

    protected override string FormPrefix => nameof(Withdrawal);

    public async Task OnGetAsync(long id)
    {
        await LoadAsync(id);
        Withdrawal = new WithdrawalForm { WithdrawnOn = Today };
    }

    /// <summary>The person withdrew consent: the identity is erased, the participation stays as an anonymous one.</summary>
    public async Task<IActionResult> OnPostWithdrawConsentAsync(long id)
    {
        if (!Withdrawal.Confirmed)
        {
            // The confirmation step: nothing is erased until the coach has ticked it.
            AddError("confirmed", "Bekräfta att personnumret ska raderas. Det går inte att ångra.");
        }

        var (ok, _) = await TrySendAsync(new WithdrawConsentCommand(Withdrawal.WithdrawnOn) { ParticipationId = id });
        if (!ok)
        {
            await LoadAsync(id);
            return Page();
        }

        Confirm("Samtycket är återkallat. Personnumret är raderat och deltagandet finns kvar utan personuppgifter.");
        return Redirect($"/deltaganden/{id}");
    }

    public async Task<IActionResult> OnPostShowIdentityAsync(long id)
    {
        await LoadAsync(id);
        if (Participation.PersonalIdentityNumber is not null)
        {
            ShownIdentity = (await Sender.Send(new ReadIdentityQuery(id), Aborted)).PersonalIdentityNumber;
        }

        return Page();
    }

    public sealed class WithdrawalForm
    {
        public DateOnly? WithdrawnOn { get; set; }

        public bool Confirmed { get; set; }
    }

    private async Task LoadAsync(long id)
    {
        Participation = await Sender.Send(new GetParticipationQuery(id), Aborted);
        Intervention = await Sender.Send(new GetInterventionQuery(Participation.InterventionId), Aborted);
        FollowUps = (await Sender.Send(
            new ListFollowUpsQuery(null, null, null, 1, Paging.MaxPageSize) { ParticipationId = id }, Aborted)).Items;
    }
}
