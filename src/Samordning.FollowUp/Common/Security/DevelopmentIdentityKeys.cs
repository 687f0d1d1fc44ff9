using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Samordning.FollowUp.Common.Security;

/// <summary>
/// Development only: when no keys are configured, use keys from a local file, generating it on
/// first run, so a fresh clone starts without setup yet encrypted data survives restarts.
/// </summary>
internal sealed partial class DevelopmentIdentityKeys(string contentRootPath, ILogger<DevelopmentIdentityKeys> logger)
    : IPostConfigureOptions<IdentityProtectionOptions>
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public void PostConfigure(string? name, IdentityProtectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // With one key configured, the other missing is a mistake the validator should report.
        if (!string.IsNullOrWhiteSpace(options.EncryptionKey) || !string.IsNullOrWhiteSpace(options.HmacKey))
        {
            return;
        }

        var path = Path.GetFullPath(Path.Combine(contentRootPath, options.DevelopmentKeyFile));
        var keys = File.Exists(path) ? Read(path) : Create(path);
        options.EncryptionKey = keys.EncryptionKey;
        options.HmacKey = keys.HmacKey;
        LogUsingDevelopmentKeys(logger, path);
    }

    private static KeyFile Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<KeyFile>(File.ReadAllText(path), JsonOptions)
                ?? throw new InvalidDataException("The file is empty.");
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            throw new InvalidOperationException(
                $"Development key file {path} is unreadable. Delete it to generate new keys (existing encrypted data becomes unreadable).", ex);
        }
    }

    private KeyFile Create(string path)
    {
        var keys = new KeyFile(
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(IdentityProtectionOptionsValidator.KeySizeInBytes)),
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(IdentityProtectionOptionsValidator.KeySizeInBytes)));

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Write a temporary file and move it into place: a crash cannot leave a half-written key
        // file, and when two processes start together the first one's keys win.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var streamOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Set at creation, so the keys are never readable by others, not even briefly.
            streamOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, streamOptions))
        {
            JsonSerializer.Serialize(stream, keys, JsonOptions);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return Read(path);
        }

        LogGeneratedDevelopmentKeys(logger, path);
        return keys;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Using development identity-protection keys from {KeyFile}. Never use these outside development.")]
    private static partial void LogUsingDevelopmentKeys(ILogger logger, string keyFile);

    [LoggerMessage(Level = LogLevel.Information, Message = "Generated development identity-protection keys in {KeyFile}.")]
    private static partial void LogGeneratedDevelopmentKeys(ILogger logger, string keyFile);

    private sealed record KeyFile(string EncryptionKey, string HmacKey);
}
