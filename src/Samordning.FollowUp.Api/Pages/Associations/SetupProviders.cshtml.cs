using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Pages.Providers;
using Samordning.FollowUp.Features.Providers;

namespace Samordning.FollowUp.Api.Pages.Associations;

/// <summary>
/// Step 3: the association's providers, one or more (<see cref="CreateProviderCommand"/>, as the office's
/// own page sends). A second post of a name the association already has (a double click) creates nothing.
/// </summary>
internal sealed class SetupProvidersModel : AssociationSetupPage
{
    [BindProperty]
    public ProviderForm Input { get; set; } = new();

    public IReadOnlyList<ProviderResponse> Providers { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var (ok, created) = await TrySendAsync(
            new CreateProviderCommand(Input.Name, Input.OrganisationNumber, Input.ContactEmail) { AssociationId = Id });
        if (ok)
        {
            Confirm($"Utföraren {created!.Name} är tillagd. Lägg till fler eller gå vidare.");
            return Redirect($"/kansli/forbund/{Id}/utforare");
        }

        var typed = Input.Name?.Trim();
        if (Providers.FirstOrDefault(p => p.Name == typed) is { } existing)
        {
            // The same form posted again: the provider exists.
            Confirm($"Utföraren {existing.Name} finns redan i {Association.Name}. Ingen ny utförare skapades.");
            return Redirect($"/kansli/forbund/{Id}/utforare");
        }

        return Page();
    }

    private async Task LoadAsync()
    {
        await LoadAssociationAsync();
        Providers = await Sender.Send(new ListProvidersQuery(Id), Aborted);
    }
}
