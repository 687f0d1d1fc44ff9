using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class AssociationConfiguration : IEntityTypeConfiguration<Association>
{
    public void Configure(EntityTypeBuilder<Association> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.OrganisationNumber).HasMaxLength(16);
        builder.Property(a => a.ContactEmail).HasMaxLength(254);
        builder.Property(a => a.DefaultConsentTextVersion).HasMaxLength(100);
        builder.HasIndex(a => a.Name).IsUnique();
        // Existing associations get the documented defaults when the columns are added.
        builder.Property(a => a.PlanBelowPercent).HasDefaultValue(90).HasSentinel(0);
        builder.Property(a => a.PlanAbovePercent).HasDefaultValue(110).HasSentinel(0);
    }
}
