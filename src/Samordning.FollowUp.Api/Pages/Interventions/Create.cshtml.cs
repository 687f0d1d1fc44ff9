using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Features.Providers;

namespace Samordning.FollowUp.Api.Pages.Interventions;

/// <summary>A new intervention of the association.</summary>
internal sealed class CreateModel : OfficePage
{
    [BindProperty]
    public InterventionForm Input { get; set; } = new();

    public IReadOnlyList<ProviderResponse> Providers { get; private set; } = [];

    public IEnumerable<SelectListItem> ProviderOptions =>
        new[] { new SelectListItem("Välj …", string.Empty) }
            .Concat(Providers.Select(p => new SelectListItem(p.Name, p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    public InterventionFieldsOptions FieldsOptions => new(ProviderOptions, Creating: true, Locked: false, ProviderName: null);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var (ok, created) = await TrySendAsync(Input.ToCreate(AssociationId));
            if (ok)
            {
                Confirm($"Insatsen {created!.Name} är skapad.");
                return Redirect($"/kansli/insatser/{created.Id}");
            }
        }

        await LoadAsync();
        return Page();
    }

    /// <summary>Only active providers get new interventions.</summary>
    private async Task LoadAsync() => Providers = [.. (await Sender.Send(new ListProvidersQuery(AssociationId), Aborted)).Where(p => p.IsActive)];
}
