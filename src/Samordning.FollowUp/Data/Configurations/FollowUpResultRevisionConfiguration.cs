using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class FollowUpResultRevisionConfiguration : IEntityTypeConfiguration<FollowUpResultRevision>
{
    public void Configure(EntityTypeBuilder<FollowUpResultRevision> builder)
    {
        builder.HasOne<TwelveMonthFollowUp>().WithMany()
            .HasForeignKey(r => r.FollowUpId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.FollowUpId);
        builder.PrimitiveCollection(r => r.IncomeSources).EnumNames();
    }
}
