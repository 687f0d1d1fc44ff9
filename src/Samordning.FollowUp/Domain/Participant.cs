namespace Samordning.FollowUp.Domain;

/// <summary>
/// A person known to one provider (the controller). Identified participants carry the
/// personnummer only encrypted plus a keyed HMAC to find the same person again; anonymous
/// individuals carry neither.
/// </summary>
public sealed class Participant
{
    public long Id { get; set; }
    public long ProviderId { get; set; }
    public Provider? Provider { get; set; }
    public Gender Gender { get; set; }
    public int? BirthYear { get; set; }

    /// <summary>AES-GCM protected personnummer; null for anonymous individuals and after erasure.</summary>
    public byte[]? IdentityCipher { get; set; }

    /// <summary>Keyed HMAC-SHA256 of the personnummer; unique per provider.</summary>
    public byte[]? IdentityHash { get; set; }

    /// <summary>
    /// AES-GCM protected contact for the follow-up's answer link (mobile and/or e-mail); erased
    /// with the identity.
    /// </summary>
    public byte[]? ContactCipher { get; set; }

    /// <summary>When the identity was erased (consent withdrawn, retention, request); gender and birth year stay for statistics.</summary>
    public DateTime? IdentityErasedAtUtc { get; set; }

    public IdentityErasure? IdentityErasure { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public List<Participation> Participations { get; } = [];
}
