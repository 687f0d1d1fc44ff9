using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class ProviderTertialTransitionConfiguration : IEntityTypeConfiguration<ProviderTertialTransition>
{
    public void Configure(EntityTypeBuilder<ProviderTertialTransition> builder)
    {
        builder.Property(t => t.UserId).HasMaxLength(450);
        builder.Property(t => t.UserName).HasMaxLength(256);
        builder.Property(t => t.Remark).HasMaxLength(2000);
        builder.HasIndex(t => new { t.ReportId, t.AtUtc });
    }
}
