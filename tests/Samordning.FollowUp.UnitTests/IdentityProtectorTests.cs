using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.UnitTests;

public sealed class IdentityProtectorTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    // From Skatteverket's test file.
    private static readonly PersonalIdentityNumber Person = PersonalIdentityNumber.Parse("191202119150", Today);
    private static readonly PersonalIdentityNumber OtherPerson = PersonalIdentityNumber.Parse("192612049029", Today);

    private static readonly string KeyA = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string KeyB = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string KeyC = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private readonly DirectoryInfo _contentRoot = Directory.CreateTempSubdirectory("identity-protection-tests-");

    public void Dispose() => _contentRoot.Delete(recursive: true);

    [Fact]
    public void Encrypt_then_Decrypt_round_trips()
    {
        var protector = CreateProtector(KeyA, KeyB);
        var numbers = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "testpersonnummer-1890-1999.txt"))
            .Where((_, index) => index % 97 == 0)
            .Select(PersonalIdentityNumber.FromStored)
            .Append(Person)
            .ToList();

        foreach (var pnr in numbers)
        {
            Assert.Equal(pnr, protector.Decrypt(protector.Encrypt(pnr)));
        }
    }

    [Fact]
    public void Encrypt_has_version_nonce_tag_ciphertext_layout()
    {
        var encrypted = CreateProtector(KeyA, KeyB).Encrypt(Person);

        Assert.Equal(1 + 12 + 16 + 12, encrypted.Length);
        Assert.Equal(1, encrypted[0]);
    }

    [Fact]
    public void Two_encryptions_of_the_same_number_differ()
    {
        var protector = CreateProtector(KeyA, KeyB);

        var first = protector.Encrypt(Person);
        var second = protector.Encrypt(Person);

        Assert.NotEqual(first, second);
        Assert.NotEqual(first.AsSpan(1, 12).ToArray(), second.AsSpan(1, 12).ToArray());
    }

    [Fact]
    public void Ciphertext_contains_no_plaintext_digits()
    {
        var protector = CreateProtector(KeyA, KeyB);
        var fullNumber = Encoding.ASCII.GetBytes(Person.Value);
        var lastFour = Encoding.ASCII.GetBytes(Person.Value[8..]);

        for (var i = 0; i < 100; i++)
        {
            var encrypted = protector.Encrypt(Person);
            Assert.Equal(-1, encrypted.AsSpan().IndexOf(fullNumber));
            Assert.Equal(-1, encrypted.AsSpan().IndexOf(lastFour));
        }
    }

    [Fact]
    public void Tampering_with_any_byte_throws()
    {
        var protector = CreateProtector(KeyA, KeyB);
        var encrypted = protector.Encrypt(Person);

        for (var i = 0; i < encrypted.Length; i++)
        {
            var tampered = (byte[])encrypted.Clone();
            tampered[i] ^= 0x01;
            Assert.ThrowsAny<CryptographicException>(() => protector.Decrypt(tampered));
        }

        Assert.ThrowsAny<CryptographicException>(() => protector.Decrypt(encrypted[..^1]));
        Assert.ThrowsAny<CryptographicException>(() => protector.Decrypt([.. encrypted, 0]));
        Assert.ThrowsAny<CryptographicException>(() => protector.Decrypt([]));
    }

    [Fact]
    public void Decrypt_with_another_key_throws()
    {
        var encrypted = CreateProtector(KeyA, KeyB).Encrypt(Person);

        Assert.ThrowsAny<CryptographicException>(() => CreateProtector(KeyC, KeyB).Decrypt(encrypted));
    }

    [Fact]
    public void Hash_is_deterministic_keyed_and_32_bytes()
    {
        var protector = CreateProtector(KeyA, KeyB);

        var hash = protector.Hash(Person);

        Assert.Equal(32, hash.Length);
        Assert.Equal(hash, protector.Hash(PersonalIdentityNumber.Parse("120211+9150", Today)));
        Assert.Equal(hash, CreateProtector(KeyC, KeyB).Hash(Person)); // the encryption key plays no part
        Assert.NotEqual(hash, CreateProtector(KeyA, KeyC).Hash(Person));
        Assert.NotEqual(hash, protector.Hash(OtherPerson));
        Assert.NotEqual(hash, SHA256.HashData(Encoding.ASCII.GetBytes(Person.Value)));
        Assert.Equal(hash, HMACSHA256.HashData(Convert.FromBase64String(KeyB), Encoding.ASCII.GetBytes(Person.Value)));
    }

    [Fact]
    public void Fingerprint_is_HMAC_with_the_hmac_key()
    {
        var body = Encoding.UTF8.GetBytes("""{"personalIdentityNumber":"19120211-9150"}""");
        var protector = CreateProtector(KeyA, KeyB);

        var fingerprint = protector.Fingerprint(body);

        Assert.Equal(32, fingerprint.Length);
        Assert.Equal(fingerprint, protector.Fingerprint(body));
        Assert.Equal(fingerprint, HMACSHA256.HashData(Convert.FromBase64String(KeyB), body));
        Assert.NotEqual(fingerprint, CreateProtector(KeyA, KeyC).Fingerprint(body));
        Assert.NotEqual(fingerprint, protector.Fingerprint(body.AsSpan(1)));
    }

    public static TheoryData<string?, string?, string> InvalidKeys => new()
    {
        { null, KeyB, "IdentityProtection:EncryptionKey" },
        { KeyA, "", "IdentityProtection:HmacKey" },
        { Convert.ToBase64String(new byte[16]), KeyB, "IdentityProtection:EncryptionKey" },
        { KeyA, Convert.ToBase64String(new byte[31]), "IdentityProtection:HmacKey" },
        { KeyA, Convert.ToBase64String(new byte[64]), "IdentityProtection:HmacKey" },
        { "not base64!", KeyB, "IdentityProtection:EncryptionKey" },
        { KeyA, KeyA, "must be different" },
    };

    [Theory]
    [MemberData(nameof(InvalidKeys))]
    public void Validator_rejects_missing_malformed_short_and_identical_keys(string? encryptionKey, string? hmacKey, string expected)
    {
        var result = new IdentityProtectionOptionsValidator().Validate(
            null, new IdentityProtectionOptions { EncryptionKey = encryptionKey, HmacKey = hmacKey });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_accepts_two_different_32_byte_keys()
    {
        var result = new IdentityProtectionOptionsValidator().Validate(
            null, new IdentityProtectionOptions { EncryptionKey = KeyA, HmacKey = KeyB });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Configured_keys_are_bound_and_used()
    {
        using var provider = BuildProvider(Environments.Production, KeyA, KeyB);

        var protector = provider.GetRequiredService<IdentityProtector>();

        Assert.Same(protector, provider.GetRequiredService<IdentityProtector>());
        Assert.Equal(CreateProtector(KeyA, KeyB).Hash(Person), protector.Hash(Person));
        Assert.Equal(Person, CreateProtector(KeyA, KeyB).Decrypt(protector.Encrypt(Person)));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Outside_Development_missing_keys_fail(string environmentName)
    {
        using var provider = BuildProvider(environmentName, encryptionKey: null, hmacKey: null);

        var ex = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptions<IdentityProtectionOptions>>().Value);

        Assert.Contains("IdentityProtection:EncryptionKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains("IdentityProtection:HmacKey", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(DefaultKeyFile));
    }

    [Fact]
    public async Task Outside_Development_missing_keys_fail_at_host_start()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = _contentRoot.FullName,
        });
        builder.Services.AddIdentityProtection(builder.Configuration, builder.Environment);
        using var host = builder.Build();

        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Development_generates_a_key_file_once_and_reuses_it()
    {
        byte[] encrypted;
        byte[] hash;
        using (var first = BuildProvider(Environments.Development, null, null))
        {
            var protector = first.GetRequiredService<IdentityProtector>();
            encrypted = protector.Encrypt(Person);
            hash = protector.Hash(Person);
        }

        Assert.True(File.Exists(DefaultKeyFile));
        var fileContent = File.ReadAllText(DefaultKeyFile);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(DefaultKeyFile));
        }

        using (var second = BuildProvider(Environments.Development, null, null))
        {
            var options = second.GetRequiredService<IOptions<IdentityProtectionOptions>>().Value;
            Assert.NotEqual(options.EncryptionKey, options.HmacKey);

            var protector = second.GetRequiredService<IdentityProtector>();
            Assert.Equal(Person, protector.Decrypt(encrypted));
            Assert.Equal(hash, protector.Hash(Person));
        }

        Assert.Equal(fileContent, File.ReadAllText(DefaultKeyFile));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(DefaultKeyFile)!));
    }

    [Fact]
    public void Development_key_file_location_is_configurable()
    {
        using var provider = BuildProvider(Environments.Development, null, null, ("IdentityProtection:DevelopmentKeyFile", "secrets/keys.json"));

        provider.GetRequiredService<IdentityProtector>();

        Assert.True(File.Exists(Path.Combine(_contentRoot.FullName, "secrets", "keys.json")));
        Assert.False(File.Exists(DefaultKeyFile));
    }

    [Fact]
    public void Development_uses_configured_keys_without_creating_a_file()
    {
        using var provider = BuildProvider(Environments.Development, KeyA, KeyB);

        Assert.Equal(CreateProtector(KeyA, KeyB).Hash(Person), provider.GetRequiredService<IdentityProtector>().Hash(Person));
        Assert.False(File.Exists(DefaultKeyFile));
    }

    [Fact]
    public void Development_with_only_one_key_configured_fails_instead_of_generating_the_other()
    {
        using var provider = BuildProvider(Environments.Development, KeyA, hmacKey: null);

        var ex = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptions<IdentityProtectionOptions>>().Value);

        Assert.Contains("IdentityProtection:HmacKey", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(DefaultKeyFile));
    }

    [Fact]
    public void Development_with_a_corrupt_key_file_fails_with_a_hint()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DefaultKeyFile)!);
        File.WriteAllText(DefaultKeyFile, "{ not json");
        using var provider = BuildProvider(Environments.Development, null, null);

        var ex = Assert.Throws<InvalidOperationException>(
            () => provider.GetRequiredService<IOptions<IdentityProtectionOptions>>().Value);

        Assert.Contains("Delete it", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_key_id_is_1_so_data_from_before_rotation_stays_readable()
    {
        var protector = CreateProtector(KeyA, KeyB);

        Assert.Equal(1, protector.CurrentKeyId);
        Assert.True(protector.IsCurrent(protector.Encrypt(Person)));
    }

    [Fact]
    public void After_rotation_old_ciphers_stay_readable_and_new_ones_use_the_new_key_id()
    {
        var before = CreateProtector(KeyA, KeyB);
        var old = before.Encrypt(Person);
        var rotated = CreateRotatedProtector();

        var fresh = rotated.Encrypt(OtherPerson);

        Assert.Equal(Person, rotated.Decrypt(old));
        Assert.Equal(2, fresh[0]);
        Assert.Equal(IdentityProtector.ProtectedSize, fresh.Length);
        Assert.Equal(OtherPerson, rotated.Decrypt(fresh));
        Assert.False(rotated.IsCurrent(old));
        Assert.True(rotated.IsCurrent(fresh));
        Assert.True(before.IsCurrent(old));
        Assert.False(before.IsCurrent(fresh));

        // Re-encrypted under the new key, it no longer needs the old one.
        var reencrypted = rotated.Encrypt(rotated.Decrypt(old));
        Assert.Equal(Person, CreateProtector(KeyC, KeyB, keyId: 2).Decrypt(reencrypted));
    }

    [Fact]
    public void Rotation_does_not_change_the_hash()
    {
        Assert.Equal(CreateProtector(KeyA, KeyB).Hash(Person), CreateRotatedProtector().Hash(Person));
    }

    [Fact]
    public void Decrypt_with_an_unknown_key_id_throws()
    {
        var fresh = CreateRotatedProtector().Encrypt(Person);
        var old = CreateProtector(KeyA, KeyB).Encrypt(Person);

        // The service before rotation, or after the previous key is removed too early.
        var ex = Assert.ThrowsAny<CryptographicException>(() => CreateProtector(KeyA, KeyB).Decrypt(fresh));
        Assert.Contains("key id 2", ex.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<CryptographicException>(() => CreateProtector(KeyC, KeyB, keyId: 2).Decrypt(old));

        var unknown = (byte[])fresh.Clone();
        unknown[0] = 7;
        Assert.ThrowsAny<CryptographicException>(() => CreateRotatedProtector().Decrypt(unknown));
    }

    [Fact]
    public void Changing_the_key_id_to_another_configured_key_throws()
    {
        var rotated = CreateRotatedProtector();
        var fresh = rotated.Encrypt(Person);
        var old = CreateProtector(KeyA, KeyB).Encrypt(Person);
        fresh[0] = 1;
        old[0] = 2;

        Assert.ThrowsAny<CryptographicException>(() => rotated.Decrypt(fresh));
        Assert.ThrowsAny<CryptographicException>(() => rotated.Decrypt(old));
    }

    [Fact]
    public void Key_ring_is_bound_from_configuration()
    {
        var old = CreateProtector(KeyA, KeyB).Encrypt(Person);
        using var provider = BuildProvider(Environments.Production, KeyC, KeyB,
            ("IdentityProtection:EncryptionKeyId", "2"),
            ("IdentityProtection:PreviousEncryptionKeys:0:Id", "1"),
            ("IdentityProtection:PreviousEncryptionKeys:0:Key", KeyA));

        var protector = provider.GetRequiredService<IdentityProtector>();

        Assert.Equal(2, protector.CurrentKeyId);
        Assert.Equal(Person, protector.Decrypt(old));
        Assert.Equal(2, protector.Encrypt(Person)[0]);
    }

    [Fact]
    public void Validator_accepts_a_key_ring()
    {
        var options = RotatedOptions();
        options.PreviousEncryptionKeys.Add(new PreviousEncryptionKey { Id = 255, Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });

        Assert.True(new IdentityProtectionOptionsValidator().Validate(null, options).Succeeded);
    }

    public static TheoryData<int, int, string?, string> InvalidKeyRings => new()
    {
        // current id, previous id, previous key ("KeyA" … "KeyC" stand for those keys: the random
        // keys differ between test discovery and test run), expected in the message
        { 0, 1, "KeyA", "IdentityProtection:EncryptionKeyId must be between 1 and 255" },
        { 256, 1, "KeyA", "IdentityProtection:EncryptionKeyId must be between 1 and 255" },
        { -1, 1, "KeyA", "IdentityProtection:EncryptionKeyId must be between 1 and 255" },
        { 2, 0, "KeyA", "IdentityProtection:PreviousEncryptionKeys:0:Id must be between 1 and 255" },
        { 2, 300, "KeyA", "IdentityProtection:PreviousEncryptionKeys:0:Id must be between 1 and 255" },
        { 2, 2, "KeyA", "the id of the current key" },
        { 2, 1, null, "IdentityProtection:PreviousEncryptionKeys:0:Key is not configured" },
        { 2, 1, "not base64!", "IdentityProtection:PreviousEncryptionKeys:0:Key is not valid base64" },
        { 2, 1, Convert.ToBase64String(new byte[16]), "IdentityProtection:PreviousEncryptionKeys:0:Key must decode to 32 bytes" },
        { 2, 1, "KeyB", "IdentityProtection:PreviousEncryptionKeys:0:Key and IdentityProtection:HmacKey must be different keys" },
        { 2, 1, "KeyC", "IdentityProtection:PreviousEncryptionKeys:0:Key is the same key as IdentityProtection:EncryptionKey" },
    };

    [Theory]
    [MemberData(nameof(InvalidKeyRings))]
    public void Validator_rejects_bad_key_rings(int currentId, int previousId, string? previousKey, string expected)
    {
        var options = new IdentityProtectionOptions { EncryptionKey = KeyC, EncryptionKeyId = currentId, HmacKey = KeyB };
        options.PreviousEncryptionKeys.Add(new PreviousEncryptionKey
        {
            Id = previousId,
            Key = previousKey switch { "KeyA" => KeyA, "KeyB" => KeyB, "KeyC" => KeyC, _ => previousKey },
        });

        var result = new IdentityProtectionOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => new IdentityProtector(Options.Create(options)));
    }

    [Fact]
    public void Validator_rejects_a_key_id_used_twice()
    {
        var options = RotatedOptions();
        options.PreviousEncryptionKeys.Add(new PreviousEncryptionKey { Id = 1, Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });

        var result = new IdentityProtectionOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("IdentityProtection:PreviousEncryptionKeys:1:Id is 1, which another entry", result.FailureMessage, StringComparison.Ordinal);
    }

    private string DefaultKeyFile => Path.Combine(_contentRoot.FullName, "data", "identity-keys.json");

    private static IdentityProtector CreateProtector(string encryptionKey, string hmacKey, int keyId = 1) =>
        new(Options.Create(new IdentityProtectionOptions { EncryptionKey = encryptionKey, EncryptionKeyId = keyId, HmacKey = hmacKey }));

    /// <summary>KeyA (id 1) rotated to KeyC (id 2); KeyB stays the HMAC key.</summary>
    private static IdentityProtectionOptions RotatedOptions()
    {
        var options = new IdentityProtectionOptions { EncryptionKey = KeyC, EncryptionKeyId = 2, HmacKey = KeyB };
        options.PreviousEncryptionKeys.Add(new PreviousEncryptionKey { Id = 1, Key = KeyA });
        return options;
    }

    private static IdentityProtector CreateRotatedProtector() => new(Options.Create(RotatedOptions()));

    private ServiceProvider BuildProvider(
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
        var environment = new TestHostEnvironment(environmentName, _contentRoot.FullName);
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
