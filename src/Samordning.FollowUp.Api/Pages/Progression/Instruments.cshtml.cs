using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Features.Interventions;
using Samordning.FollowUp.Features.Progression;

namespace Samordning.FollowUp.Api.Pages.Progression;

/// <summary>The office's progression instruments: the version in force of each, with every earlier version counted.</summary>
internal sealed class InstrumentsModel : OfficePage
{
    public IReadOnlyList<InstrumentResponse> Latest { get; private set; } = [];

    public IReadOnlyDictionary<string, int> Versions { get; private set; } = new Dictionary<string, int>();

    public IReadOnlyDictionary<long, string> InterventionNames { get; private set; } = new Dictionary<long, string>();

    public async Task OnGetAsync()
    {
        var all = await Sender.Send(new ListInstrumentsQuery(AssociationId), Aborted);
        Latest = [.. all.GroupBy(i => i.Code).Select(g => g.MaxBy(i => i.Version)!).OrderBy(i => i.Code, StringComparer.Ordinal)];
        Versions = all.GroupBy(i => i.Code).ToDictionary(g => g.Key, g => g.Count());
        InterventionNames = (await Sender.Send(new ListInterventionsQuery(AssociationId, null), Aborted)).ToDictionary(i => i.Id, i => i.Name);
    }
}
