using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class JobWatermarkConfiguration : IEntityTypeConfiguration<JobWatermark>
{
    public void Configure(EntityTypeBuilder<JobWatermark> builder)
    {
        builder.HasKey(w => w.Job);
        builder.Property(w => w.Job).HasMaxLength(64);
    }
}
