using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        builder.Property(r => r.ReferringTeam).HasMaxLength(200);
        builder.Property(r => r.ConsentTextVersion).HasMaxLength(100);
        builder.Property(r => r.ConsentCollectedBy).HasMaxLength(200);
        builder.Property(r => r.IdempotencyKey).HasMaxLength(100);
        builder.Property(r => r.IdempotencyFingerprint).HasMaxLength(32);
        builder.Property(r => r.Version).IsConcurrencyToken();

        builder.HasOne(r => r.Intervention).WithMany()
            .HasForeignKey(r => r.InterventionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Participant).WithMany()
            .HasForeignKey(r => r.ParticipantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Participation).WithMany()
            .HasForeignKey(r => r.ParticipationId).OnDelete(DeleteBehavior.Restrict);

        // A retried registration finds the first one by its key.
        builder.HasIndex(r => new { r.InterventionId, r.IdempotencyKey }).IsUnique();

        // One referral per participation: a retried start cannot link a second one.
        builder.HasIndex(r => r.ParticipationId).IsUnique();

        // Backstop for "two waiting referrals of one person to one intervention" when two requests race.
        builder.HasIndex(r => new { r.InterventionId, r.ParticipantId })
            .IsUnique()
            .HasFilter($"\"State\" IN ('{nameof(ReferralState.Received)}', '{nameof(ReferralState.Accepted)}')")
            .HasDatabaseName("IX_Referrals_OneWaitingPerPerson");

        // The queue and the report scan one intervention's referrals by state and date.
        builder.HasIndex(r => new { r.InterventionId, r.State, r.ReceivedOn });
    }
}
