using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Interventions;
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

    /// <summary>Categories grouped under their orientation (both orientations have a "Kartläggning").</summary>
    public static IEnumerable<SelectListItem> CategoryOptions()
    {
        yield return new SelectListItem("Välj …", string.Empty);
        foreach (var orientation in Enum.GetValues<Orientation>())
        {
            var group = new SelectListGroup { Name = SwedishFormat.Label(orientation) };
            foreach (var category in Enum.GetValues<InterventionCategory>().Where(c => c.BelongsTo(orientation)))
            {
                yield return new SelectListItem(SwedishFormat.Label(category), category.ToString()) { Group = group };
            }
        }
    }

    public static IEnumerable<SelectListItem> RegistrationModeOptions() =>
        new[] { new SelectListItem("Standard för inriktningen", string.Empty) }.Concat(CodeOptions.Of<RegistrationMode>(withEmpty: false));

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var municipalities = (Input.Municipalities ?? string.Empty)
                .Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var command = new CreateInterventionCommand(
                Input.Name, Input.ProviderId, Input.Orientation, Input.Category, Input.RegistrationMode, municipalities,
                Input.StartDate, Input.EndDate, Input.ExpectedLengthWeeks, Input.TargetGroup)
            {
                AssociationId = AssociationId,
            };
            var (ok, created) = await TrySendAsync(command);
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

    public sealed class InterventionForm
    {
        public string? Name { get; set; }

        public long? ProviderId { get; set; }

        public Orientation? Orientation { get; set; }

        public InterventionCategory? Category { get; set; }

        public RegistrationMode? RegistrationMode { get; set; }

        public string? Municipalities { get; set; }

        public DateOnly? StartDate { get; set; }

        public DateOnly? EndDate { get; set; }

        public int? ExpectedLengthWeeks { get; set; }

        public string? TargetGroup { get; set; }
    }
}
