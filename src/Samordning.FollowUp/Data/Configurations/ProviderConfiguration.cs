using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class ProviderConfiguration : IEntityTypeConfiguration<Provider>
{
    public void Configure(EntityTypeBuilder<Provider> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.OrganisationNumber).HasMaxLength(16);
        builder.Property(p => p.ContactEmail).HasMaxLength(254);
        builder.HasOne(p => p.Association).WithMany(a => a.Providers)
            .HasForeignKey(p => p.AssociationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.AssociationId, p.Name }).IsUnique();
    }
}
