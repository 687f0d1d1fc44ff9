using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class AssociationMemberConfiguration : IEntityTypeConfiguration<AssociationMember>
{
    public void Configure(EntityTypeBuilder<AssociationMember> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.Property(m => m.MunicipalityCode).HasMaxLength(4);
        builder.HasOne<Association>().WithMany().HasForeignKey(m => m.AssociationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.AssociationId, m.Name }).IsUnique();
        builder.HasMany(m => m.Years).WithOne().HasForeignKey(y => y.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MemberYearConfiguration : IEntityTypeConfiguration<MemberYear>
{
    public void Configure(EntityTypeBuilder<MemberYear> builder) => builder.HasKey(y => new { y.MemberId, y.Year });
}

internal sealed class EconomyYearConfiguration : IEntityTypeConfiguration<EconomyYear>
{
    public void Configure(EntityTypeBuilder<EconomyYear> builder)
    {
        builder.HasKey(y => new { y.AssociationId, y.Year });
        builder.HasOne<Association>().WithMany().HasForeignKey(y => y.AssociationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AdministrationCostConfiguration : IEntityTypeConfiguration<AdministrationCost>
{
    public void Configure(EntityTypeBuilder<AdministrationCost> builder)
    {
        builder.HasKey(c => new { c.AssociationId, c.Year, c.Category });
        builder.HasOne<Association>().WithMany().HasForeignKey(c => c.AssociationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InterventionCostConfiguration : IEntityTypeConfiguration<InterventionCost>
{
    public void Configure(EntityTypeBuilder<InterventionCost> builder)
    {
        builder.HasKey(c => new { c.InterventionId, c.Year });
        builder.HasOne<Intervention>().WithMany().HasForeignKey(c => c.InterventionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FinancialTargetConfiguration : IEntityTypeConfiguration<FinancialTarget>
{
    public void Configure(EntityTypeBuilder<FinancialTarget> builder)
    {
        builder.HasOne<Association>().WithMany().HasForeignKey(t => t.AssociationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => t.AssociationId);
    }
}
