using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class InterventionYearPlanConfiguration : IEntityTypeConfiguration<InterventionYearPlan>
{
    public void Configure(EntityTypeBuilder<InterventionYearPlan> builder) =>
        builder.HasKey(p => new { p.InterventionId, p.Year });
}
