using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class FollowUpInvitationConfiguration : IEntityTypeConfiguration<FollowUpInvitation>
{
    public void Configure(EntityTypeBuilder<FollowUpInvitation> builder)
    {
        builder.HasOne(i => i.FollowUp).WithMany(f => f.Invitations)
            .HasForeignKey(i => i.FollowUpId).OnDelete(DeleteBehavior.Cascade);

        // One invitation and one reminder per follow-up, however many runs or instances send them.
        builder.HasIndex(i => new { i.FollowUpId, i.Kind }).IsUnique();

        // The link is found by its token's hash only.
        builder.Property(i => i.TokenHash).HasMaxLength(32);
        builder.HasIndex(i => i.TokenHash).IsUnique();
    }
}
