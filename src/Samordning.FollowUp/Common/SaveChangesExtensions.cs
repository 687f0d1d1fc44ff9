using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp.Data;

namespace Samordning.FollowUp.Common;

internal static class SaveChangesExtensions
{
    /// <summary>Saves; a unique-index refusal (two requests racing) becomes a 409 instead of a 500.</summary>
    public static async Task SaveChangesUniqueAsync(
        this FollowUpDbContext db, string conflictMessage, string? field, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            throw new ConflictException(conflictMessage, field);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("Uppgifterna ändrades av någon annan under tiden. Läs in dem igen och försök på nytt.");
        }
    }
}
