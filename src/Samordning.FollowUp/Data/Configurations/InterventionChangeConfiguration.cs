using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class InterventionChangeConfiguration : IEntityTypeConfiguration<InterventionChange>
{
    public void Configure(EntityTypeBuilder<InterventionChange> builder)
    {
        builder.Property(c => c.UserId).HasMaxLength(450);
        builder.Property(c => c.UserName).HasMaxLength(256);
        builder.Property(c => c.OldValue).HasMaxLength(2000);
        builder.Property(c => c.NewValue).HasMaxLength(2000);
        builder.HasOne<Intervention>().WithMany().HasForeignKey(c => c.InterventionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.InterventionId, c.AtUtc });
    }
}
