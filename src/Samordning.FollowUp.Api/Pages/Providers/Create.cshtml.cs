using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Features.Providers;

namespace Samordning.FollowUp.Api.Pages.Providers;

/// <summary>A new provider of the association.</summary>
internal sealed class CreateModel : OfficePage
{
    [BindProperty]
    public ProviderForm Input { get; set; } = new();

    public void OnGet() => Input = new ProviderForm();

    public async Task<IActionResult> OnPostAsync()
    {
        var (ok, created) = await TrySendAsync(
            new CreateProviderCommand(Input.Name, Input.OrganisationNumber, Input.ContactEmail) { AssociationId = AssociationId });
        if (!ok)
        {
            return Page();
        }

        Confirm($"Utföraren {created!.Name} är skapad.");
        return Redirect("/kansli/utforare");
    }
}
