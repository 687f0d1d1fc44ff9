using Microsoft.AspNetCore.Mvc;
using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Associations;
using Samordning.FollowUp.Features.Interventions;

namespace Samordning.FollowUp.Api.Pages.Interventions;

/// <summary>
/// The association's interventions by orientation and category, with this year's plan, and the
/// intake setting the providers' forms start with (the consent text version).
/// </summary>
internal sealed class IndexModel : OfficePage
{
    [BindProperty]
    public IntakeSettingsForm Input { get; set; } = new();

    public int Year { get; private set; }

    public IReadOnlyList<IGrouping<Orientation, IGrouping<InterventionCategory, InterventionResponse>>> Groups { get; private set; } = [];

    public int Count { get; private set; }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        var association = await Sender.Send(new GetAssociationQuery(AssociationId), Aborted);
        Input = new IntakeSettingsForm { DefaultConsentTextVersion = association.DefaultConsentTextVersion };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (ok, saved) = await TrySendAsync(new SetIntakeSettingsCommand(Input.DefaultConsentTextVersion) { AssociationId = AssociationId });
        if (!ok)
        {
            await LoadAsync();
            return Page();
        }

        Confirm(saved!.DefaultConsentTextVersion is { } version
            ? $"Inskrivningen fyller nu i samtyckestextens version {version}."
            : "Inskrivningen fyller inte längre i någon version av samtyckestexten.");
        return Redirect("/kansli/insatser");
    }

    private async Task LoadAsync()
    {
        Year = Today.Year;
        var interventions = await Sender.Send(new ListInterventionsQuery(AssociationId, null), Aborted);
        Count = interventions.Count;
        Groups = [.. interventions
            .GroupBy(i => i.Orientation)
            .OrderBy(g => g.Key)
            .Select(g => new Grouping<Orientation, IGrouping<InterventionCategory, InterventionResponse>>(
                g.Key, [.. g.GroupBy(i => i.Category).OrderBy(c => c.Key)]))];
    }

    public InterventionPlanResponse? PlanOf(InterventionResponse intervention) =>
        intervention.Plans.FirstOrDefault(p => p.Year == Year);

    public sealed class IntakeSettingsForm
    {
        public string? DefaultConsentTextVersion { get; set; }
    }

    private sealed class Grouping<TKey, TItem>(TKey key, IReadOnlyList<TItem> items) : IGrouping<TKey, TItem>
    {
        public TKey Key { get; } = key;

        public IEnumerator<TItem> GetEnumerator() => items.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
