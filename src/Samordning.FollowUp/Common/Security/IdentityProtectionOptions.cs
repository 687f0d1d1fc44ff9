namespace Samordning.FollowUp.Common.Security;

/// <summary>Keys for protecting personnummer at rest (domain.md §8). Bound from "IdentityProtection".</summary>
internal sealed class IdentityProtectionOptions
{
    public const string SectionName = "IdentityProtection";

    /// <summary>Base64, 32 bytes: AES-256-GCM key for the reversible copy shown to coaches.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>Base64, 32 bytes: HMAC-SHA256 key for de-duplication and request fingerprints.</summary>
    public string? HmacKey { get; set; }

    /// <summary>Development only: where generated keys are kept, relative to the content root.</summary>
    public string DevelopmentKeyFile { get; set; } = "data/identity-keys.json";
}
