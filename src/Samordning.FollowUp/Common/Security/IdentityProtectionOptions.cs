namespace Samordning.FollowUp.Common.Security;

/// <summary>Keys for protecting personnummer at rest (domain.md §8). Bound from "IdentityProtection".</summary>
internal sealed class IdentityProtectionOptions
{
    public const string SectionName = "IdentityProtection";

    /// <summary>Base64, 32 bytes: the current AES-256-GCM key for the reversible copy shown to coaches; every new encryption uses it.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>
    /// Id (1–255) of <see cref="EncryptionKey"/>, written as the first byte of every encrypted
    /// value. 1 by default, the byte that data encrypted before key rotation existed carries.
    /// </summary>
    public int EncryptionKeyId { get; set; } = 1;

    /// <summary>
    /// Earlier encryption keys, still needed to read values encrypted with them until the
    /// identity-key-rotation job has re-encrypted everything with the current key.
    /// </summary>
    public IList<PreviousEncryptionKey> PreviousEncryptionKeys { get; } = [];

    /// <summary>Base64, 32 bytes: HMAC-SHA256 key for de-duplication and request fingerprints. Never rotated.</summary>
    public string? HmacKey { get; set; }

    /// <summary>Development only: where generated keys are kept, relative to the content root.</summary>
    public string DevelopmentKeyFile { get; set; } = "data/identity-keys.json";
}

/// <summary>An earlier encryption key and the id it was used under.</summary>
internal sealed class PreviousEncryptionKey
{
    public int Id { get; set; }

    /// <summary>Base64, 32 bytes.</summary>
    public string? Key { get; set; }
}
