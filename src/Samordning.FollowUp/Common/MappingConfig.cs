using Mapster;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Interventions;

namespace Samordning.FollowUp.Common;

/// <summary>Mapster projections whose shape is not plain name matching.</summary>
internal static class MappingConfig
{
    public static TypeAdapterConfig Create()
    {
        var config = new TypeAdapterConfig();
        config.NewConfig<InterventionYearCount, InterventionCountResponse>()
            .Map(d => d.Total, s => s.Women + s.Men);
        config.NewConfig<Intervention, InterventionResponse>()
            .Map(d => d.Plans, s => s.Plans.OrderBy(p => p.Year))
            .Map(d => d.Counts, s => s.Counts.OrderBy(c => c.Year));
        config.Compile();
        return config;
    }
}
