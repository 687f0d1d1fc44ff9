using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Features.Interventions;
using Samordning.FollowUp.Features.Providers;

namespace Samordning.FollowUp.Api.Pages.Interventions;

/// <summary>Edits an intervention (<see cref="UpdateInterventionCommand"/>); the fixed fields are shown, not offered, once something is registered.</summary>
internal sealed class EditModel : OfficePage
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public InterventionForm Input { get; set; } = new();

    public InterventionResponse Intervention { get; private set; } = null!;

    public InterventionFieldsOptions FieldsOptions { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Input = InterventionForm.Of(Intervention);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (ok, saved) = await TrySendAsync(Input.ToUpdate(Id));
        if (ok)
        {
            Confirm($"Insatsen {saved!.Name} är sparad.");
            return Redirect($"/kansli/insatser/{Id}");
        }

        await LoadAsync();
        return Page();
    }

    /// <summary>The intervention, whether its fixed fields are locked, and the providers to choose from (the active ones, and its own).</summary>
    private async Task LoadAsync()
    {
        Intervention = await Sender.Send(new GetInterventionQuery(Id), Aborted);
        var state = await Sender.Send(new GetInterventionEditStateQuery(Id), Aborted);
        var providers = (await Sender.Send(new ListProvidersQuery(AssociationId), Aborted))
            .Where(p => p.IsActive || p.Id == Intervention.ProviderId);
        var options = new[] { new SelectListItem("Välj …", string.Empty) }
            .Concat(providers.Select(p => new SelectListItem(p.Name, p.Id.ToString(CultureInfo.InvariantCulture)))).ToList();
        FieldsOptions = new InterventionFieldsOptions(options, Creating: false, state.HasRegistrations, Intervention.ProviderName);
    }
}
