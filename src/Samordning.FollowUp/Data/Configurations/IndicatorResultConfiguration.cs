using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

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
