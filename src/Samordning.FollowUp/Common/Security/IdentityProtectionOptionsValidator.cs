using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Samordning.FollowUp.Common.Security;

internal sealed class IdentityProtectionOptionsValidator : IValidateOptions<IdentityProtectionOptions>
{
    public const int KeySizeInBytes = 32;

    /// <summary>Key ids are one byte of the stored value; 0 is never used.</summary>
    public const int MinKeyId = 1;
    public const int MaxKeyId = byte.MaxValue;

    private const string HowTo = "Generate one with: openssl rand -base64 32";

    public ValidateOptionsResult Validate(string? name, IdentityProtectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        Read(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Decodes and checks every key; null, with the reasons in <paramref name="failures"/>, when anything is wrong.</summary>
    internal static IdentityKeys? Read(IdentityProtectionOptions options, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(failures);
        var before = failures.Count;

        var encryptionKey = Decode(options.EncryptionKey, nameof(options.EncryptionKey), failures);
        var hmacKey = Decode(options.HmacKey, nameof(options.HmacKey), failures);
        var currentId = options.EncryptionKeyId;
        if (currentId is < MinKeyId or > MaxKeyId)
        {
            failures.Add($"{Key(nameof(options.EncryptionKeyId))} must be between {MinKeyId} and {MaxKeyId} "
                + $"(it is stored as the first byte of every encrypted personnummer), but is {Number(currentId)}.");
        }

        // Reusing one key for both AES and HMAC couples the two schemes; keep them independent.
        if (encryptionKey is not null && hmacKey is not null && CryptographicOperations.FixedTimeEquals(encryptionKey, hmacKey))
        {
            failures.Add(
                $"{Key(nameof(options.EncryptionKey))} and {Key(nameof(options.HmacKey))} must be different keys. "
                + "Generate a separate one for each with: openssl rand -base64 32");
        }

        var keys = new Dictionary<byte, byte[]>();
        var previousKeys = options.PreviousEncryptionKeys;
        for (var i = 0; i < previousKeys.Count; i++)
        {
            var previous = previousKeys[i];
            var idKey = Key($"{nameof(options.PreviousEncryptionKeys)}:{Number(i)}:{nameof(previous.Id)}");
            var keyProperty = $"{nameof(options.PreviousEncryptionKeys)}:{Number(i)}:{nameof(previous.Key)}";
            var key = Decode(previous.Key, keyProperty, failures);

            if (previous.Id is < MinKeyId or > MaxKeyId)
            {
                failures.Add($"{idKey} must be between {MinKeyId} and {MaxKeyId} (the id the key was used under), "
                    + $"but is {Number(previous.Id)}.");
            }
            else if (previous.Id == currentId)
            {
                failures.Add($"{idKey} is {Number(previous.Id)}, the id of the current key ({Key(nameof(options.EncryptionKeyId))}). "
                    + "Keep the previous key under its old id and give the new key the next id.");
            }
            else if (!keys.TryAdd((byte)previous.Id, key ?? []))
            {
                failures.Add($"{idKey} is {Number(previous.Id)}, which another entry of "
                    + $"{Key(nameof(options.PreviousEncryptionKeys))} already uses. Every key needs its own id.");
            }

            if (key is null)
            {
                continue;
            }

            if (hmacKey is not null && CryptographicOperations.FixedTimeEquals(key, hmacKey))
            {
                failures.Add($"{Key(keyProperty)} and {Key(nameof(options.HmacKey))} must be different keys.");
            }

            // The same key under a new id would look like a rotation and change nothing.
            if (encryptionKey is not null && CryptographicOperations.FixedTimeEquals(key, encryptionKey))
            {
                failures.Add($"{Key(keyProperty)} is the same key as {Key(nameof(options.EncryptionKey))}. "
                    + $"A rotation needs a new key. {HowTo}");
            }
        }

        if (failures.Count > before || encryptionKey is null || hmacKey is null)
        {
            return null;
        }

        keys.Add((byte)currentId, encryptionKey);
        return new IdentityKeys((byte)currentId, keys, hmacKey);
    }

    /// <summary>Decodes a configured key; null (with a failure recorded) when missing or malformed.</summary>
    internal static byte[]? Decode(string? base64, string property, List<string>? failures)
    {
        var configKey = Key(property);
        if (string.IsNullOrWhiteSpace(base64))
        {
            failures?.Add($"{configKey} is not configured. {HowTo} "
                + $"and set it in configuration (e.g. environment variable {configKey.Replace(":", "__", StringComparison.Ordinal)}).");
            return null;
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            failures?.Add($"{configKey} is not valid base64. {HowTo}");
            return null;
        }

        if (key.Length != KeySizeInBytes)
        {
            failures?.Add($"{configKey} must decode to {KeySizeInBytes} bytes but decodes to {key.Length}. {HowTo}");
            return null;
        }

        return key;
    }

    private static string Key(string property) => $"{IdentityProtectionOptions.SectionName}:{property}";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The decoded keys: every encryption key by its id (the current one included) and the HMAC key.</summary>
internal sealed record IdentityKeys(byte CurrentKeyId, IReadOnlyDictionary<byte, byte[]> EncryptionKeys, byte[] HmacKey);
