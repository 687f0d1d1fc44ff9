using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Common.Security;

/// <summary>
/// Protects personnummer at rest (domain.md §8): AES-GCM for the copy that can be shown again,
/// keyed HMAC-SHA256 for finding the same person (a plain hash is brute-forced in seconds over
/// the small number space).
/// </summary>
internal sealed class IdentityProtector
{
    // Layout: [version][nonce][tag][ciphertext]. The version byte leaves room for key rotation:
    // a later key gets a new byte and old rows stay readable.
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int PlaintextSize = 12;
    private const int HeaderSize = 1 + NonceSize + TagSize;

    /// <summary>Length of the output of <see cref="Encrypt"/>.</summary>
    public const int ProtectedSize = HeaderSize + PlaintextSize;

    private readonly byte[] _encryptionKey;
    private readonly byte[] _hmacKey;

    public IdentityProtector(IOptions<IdentityProtectionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _encryptionKey = IdentityProtectionOptionsValidator.Decode(value.EncryptionKey, nameof(value.EncryptionKey), null)
            ?? throw new InvalidOperationException("IdentityProtection:EncryptionKey is invalid; options validation should have caught this.");
        _hmacKey = IdentityProtectionOptionsValidator.Decode(value.HmacKey, nameof(value.HmacKey), null)
            ?? throw new InvalidOperationException("IdentityProtection:HmacKey is invalid; options validation should have caught this.");
    }

    public byte[] Encrypt(PersonalIdentityNumber pnr)
    {
        Span<byte> plaintext = stackalloc byte[PlaintextSize];
        Encoding.ASCII.GetBytes(pnr.Value, plaintext);

        var output = new byte[ProtectedSize];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);

        // AesGcm instances are not thread-safe, and this is a singleton: one per call is cheap enough.
        using (var aes = new AesGcm(_encryptionKey, TagSize))
        {
            // The version byte is authenticated so it cannot be swapped to steer decryption to another key.
            aes.Encrypt(nonce, plaintext, output.AsSpan(HeaderSize), output.AsSpan(1 + NonceSize, TagSize), output.AsSpan(0, 1));
        }

        CryptographicOperations.ZeroMemory(plaintext);
        return output;
    }

    /// <exception cref="CryptographicException">Wrong length, unknown version, wrong key or tampered data.</exception>
    public PersonalIdentityNumber Decrypt(byte[] protectedValue)
    {
        ArgumentNullException.ThrowIfNull(protectedValue);
        if (protectedValue.Length != ProtectedSize)
        {
            throw new CryptographicException("Protected personal identity number has an unexpected length.");
        }

        if (protectedValue[0] != FormatVersion)
        {
            throw new CryptographicException("Protected personal identity number has an unknown format version.");
        }

        Span<byte> plaintext = stackalloc byte[PlaintextSize];
        using (var aes = new AesGcm(_encryptionKey, TagSize))
        {
            aes.Decrypt(
                protectedValue.AsSpan(1, NonceSize),
                protectedValue.AsSpan(HeaderSize),
                protectedValue.AsSpan(1 + NonceSize, TagSize),
                plaintext,
                protectedValue.AsSpan(0, 1));
        }

        var digits = Encoding.ASCII.GetString(plaintext);
        CryptographicOperations.ZeroMemory(plaintext);
        try
        {
            return PersonalIdentityNumber.FromStored(digits);
        }
        catch (FormatException ex)
        {
            // Authentic but invalid means it was encrypted from bad input; callers handle one exception type.
            throw new CryptographicException("Decrypted value is not a valid personal identity number.", ex);
        }
    }

    /// <summary>Keyed HMAC-SHA256 (32 bytes) over the 12 digits: equal for the same person, useless without the key.</summary>
    public byte[] Hash(PersonalIdentityNumber pnr)
    {
        Span<byte> digits = stackalloc byte[PlaintextSize];
        Encoding.ASCII.GetBytes(pnr.Value, digits);
        var hash = HMACSHA256.HashData(_hmacKey, digits);
        CryptographicOperations.ZeroMemory(digits);
        return hash;
    }

    /// <summary>Keyed HMAC-SHA256 of a request body for idempotency: the body may contain a personnummer.</summary>
    public byte[] Fingerprint(ReadOnlySpan<byte> data) => HMACSHA256.HashData(_hmacKey, data);
}
