using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Common.Auditing;

/// <summary>
/// Writes the audit log. <see cref="Add"/> puts the line in the unit of work of the change it
/// records (both are saved, or neither); <see cref="WriteAsync"/> saves a line on its own, for
/// reads (an identity shown, a search) that change nothing else.
/// </summary>
internal sealed class AuditLog(FollowUpDbContext db, CallerContext callers, TimeProvider clock)
{
    public const string Participation = "Participation";
    public const string Participant = "Participant";
    public const string FollowUp = "FollowUp";
    public const string User = "User";
    public const string Report = "Report";
    public const string ProviderTertialReport = "ProviderTertialReport";
    public const string Log = "AuditLog";
    public const string Association = "Association";
    public const string Provider = "Provider";
    public const string Notification = "Notification";
    public const string Referral = "Referral";
    public const string Economy = "Economy";

    /// <summary>Every entity type a line can name, with the one Swedish wording the pages and files use.</summary>
    public static readonly IReadOnlyList<(string Type, string Label)> EntityTypes =
    [
        (Participation, "Deltagande"),
        (Participant, "Deltagare"),
        (FollowUp, "Uppföljning"),
        (User, "Användare"),
        (Report, "Rapport"),
        (ProviderTertialReport, "Utförarens tertialrapport"),
        (Log, "Logg"),
        (Association, "Förbund"),
        (Provider, "Utförare"),
        (Notification, "Meddelande"),
        (Referral, "Anvisning"),
        (Economy, "Ekonomi"),
    ];

    /// <summary>The Swedish wording of an entity type; an unknown type as stored.</summary>
    public static string EntityLabel(string entityType) =>
        EntityTypes.FirstOrDefault(e => e.Type == entityType).Label ?? entityType;

    public AuditEntry Add(AuditAction action, string entityType, object? entityId, long? associationId, long? providerId, string? detail = null) =>
        AddFor(callers.Current, action, entityType, entityId, associationId, providerId, detail);

    /// <summary>For sign-in, where the request has no signed-in user yet.</summary>
    public AuditEntry AddFor(
        Caller caller, AuditAction action, string entityType, object? entityId, long? associationId, long? providerId, string? detail = null)
    {
        var entry = new AuditEntry
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            UserId = caller.UserId,
            UserName = caller.Name,
            Role = caller.Role,
            Action = action,
            EntityType = entityType,
            EntityId = entityId?.ToString(),
            AssociationId = associationId,
            ProviderId = providerId,
            // Cut rather than refused: what a line describes (an adoption's reason of up to 2,000
            // characters, a list of names) is kept whole where it belongs; the line must still be written.
            // A longer detail than the column holds (AuditEntry.MaxDetailLength) ends in "…".
            Detail = detail is { Length: > AuditEntry.MaxDetailLength } ? string.Concat(detail.AsSpan(0, AuditEntry.MaxDetailLength - 1), "…") : detail,
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    public async Task WriteAsync(
        AuditAction action, string entityType, object? entityId, long? associationId, long? providerId, string? detail,
        CancellationToken cancellationToken)
    {
        Add(action, entityType, entityId, associationId, providerId, detail);
        await db.SaveChangesAsync(cancellationToken);
    }
}
