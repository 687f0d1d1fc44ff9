using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class InterventionYearCountConfiguration : IEntityTypeConfiguration<InterventionYearCount>
{
    public void Configure(EntityTypeBuilder<InterventionYearCount> builder) =>
        builder.HasKey(c => new { c.InterventionId, c.Year });
}
