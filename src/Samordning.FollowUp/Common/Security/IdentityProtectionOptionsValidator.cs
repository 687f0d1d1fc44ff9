using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Samordning.FollowUp.Common.Security;

internal sealed class IdentityProtectionOptionsValidator : IValidateOptions<IdentityProtectionOptions>
{
    public const int KeySizeInBytes = 32;

    public ValidateOptionsResult Validate(string? name, IdentityProtectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var failures = new List<string>();
        var encryptionKey = Decode(options.EncryptionKey, nameof(options.EncryptionKey), failures);
        var hmacKey = Decode(options.HmacKey, nameof(options.HmacKey), failures);

        // Reusing one key for both AES and HMAC couples the two schemes; keep them independent.
        if (encryptionKey is not null && hmacKey is not null && CryptographicOperations.FixedTimeEquals(encryptionKey, hmacKey))
        {
            failures.Add(
                $"{Key(nameof(options.EncryptionKey))} and {Key(nameof(options.HmacKey))} must be different keys. "
                + "Generate a separate one for each with: openssl rand -base64 32");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Decodes a configured key; null (with a failure recorded) when missing or malformed.</summary>
    internal static byte[]? Decode(string? base64, string property, List<string>? failures)
    {
        var configKey = Key(property);
        const string howTo = "Generate one with: openssl rand -base64 32";
        if (string.IsNullOrWhiteSpace(base64))
        {
            failures?.Add($"{configKey} is not configured. {howTo} "
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
            failures?.Add($"{configKey} is not valid base64. {howTo}");
            return null;
        }

        if (key.Length != KeySizeInBytes)
        {
            failures?.Add($"{configKey} must decode to {KeySizeInBytes} bytes but decodes to {key.Length}. {howTo}");
            return null;
        }

        return key;
    }

    private static string Key(string property) => $"{IdentityProtectionOptions.SectionName}:{property}";
}
