using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Interventions;

namespace Samordning.FollowUp.Api.Pages.Interventions;

/// <summary>The association's interventions by orientation and category, with this year's plan.</summary>
internal sealed class IndexModel : OfficePage
{
    public int Year { get; private set; }

    public IReadOnlyList<IGrouping<Orientation, IGrouping<InterventionCategory, InterventionResponse>>> Groups { get; private set; } = [];

    public int Count { get; private set; }

    public async Task OnGetAsync()
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

    private sealed class Grouping<TKey, TItem>(TKey key, IReadOnlyList<TItem> items) : IGrouping<TKey, TItem>
    {
        public TKey Key { get; } = key;

        public IEnumerator<TItem> GetEnumerator() => items.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
