using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.FollowUps;

namespace Samordning.FollowUp.Api.Pages.FollowUps;

/// <summary>Records what the coach found out at the 12-month follow-up, or corrects it.</summary>
[Authorize(Policy = UiSetup.CoachPolicy)]
public sealed class RecordModel : UiPage
{
    public FollowUpResponse FollowUp { get; private set; } = null!;

    [BindProperty]
    public FollowUpForm Input { get; set; } = new();

    public bool IsCorrection => FollowUp.Result is not null;

    public async Task OnGetAsync(long id)
    {
        FollowUp = await Sender.Send(new GetFollowUpQuery(id), Aborted);
        Input = FollowUp.Result is { } r
            ? new FollowUpForm { Outcome = r.Outcome, ContactedOn = r.ContactedOn, Occupation = r.Occupation, ExtentPercent = r.ExtentPercent, IncomeSources = [.. r.IncomeSources] }
            : new FollowUpForm { ContactedOn = Today };
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        FollowUp = await Sender.Send(new GetFollowUpQuery(id), Aborted);
        var command = new RecordFollowUpResultCommand(Input.Outcome, Input.ContactedOn, Input.Occupation, Input.ExtentPercent, Input.IncomeSources)
        {
            FollowUpId = id,
            IsCorrection = IsCorrection,
        };
        var (ok, _) = await TrySendAsync(command);
        if (!ok)
        {
            return Page();
        }

        Confirm(IsCorrection ? "Uppföljningen är rättad." : $"Uppföljningen av {FollowUp.Reference} är registrerad.");
        return Redirect("/att-gora");
    }

    public sealed class FollowUpForm
    {
        public FollowUpOutcome? Outcome { get; set; }

        public DateOnly? ContactedOn { get; set; }

        public Occupation? Occupation { get; set; }

        public int? ExtentPercent { get; set; }

        public List<IncomeSource> IncomeSources { get; set; } = [];
    }
}
