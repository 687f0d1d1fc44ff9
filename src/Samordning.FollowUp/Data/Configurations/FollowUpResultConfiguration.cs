using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class FollowUpResultConfiguration : IEntityTypeConfiguration<FollowUpResult>
{
    public void Configure(EntityTypeBuilder<FollowUpResult> builder)
    {
        builder.HasKey(r => r.FollowUpId);
        builder.PrimitiveCollection(r => r.IncomeSources).EnumNames();
    }
}
