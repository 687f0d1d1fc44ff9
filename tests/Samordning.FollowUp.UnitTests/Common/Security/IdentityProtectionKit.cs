using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.UnitTests.Common.Security;

/// <summary>The people, keys and protectors the identity-protection tests share.</summary>
internal static class IdentityKeys
{
    public static readonly DateOnly Today = new(2026, 11, 23);

    // From Skatteverket's test file.
    public static readonly PersonalIdentityNumber Person = PersonalIdentityNumber.Parse("191202119150", Today);
    public static readonly PersonalIdentityNumber OtherPerson = PersonalIdentityNumber.Parse("192612049029", Today);

    public static readonly string KeyA = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    public static readonly string KeyB = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    public static readonly string KeyC = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static IdentityProtector CreateProtector(string encryptionKey, string hmacKey, int keyId = 1) =>
        new(Options.Create(new IdentityProtectionOptions { EncryptionKey = encryptionKey, EncryptionKeyId = keyId, HmacKey = hmacKey }));

    /// <summary>KeyA (id 1) rotated to KeyC (id 2); KeyB stays the HMAC key.</summary>
    public static IdentityProtectionOptions RotatedOptions()
    {
        var options = new IdentityProtectionOptions { EncryptionKey = KeyC, EncryptionKeyId = 2, HmacKey = KeyB };
        options.PreviousEncryptionKeys.Add(new PreviousEncryptionKey { Id = 1, Key = KeyA });
        return options;
    }

    public static IdentityProtector CreateRotatedProtector() => new(Options.Create(RotatedOptions()));
}

/// <summary>
/// The service's identity protection (AddIdentityProtection) in a service collection of its own,
/// with a temporary content root that is deleted again on dispose.
/// </summary>
internal sealed class IdentityProtectionServices : IDisposable
{
    public DirectoryInfo ContentRoot { get; } = Directory.CreateTempSubdirectory("identity-protection-tests-");

    public string DefaultKeyFile => Path.Combine(ContentRoot.FullName, "data", "identity-keys.json");

    public void Dispose() => ContentRoot.Delete(recursive: true);

    public ServiceProvider Build(
        string environmentName, string? encryptionKey, string? hmacKey, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["IdentityProtection:EncryptionKey"] = encryptionKey,
            ["IdentityProtection:HmacKey"] = hmacKey,
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var environment = new TestHostEnvironment(environmentName, ContentRoot.FullName);
        return new ServiceCollection()
            .AddLogging()
            .AddIdentityProtection(configuration, environment)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private sealed class TestHostEnvironment(string environmentName, string contentRootPath) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = environmentName;
        public string ApplicationName { get; set; } = "Samordning.FollowUp.UnitTests";
        public string ContentRootPath { get; set; } = contentRootPath;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
