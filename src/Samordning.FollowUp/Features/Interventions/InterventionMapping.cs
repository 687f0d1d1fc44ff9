using Mapster;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Features.Interventions;

/// <summary>
/// The intervention's Mapster projections whose shape is not plain name matching; the
/// composition root applies it to the one <see cref="TypeAdapterConfig"/> the handlers share.
/// </summary>
internal sealed class InterventionMapping : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<InterventionTertialCount, InterventionCountResponse>()
            .Map(d => d.Total, s => s.Women + s.Men);
        config.NewConfig<Intervention, InterventionResponse>()
            .Map(d => d.Plans, s => s.Plans.OrderBy(p => p.Year))
            .Map(d => d.Counts, s => s.Counts.OrderBy(c => c.Year).ThenBy(c => c.Tertial));
    }
}
