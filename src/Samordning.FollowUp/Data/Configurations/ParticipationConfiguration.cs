using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class ParticipationConfiguration : IEntityTypeConfiguration<Participation>
{
    public void Configure(EntityTypeBuilder<Participation> builder)
    {
        builder.Property(p => p.HomeMunicipality).HasMaxLength(100);
        builder.Property(p => p.ConsentTextVersion).HasMaxLength(100);
        builder.Property(p => p.ConsentCollectedBy).HasMaxLength(200);
        builder.Property(p => p.IdempotencyKey).HasMaxLength(100);
        builder.Property(p => p.IdempotencyFingerprint).HasMaxLength(32);
        builder.Property(p => p.Version).IsConcurrencyToken();

        builder.PrimitiveCollection(p => p.IncomeSourcesAtStart).EnumNames();
        builder.PrimitiveCollection(p => p.IncomeSourcesAtExit).EnumNames();

        builder.HasOne(p => p.Intervention).WithMany()
            .HasForeignKey(p => p.InterventionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Participant).WithMany(p => p.Participations)
            .HasForeignKey(p => p.ParticipantId).OnDelete(DeleteBehavior.Restrict);

        // A retried registration finds the first one by its key.
        builder.HasIndex(p => new { p.InterventionId, p.IdempotencyKey }).IsUnique();

        // Backstop for "the same person active twice in one intervention" when two requests race:
        // at most one open participation per person and intervention. The filter is written so
        // SQLite, PostgreSQL and SQL Server (QUOTED_IDENTIFIER on) all accept it.
        builder.HasIndex(p => new { p.InterventionId, p.ParticipantId })
            .IsUnique()
            .HasFilter("\"EndDate\" IS NULL")
            .HasDatabaseName("IX_Participations_OneOpenPerPerson");

        // Reports and lists scan by intervention and dates. The report's participation grid also reads
        // the gender and whether the exit was registered in error: with them in the index it reads the
        // index alone, not each participation's row as well (README, "Performance").
        builder.HasIndex(p => new { p.InterventionId, p.StartDate, p.EndDate, p.Gender, p.ExitReason })
            .HasDatabaseName("IX_Participations_InterventionPeriods");

        // Indicators and the follow-up scheduler scan exits by end date.
        builder.HasIndex(p => new { p.EndDate, p.InterventionId });

        // One association's exits in a period (the report's exit tables, its data quality and every
        // indicator): its interventions found first, then each one's exits sought by end date,
        // rather than all of each intervention's participations read to test the date. What those
        // queries read of an exit is in the index too (the id for the 12-month follow-up), so they
        // read the index alone: after an exit its intervention's slices are counted again by them.
        builder.HasIndex(p => new
            {
                p.InterventionId, p.EndDate, p.ExitReason, p.OccupationAtExit, p.Gender, p.StepAtStart, p.StepAtExit, p.Id,
            })
            .HasDatabaseName("IX_Participations_InterventionExits");

        // The follow-up scheduler's run since the last one reads only participations changed since it.
        builder.HasIndex(p => p.UpdatedAtUtc);
    }
}
