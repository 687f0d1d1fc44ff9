using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Features.Interventions;

namespace Samordning.FollowUp.Api.Pages.Interventions;

/// <summary>"Avsluta insatsen": an end date and a confirmation the server checks (<see cref="EndInterventionCommand"/>).</summary>
internal sealed class EndModel : OfficePage
{
    public const string ConfirmMessage = "Kryssa i att du vill avsluta insatsen.";

    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public EndForm Input { get; set; } = new();

    public InterventionResponse Intervention { get; private set; } = null!;

    public InterventionEditState State { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Input = new EndForm { EndDate = Intervention.EndDate ?? Today };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Input.Confirmed)
        {
            ModelState.AddModelError($"{FormPrefix}.{nameof(EndForm.Confirmed)}", ConfirmMessage);
        }

        var (ok, saved) = await TrySendAsync(new EndInterventionCommand(Input.EndDate) { InterventionId = Id });
        if (ok)
        {
            Confirm($"Insatsen {saved!.Name} avslutas {SwedishFormat.Date(saved.EndDate)}.");
            return Redirect($"/kansli/insatser/{Id}");
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Intervention = await Sender.Send(new GetInterventionQuery(Id), Aborted);
        State = await Sender.Send(new GetInterventionEditStateQuery(Id), Aborted);
    }

    public sealed class EndForm
    {
        public DateOnly? EndDate { get; set; }

        public bool Confirmed { get; set; }
    }
}
