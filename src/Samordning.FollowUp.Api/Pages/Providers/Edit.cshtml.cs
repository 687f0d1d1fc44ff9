using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Features.Providers;

namespace Samordning.FollowUp.Api.Pages.Providers;

/// <summary>One provider: rename, organisation number and contact e-mail; deactivate (after a confirmation) and reactivate.</summary>
internal sealed class EditModel : OfficePage
{
    [BindProperty]
    public ProviderForm Input { get; set; } = new();

    [BindProperty]
    public DeactivationForm Deactivation { get; set; } = new();

    public ProviderResponse Provider { get; private set; } = null!;

    public bool DeactivationRefused { get; private set; }

    public async Task OnGetAsync(long id)
    {
        Provider = await FindAsync(id);
        Input = new ProviderForm { Name = Provider.Name, OrganisationNumber = Provider.OrganisationNumber, ContactEmail = Provider.ContactEmail };
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        Provider = await FindAsync(id);
        var (ok, saved) = await TrySendAsync(
            new UpdateProviderCommand(Input.Name, Input.OrganisationNumber, Input.ContactEmail) { AssociationId = AssociationId, ProviderId = id });
        if (!ok)
        {
            return Page();
        }

        Confirm($"Ändringarna för {saved!.Name} är sparade.");
        return Redirect("/kansli/utforare");
    }

    public async Task<IActionResult> OnPostDeactivateAsync(long id)
    {
        Provider = await FindAsync(id);
        if (!Deactivation.Confirmed)
        {
            // The confirmation step: nothing changes until the box is ticked.
            ModelState.AddModelError("Deactivation.Confirmed", "Bekräfta att utföraren ska inaktiveras.");
            DeactivationRefused = true;
            Input = new ProviderForm { Name = Provider.Name, OrganisationNumber = Provider.OrganisationNumber, ContactEmail = Provider.ContactEmail };
            return Page();
        }

        var deactivated = await Sender.Send(new DeactivateProviderCommand(id) { AssociationId = AssociationId }, Aborted);
        Confirm($"{deactivated.Name} är inaktiverad. Utföraren får inga nya insatser eller deltagaransvariga; allt som finns ligger kvar.");
        return Redirect("/kansli/utforare");
    }

    /// <summary>Takes a deactivated provider back into use (nothing to confirm: nothing is lost either way).</summary>
    public async Task<IActionResult> OnPostReactivateAsync(long id)
    {
        var reactivated = await Sender.Send(new ReactivateProviderCommand(id) { AssociationId = AssociationId }, Aborted);
        Confirm($"{reactivated.Name} är aktiv igen och kan få nya insatser och deltagaransvariga.");
        return Redirect($"/kansli/utforare/{id}");
    }

    /// <summary>The association's provider (the list handler decides what the office sees), else 404.</summary>
    private async Task<ProviderResponse> FindAsync(long id) =>
        (await Sender.Send(new ListProvidersQuery(AssociationId), Aborted)).SingleOrDefault(p => p.Id == id)
        ?? throw new NotFoundException(NotFoundMessages.Provider);

    public sealed class DeactivationForm
    {
        public bool Confirmed { get; set; }
    }
}
