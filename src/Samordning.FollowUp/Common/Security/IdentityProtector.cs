using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Common.Security;

/// <summary>
/// Protects personnummer at rest (domain.md §8): AES-GCM for the copy that can be shown again,
/// keyed HMAC-SHA256 for finding the same person (a plain hash is brute-forced in seconds over
/// the small number space). Encryption keys rotate (a key ring, see the identity-key-rotation
/// job); the HMAC key does not: every lookup compares against one stable hash.
/// </summary>
internal sealed class IdentityProtector
{
    // Layout: [key id][nonce][tag][ciphertext]. The first byte names the encryption key, so a new
    // key gets a new id and values encrypted with an earlier key stay readable until the
    // identity-key-rotation job has re-encrypted them. Id 1 is the key before any rotation.
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int PlaintextSize = 12;
    private const int HeaderSize = 1 + NonceSize + TagSize;

    /// <summary>Length of the output of <see cref="Encrypt"/>.</summary>
    public const int ProtectedSize = HeaderSize + PlaintextSize;

    private readonly byte _currentKeyId;
    private readonly Dictionary<byte, byte[]> _encryptionKeys;
    private readonly byte[] _hmacKey;

    public IdentityProtector(IOptions<IdentityProtectionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var keys = IdentityProtectionOptionsValidator.Read(options.Value, failures)
            ?? throw new InvalidOperationException(
                $"{IdentityProtectionOptions.SectionName} is invalid; options validation should have caught this. {string.Join(" ", failures)}");
        _currentKeyId = keys.CurrentKeyId;
        _encryptionKeys = new Dictionary<byte, byte[]>(keys.EncryptionKeys);
        _hmacKey = keys.HmacKey;
    }

    /// <summary>The id of the key <see cref="Encrypt"/> uses: the first byte of its output.</summary>
    public byte CurrentKeyId => _currentKeyId;

    /// <summary>Whether the value is encrypted with the current key (judged by its first byte; not decrypted).</summary>
    public bool IsCurrent(byte[] protectedValue)
    {
        ArgumentNullException.ThrowIfNull(protectedValue);
        return protectedValue.Length > 0 && protectedValue[0] == _currentKeyId;
    }

    public byte[] Encrypt(PersonalIdentityNumber pnr)
    {
        Span<byte> plaintext = stackalloc byte[PlaintextSize];
        Encoding.ASCII.GetBytes(pnr.Value, plaintext);
        var output = Seal(plaintext);
        CryptographicOperations.ZeroMemory(plaintext);
        return output;
    }

    /// <summary>[key id][nonce][tag][ciphertext] with the current key.</summary>
    private byte[] Seal(ReadOnlySpan<byte> plaintext)
    {
        var output = new byte[HeaderSize + plaintext.Length];
        output[0] = _currentKeyId;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);

        // AesGcm instances are not thread-safe, and this is a singleton: one per call is cheap enough.
        using var aes = new AesGcm(_encryptionKeys[_currentKeyId], TagSize);

        // The key id is authenticated so it cannot be swapped to steer decryption to another key.
        aes.Encrypt(nonce, plaintext, output.AsSpan(HeaderSize), output.AsSpan(1 + NonceSize, TagSize), output.AsSpan(0, 1));
        return output;
    }

    /// <summary>Decrypts with the key named by the first byte: the current key or a previous one.</summary>
    /// <exception cref="CryptographicException">Wrong length, unknown key id, wrong key or tampered data.</exception>
    public PersonalIdentityNumber Decrypt(byte[] protectedValue)
    {
        ArgumentNullException.ThrowIfNull(protectedValue);
        if (protectedValue.Length != ProtectedSize)
        {
            throw new CryptographicException("Protected personal identity number has an unexpected length.");
        }

        if (!_encryptionKeys.TryGetValue(protectedValue[0], out var key))
        {
            throw new CryptographicException(
                $"Protected personal identity number is encrypted with key id {protectedValue[0]}, which is not configured "
                + $"({IdentityProtectionOptions.SectionName}:EncryptionKeyId or PreviousEncryptionKeys).");
        }

        Span<byte> plaintext = stackalloc byte[PlaintextSize];
        using (var aes = new AesGcm(key, TagSize))
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

    /// <summary>
    /// AES-GCM over short UTF-8 text (a participant's contact for the follow-up), with the same key
    /// ring and layout as the personnummer: [key id][nonce][tag][ciphertext].
    /// </summary>
    public byte[] EncryptText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var plaintext = Encoding.UTF8.GetBytes(text);
        var output = Seal(plaintext);
        CryptographicOperations.ZeroMemory(plaintext);
        return output;
    }

    /// <summary>The text of <see cref="EncryptText"/>, with the key named by the first byte.</summary>
    /// <exception cref="CryptographicException">Too short, unknown key id, wrong key or tampered data.</exception>
    public string DecryptText(byte[] protectedValue)
    {
        ArgumentNullException.ThrowIfNull(protectedValue);
        if (protectedValue.Length < HeaderSize || !_encryptionKeys.TryGetValue(protectedValue[0], out var key))
        {
            throw new CryptographicException("Protected text is too short or encrypted with a key that is not configured.");
        }

        var plaintext = new byte[protectedValue.Length - HeaderSize];
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Decrypt(protectedValue.AsSpan(1, NonceSize), protectedValue.AsSpan(HeaderSize),
                protectedValue.AsSpan(1 + NonceSize, TagSize), plaintext, protectedValue.AsSpan(0, 1));
        }

        var text = Encoding.UTF8.GetString(plaintext);
        CryptographicOperations.ZeroMemory(plaintext);
        return text;
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
