using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class ProgressionInstrumentConfiguration : IEntityTypeConfiguration<ProgressionInstrument>
{
    public void Configure(EntityTypeBuilder<ProgressionInstrument> builder)
    {
        builder.Property(i => i.Code).HasMaxLength(16);
        builder.Property(i => i.Name).HasMaxLength(300);
        builder.Property(i => i.RuleFactorCode).HasMaxLength(16);
        builder.Property(i => i.TargetPercent).HasPrecision(5, 2);
        builder.HasOne<Association>().WithMany().HasForeignKey(i => i.AssociationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Factors).WithOne().HasForeignKey(f => f.InstrumentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.ScaleLabels).WithOne().HasForeignKey(l => l.InstrumentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Interventions).WithOne().HasForeignKey(l => l.InstrumentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.AssociationId, i.Code, i.Version }).IsUnique();
    }
}

internal sealed class ProgressionFactorConfiguration : IEntityTypeConfiguration<ProgressionFactor>
{
    public void Configure(EntityTypeBuilder<ProgressionFactor> builder)
    {
        builder.ToTable("ProgressionFactors");
        builder.Property(f => f.Code).HasMaxLength(16);
        builder.Property(f => f.Label).HasMaxLength(100);
        builder.Property(f => f.Description).HasMaxLength(1000);
        builder.HasIndex(f => new { f.InstrumentId, f.Code }).IsUnique();
    }
}

internal sealed class ProgressionScaleLabelConfiguration : IEntityTypeConfiguration<ProgressionScaleLabel>
{
    public void Configure(EntityTypeBuilder<ProgressionScaleLabel> builder)
    {
        builder.ToTable("ProgressionScaleLabels");
        builder.Property(l => l.Label).HasMaxLength(200);
        builder.HasIndex(l => new { l.InstrumentId, l.Value }).IsUnique();
    }
}

internal sealed class ProgressionInstrumentInterventionConfiguration : IEntityTypeConfiguration<ProgressionInstrumentIntervention>
{
    public void Configure(EntityTypeBuilder<ProgressionInstrumentIntervention> builder)
    {
        builder.ToTable("ProgressionInstrumentInterventions");
        builder.HasKey(l => new { l.InstrumentId, l.InterventionId });
        builder.HasOne<Intervention>().WithMany().HasForeignKey(l => l.InterventionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ProgressionMeasurementConfiguration : IEntityTypeConfiguration<ProgressionMeasurement>
{
    public void Configure(EntityTypeBuilder<ProgressionMeasurement> builder)
    {
        builder.Property(m => m.RecordedBy).HasMaxLength(256);
        builder.HasOne<Participation>().WithMany().HasForeignKey(m => m.ParticipationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Instrument).WithMany().HasForeignKey(m => m.InstrumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(m => m.Scores).WithOne().HasForeignKey(s => s.MeasurementId).OnDelete(DeleteBehavior.Cascade);
        // A measurement is corrected once: of two corrections racing, the second fails on this index. No
        // foreign key to itself: the test reset (Respawn) cannot order deletes through a self-reference.
        builder.HasIndex(m => m.CorrectsId).IsUnique();
        builder.HasIndex(m => new { m.ParticipationId, m.MeasuredOn });
    }
}

internal sealed class ProgressionScoreConfiguration : IEntityTypeConfiguration<ProgressionScore>
{
    public void Configure(EntityTypeBuilder<ProgressionScore> builder)
    {
        builder.Property(s => s.FactorCode).HasMaxLength(16);
        builder.HasIndex(s => new { s.MeasurementId, s.FactorCode }).IsUnique();
    }
}

internal sealed class ProgressionResultConfiguration : IEntityTypeConfiguration<ProgressionResult>
{
    public void Configure(EntityTypeBuilder<ProgressionResult> builder)
    {
        builder.Property(r => r.Code).HasMaxLength(16);
        builder.Property(r => r.TargetPercent).HasPrecision(5, 2);
        builder.HasOne<Association>().WithMany().HasForeignKey(r => r.AssociationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ProgressionInstrument>().WithMany().HasForeignKey(r => r.InstrumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.AssociationId, r.Year, r.Tertial, r.Mode, r.InterventionId });
    }
}

internal sealed class ProgressionFactorChangeConfiguration : IEntityTypeConfiguration<ProgressionFactorChange>
{
    public void Configure(EntityTypeBuilder<ProgressionFactorChange> builder)
    {
        builder.Property(r => r.Code).HasMaxLength(16);
        builder.Property(r => r.FactorCode).HasMaxLength(16);
        builder.HasOne<Association>().WithMany().HasForeignKey(r => r.AssociationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ProgressionInstrument>().WithMany().HasForeignKey(r => r.InstrumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.AssociationId, r.Year, r.Tertial, r.Mode, r.InterventionId });
    }
}
