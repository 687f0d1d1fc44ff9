using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.ProviderConfirmedByUserId).HasMaxLength(450);
        builder.HasOne(u => u.Association).WithMany()
            .HasForeignKey(u => u.AssociationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(u => u.Provider).WithMany()
            .HasForeignKey(u => u.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => new { u.AssociationId, u.Role });
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditLog");
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.EntityType).HasMaxLength(32);
        builder.Property(a => a.EntityId).HasMaxLength(64);
        builder.Property(a => a.Detail).HasMaxLength(AuditEntry.MaxDetailLength);

        // The office reads its association's log newest first; the administrator reads it all.
        builder.HasIndex(a => new { a.AssociationId, a.AtUtc });
        builder.HasIndex(a => a.AtUtc);
    }
}
