using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class TertialNoteConfiguration : IEntityTypeConfiguration<TertialNote>
{
    public void Configure(EntityTypeBuilder<TertialNote> builder)
    {
        builder.HasKey(n => new { n.InterventionId, n.Year, n.Tertial });
        builder.Property(n => n.ReferralFlowAndQueue).HasMaxLength(4000);
        builder.Property(n => n.WhatWorked).HasMaxLength(4000);
        builder.Property(n => n.DeviationsAndRisks).HasMaxLength(4000);
        builder.Property(n => n.SoftValues).HasMaxLength(4000);
        builder.HasOne<Intervention>().WithMany().HasForeignKey(n => n.InterventionId).OnDelete(DeleteBehavior.Cascade);
    }
}
