using Samordning.FollowUp.Api.Ui;
using Samordning.FollowUp.Features.Indicators;

namespace Samordning.FollowUp.Api.Pages.Indicators;

/// <summary>The association's indicator definitions, every version, by code.</summary>
internal sealed class IndexModel : OfficePage
{
    public IReadOnlyList<IGrouping<string, IndicatorDefinitionResponse>> Definitions { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var definitions = await Sender.Send(new ListIndicatorDefinitionsQuery(AssociationId), Aborted);
        Definitions = [.. definitions.OrderBy(d => d.Code, StringComparer.Ordinal).ThenByDescending(d => d.Version).GroupBy(d => d.Code)];
    }
}
