using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

/// <summary>The 12-month follow-up. Its table keeps the name FollowUps it has always had.</summary>
internal sealed class TwelveMonthFollowUpConfiguration : IEntityTypeConfiguration<TwelveMonthFollowUp>
{
    public void Configure(EntityTypeBuilder<TwelveMonthFollowUp> builder)
    {
        builder.ToTable("FollowUps");
        builder.HasOne(f => f.Participation).WithOne()
            .HasForeignKey<TwelveMonthFollowUp>(f => f.ParticipationId).OnDelete(DeleteBehavior.Cascade);

        // Exactly one follow-up per exit, however often the scheduler runs.
        builder.HasIndex(f => f.ParticipationId).IsUnique();
        builder.HasIndex(f => new { f.Status, f.DueDate });

        // The scheduler's run since the last one seeks the follow-ups whose due date a boundary of
        // their state (reminder, due, window closed) has passed since then.
        builder.HasIndex(f => f.DueDate);
        builder.HasOne(f => f.Result).WithOne()
            .HasForeignKey<FollowUpResult>(r => r.FollowUpId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(f => f.ContactAttempts).WithOne()
            .HasForeignKey(a => a.FollowUpId).OnDelete(DeleteBehavior.Cascade);
    }
}
