using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class ReportAdoptionConfiguration : IEntityTypeConfiguration<ReportAdoption>
{
    public void Configure(EntityTypeBuilder<ReportAdoption> builder)
    {
        builder.Property(a => a.AdoptedBy).HasMaxLength(200);
        builder.Property(a => a.OverrideReason).HasMaxLength(2000);
        builder.HasOne<Association>().WithMany().HasForeignKey(a => a.AssociationId).OnDelete(DeleteBehavior.Restrict);

        // A tertial is closed once.
        builder.HasIndex(a => new { a.AssociationId, a.Year, a.Tertial }).IsUnique();
    }
}
