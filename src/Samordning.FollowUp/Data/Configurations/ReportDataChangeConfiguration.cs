using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class ReportDataChangeConfiguration : IEntityTypeConfiguration<ReportDataChange>
{
    public void Configure(EntityTypeBuilder<ReportDataChange> builder)
    {
        builder.ToTable(ReportDataMarks.Table);
        builder.HasKey(c => c.Id);
        // No foreign key: a mark outlives what it marks, and never holds up a deletion.
        // The fingerprints' sums read this index alone.
        builder.HasIndex(c => new { c.InterventionId, c.Stamp });
    }
}
