using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class ParticipantConfiguration : IEntityTypeConfiguration<Participant>
{
    public void Configure(EntityTypeBuilder<Participant> builder)
    {
        builder.Property(p => p.IdentityCipher).HasMaxLength(128);
        builder.Property(p => p.IdentityHash).HasMaxLength(32);
        builder.Property(p => p.ContactCipher).HasMaxLength(512);
        builder.HasOne(p => p.Provider).WithMany()
            .HasForeignKey(p => p.ProviderId).OnDelete(DeleteBehavior.Restrict);

        // One person per provider: the provider is the controller of the identity. Nulls
        // (anonymous, erased) do not collide on any of the three providers.
        builder.HasIndex(p => new { p.ProviderId, p.IdentityHash }).IsUnique();
    }
}
