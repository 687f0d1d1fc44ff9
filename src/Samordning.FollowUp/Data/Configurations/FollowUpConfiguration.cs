using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<TwelveMonthFollowUp>
{
    public void Configure(EntityTypeBuilder<TwelveMonthFollowUp> builder)
    {
        builder.ToTable("FollowUps");
        builder.HasOne(f => f.Participation).WithOne()
            .HasForeignKey<TwelveMonthFollowUp>(f => f.ParticipationId).OnDelete(DeleteBehavior.Cascade);

        // Exactly one follow-up per exit, however often the scheduler runs.
        builder.HasIndex(f => f.ParticipationId).IsUnique();
        builder.HasIndex(f => new { f.Status, f.DueDate });
        builder.HasOne(f => f.Result).WithOne()
            .HasForeignKey<FollowUpResult>(r => r.FollowUpId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FollowUpResultConfiguration : IEntityTypeConfiguration<FollowUpResult>
{
    public void Configure(EntityTypeBuilder<FollowUpResult> builder)
    {
        builder.HasKey(r => r.FollowUpId);
        builder.PrimitiveCollection(r => r.IncomeSources).ElementType(e => e.HasConversion<string>());
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.Subject).HasMaxLength(300);
        builder.Property(n => n.Body).HasMaxLength(20000);
        builder.HasIndex(n => new { n.AssociationId, n.ProviderId, n.CreatedAtUtc });
    }
}

internal sealed class IndicatorDefinitionConfiguration : IEntityTypeConfiguration<IndicatorDefinition>
{
    public void Configure(EntityTypeBuilder<IndicatorDefinition> builder)
    {
        builder.Property(d => d.Code).HasMaxLength(16);
        builder.Property(d => d.Name).HasMaxLength(300);
        builder.Property(d => d.TargetPercent).HasPrecision(5, 2);
        builder.PrimitiveCollection(d => d.Categories).ElementType(e => e.HasConversion<string>());
        builder.PrimitiveCollection(d => d.RegistrationModes).ElementType(e => e.HasConversion<string>());
        builder.PrimitiveCollection(d => d.ExcludedExitReasons).ElementType(e => e.HasConversion<string>());
        builder.PrimitiveCollection(d => d.SuccessOccupations).ElementType(e => e.HasConversion<string>());
        builder.HasOne<Association>().WithMany().HasForeignKey(d => d.AssociationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.AssociationId, d.Code, d.Version }).IsUnique();
    }
}

internal sealed class IndicatorResultConfiguration : IEntityTypeConfiguration<IndicatorResult>
{
    public void Configure(EntityTypeBuilder<IndicatorResult> builder)
    {
        builder.Property(r => r.Code).HasMaxLength(16);
        builder.Property(r => r.TargetPercent).HasPrecision(5, 2);
        builder.HasOne<Association>().WithMany().HasForeignKey(r => r.AssociationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<IndicatorDefinition>().WithMany().HasForeignKey(r => r.DefinitionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.AssociationId, r.Year, r.Tertial, r.Mode, r.InterventionId });
    }
}
