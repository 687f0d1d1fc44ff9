using System.ComponentModel.DataAnnotations;

namespace Samordning.FollowUp.Domain;

/// <summary>
/// One line of the append-only audit log: who did what to which entity, when. Never holds a
/// personnummer: people are referred to by ids (participation D-123, participant P-45).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }

    /// <summary>The user's id; null for the system (jobs) and for failed sign-ins of unknown users.</summary>
    public string? UserId { get; set; }

    /// <summary>The user's e-mail, "system", or what a failed sign-in was tried with when it looks like an e-mail address.</summary>
    public required string UserName { get; set; }

    public UserRole? Role { get; set; }
    public AuditAction Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }

    /// <summary>The association the entity belongs to, so the office can read its own part of the log.</summary>
    public long? AssociationId { get; set; }

    public long? ProviderId { get; set; }

    /// <summary>A short free text (what changed, how many rows); never personal data of participants.</summary>
    public string? Detail { get; set; }

    /// <summary>The longest <see cref="Detail"/> a line keeps (its column's length).</summary>
    public const int MaxDetailLength = 400;
}

public enum AuditAction
{
    [Display(Name = "Läste personnummer")] IdentityRead,
    [Display(Name = "Sökte på personnummer")] IdentitySearch,
    [Display(Name = "Skapade")] Create,
    [Display(Name = "Rättade")] Correct,
    [Display(Name = "Registrerade utskrivning")] Exit,
    [Display(Name = "Accepterade anvisning")] ReferralAccepted,
    [Display(Name = "Avböjde anvisning")] ReferralDeclined,
    [Display(Name = "Återkallade anvisning")] ReferralWithdrawn,
    [Display(Name = "Skrev in från anvisning")] ReferralStarted,
    [Display(Name = "Registrerade uppföljning")] FollowUpRecorded,
    [Display(Name = "Exporterade")] Export,
    [Display(Name = "Samtycke återkallat")] ConsentWithdrawn,
    [Display(Name = "Identitet raderad")] Erased,
    [Display(Name = "Inloggning")] SignIn,
    [Display(Name = "Misslyckad inloggning")] SignInFailed,
    [Display(Name = "Utloggning")] SignOut,
    [Display(Name = "Krypteringsnyckel bytt")] KeyRotated,
    [Display(Name = "Skickade länk för lösenord")] PasswordLinkSent,
    [Display(Name = "Valde lösenord med länk")] PasswordSet,
    [Display(Name = "Bekräftade konto")] AccountConfirmed,
    [Display(Name = "Intygade tertialrapport")] TertialAttested,
    [Display(Name = "Godkände tertialrapport")] TertialAccepted,
    [Display(Name = "Skickade tillbaka tertialrapport")] TertialReturned,
    [Display(Name = "Fastställde tertialen")] TertialAdopted,
    [Display(Name = "Ändrade")] Updated,
    [Display(Name = "Inaktiverade")] Deactivated,
    [Display(Name = "Återaktiverade")] Reactivated,
    [Display(Name = "Påminde utföraren om datakvalitet")] DataQualityReminderSent,
    [Display(Name = "Läste kontaktuppgifter")] ContactRead,
    [Display(Name = "Svarade på uppföljningen via länk")] SelfReported,
    [Display(Name = "Kopplade till organisationens konto")] ExternalLoginLinked,
}

/// <summary>Why an identity was erased (the participation stays, as an anonymous individual).</summary>
public enum IdentityErasure
{
    [Display(Name = "Samtycket återkallades")] ConsentWithdrawn,
    [Display(Name = "Lagringstiden löpte ut")] Retention,
    [Display(Name = "På begäran av den registrerade")] Request,
}
