using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class InterventionConfiguration : IEntityTypeConfiguration<Intervention>
{
    public void Configure(EntityTypeBuilder<Intervention> builder)
    {
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.TargetGroup).HasMaxLength(2000);
        builder.PrimitiveCollection(i => i.Municipalities);
        builder.HasOne(i => i.Association).WithMany(a => a.Interventions)
            .HasForeignKey(i => i.AssociationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(i => i.Provider).WithMany()
            .HasForeignKey(i => i.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Plans).WithOne().HasForeignKey(p => p.InterventionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Counts).WithOne().HasForeignKey(c => c.InterventionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.AssociationId, i.Orientation, i.Category });
    }
}
