using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Associations;

namespace Samordning.FollowUp.Api.Pages.Associations;

/// <summary>
/// Step 1 of setting up an association: the association itself (<see cref="CreateAssociationCommand"/>).
/// A second post of the same form (a double click, the back button) meets the unique name: the page
/// then offers to continue the setup of the association that already exists, and creates nothing.
/// </summary>
internal sealed class CreateModel : OfficePage
{
    [BindProperty]
    public AssociationForm Input { get; set; } = new();

    /// <summary>An association of the typed name that already exists (set when the name was refused as taken).</summary>
    public AssociationOverviewRow? Existing { get; private set; }

    protected override bool Admits(Caller caller) => caller.Is(UserRole.SystemAdmin);

    public void OnGet() => Input = new AssociationForm();

    public async Task<IActionResult> OnPostAsync()
    {
        if (TryReadWhole(Input.SmallNumberThreshold, nameof(AssociationForm.SmallNumberThreshold), out var threshold))
        {
            // Out of int's range stays out of the rule's range (0–100), so the validator's message is shown.
            int? smallNumbers = threshold is { } t ? (int)Math.Clamp(t, int.MinValue, int.MaxValue) : null;
            var (ok, created) = await TrySendAsync(new CreateAssociationCommand(
                Input.Name, string.IsNullOrWhiteSpace(Input.OrganisationNumber) ? null : Input.OrganisationNumber.Trim(), smallNumbers,
                string.IsNullOrWhiteSpace(Input.ContactEmail) ? null : Input.ContactEmail.Trim()));
            if (ok)
            {
                Confirm($"Förbundet {created!.Name} är skapat med indikatorerna I1–I3. Nästa steg: kansliets första användare.");
                return Redirect($"/kansli/forbund/{created.Id}/kansli");
            }
        }

        var name = Input.Name?.Trim();
        if (!string.IsNullOrEmpty(name))
        {
            Existing = (await Sender.Send(new ListAssociationOverviewQuery(), Aborted)).FirstOrDefault(a => a.Name == name);
        }

        return Page();
    }

    public sealed class AssociationForm
    {
        public string? Name { get; set; }

        public string? OrganisationNumber { get; set; }

        public string? ContactEmail { get; set; }

        public string? SmallNumberThreshold { get; set; } = "5";
    }
}
