using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class IndicatorDefinitionConfiguration : IEntityTypeConfiguration<IndicatorDefinition>
{
    public void Configure(EntityTypeBuilder<IndicatorDefinition> builder)
    {
        builder.Property(d => d.Code).HasMaxLength(16);
        builder.Property(d => d.Name).HasMaxLength(300);
        builder.Property(d => d.TargetPercent).HasPrecision(5, 2);
        builder.PrimitiveCollection(d => d.Categories).EnumNames();
        builder.PrimitiveCollection(d => d.RegistrationModes).EnumNames();
        builder.PrimitiveCollection(d => d.ExcludedExitReasons).EnumNames();
        builder.PrimitiveCollection(d => d.SuccessOccupations).EnumNames();
        builder.HasOne<Association>().WithMany().HasForeignKey(d => d.AssociationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.AssociationId, d.Code, d.Version }).IsUnique();
    }
}
