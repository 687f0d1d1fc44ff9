using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class ProviderTertialReportConfiguration : IEntityTypeConfiguration<ProviderTertialReport>
{
    public void Configure(EntityTypeBuilder<ProviderTertialReport> builder)
    {
        builder.HasOne<Association>().WithMany().HasForeignKey(r => r.AssociationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Provider>().WithMany().HasForeignKey(r => r.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Transitions).WithOne().HasForeignKey(t => t.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.Version).IsConcurrencyToken();

        // One report per provider and tertial; the office reads its association's tertial at once.
        builder.HasIndex(r => new { r.ProviderId, r.Year, r.Tertial }).IsUnique();
        builder.HasIndex(r => new { r.AssociationId, r.Year, r.Tertial });
    }
}
