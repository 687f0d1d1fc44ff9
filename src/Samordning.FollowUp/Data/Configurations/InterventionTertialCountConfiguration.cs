using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class InterventionTertialCountConfiguration : IEntityTypeConfiguration<InterventionTertialCount>
{
    public void Configure(EntityTypeBuilder<InterventionTertialCount> builder) =>
        builder.HasKey(c => new { c.InterventionId, c.Year, c.Tertial });
}
