using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Data.Configurations;

internal sealed class ContactAttemptConfiguration : IEntityTypeConfiguration<ContactAttempt>
{
    // One attempt per follow-up, day and outcome: a retried request (a double click, a resent
    // POST) finds the same row instead of counting a second try that never happened.
    public void Configure(EntityTypeBuilder<ContactAttempt> builder) =>
        builder.HasIndex(a => new { a.FollowUpId, a.AttemptedOn, a.Outcome }).IsUnique();
}
