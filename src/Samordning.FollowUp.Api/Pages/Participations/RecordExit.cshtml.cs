using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Participations;

namespace Samordning.FollowUp.Api.Pages.Participations;

/// <summary>Records the exit (utskrivning) and the situation right after it, or corrects a recorded one.</summary>
[Authorize(Policy = UiSetup.CoachPolicy)]
public sealed class RecordExitModel : UiPage
{
    public ParticipationResponse Participation { get; private set; } = null!;

    [BindProperty]
    public ExitForm Input { get; set; } = new();

    public bool IsCorrection => Participation.Exit is not null;

    public async Task OnGetAsync(long id)
    {
        Participation = await Sender.Send(new GetParticipationQuery(id), Aborted);
        Input = Participation.Exit is { } exit
            ? new ExitForm
            {
                EndDate = exit.EndDate,
                ExitReason = exit.ExitReason,
                Occupation = exit.Occupation,
                ExtentPercent = exit.ExtentPercent,
                IncomeSources = [.. exit.IncomeSources],
                StepAtExit = exit.StepAtExit,
            }
            : new ExitForm { EndDate = Today };
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        Participation = await Sender.Send(new GetParticipationQuery(id), Aborted);
        var command = new RecordExitCommand(Input.EndDate, Input.ExitReason, Input.Occupation, Input.ExtentPercent, Input.IncomeSources, Input.StepAtExit)
        {
            ParticipationId = id,
            IsCorrection = IsCorrection,
        };
        var (ok, _) = await TrySendAsync(command);
        if (!ok)
        {
            return Page();
        }

        Confirm(IsCorrection ? "Avslutet är rättat." : "Avslutet är registrerat.");
        return Redirect($"/deltaganden/{id}");
    }

    public sealed class ExitForm
    {
        public DateOnly? EndDate { get; set; }

        public ExitReason? ExitReason { get; set; }

        public Occupation? Occupation { get; set; }

        public int? ExtentPercent { get; set; }

        public List<IncomeSource> IncomeSources { get; set; } = [];

        public int? StepAtExit { get; set; }
    }
}
