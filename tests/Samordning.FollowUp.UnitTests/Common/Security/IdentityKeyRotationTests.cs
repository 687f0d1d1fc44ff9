using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common.Security;
using static Samordning.FollowUp.UnitTests.Common.Security.IdentityKeys;

namespace Samordning.FollowUp.UnitTests.Common.Security;

/// <summary>A key ring for rotating the encryption key: every cipher names its key id, old ciphers stay readable, the hash does not change, and a bad ring is refused.</summary>
public sealed class IdentityKeyRotationTests : IDisposable
{
    private readonly IdentityProtectionServices _services = new();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void KeyId_NotConfigured_Is1SoDataFromBeforeRotationStaysReadable()
    {
        var protector = CreateProtector(KeyA, KeyB);

        Assert.Equal(1, protector.CurrentKeyId);
        Assert.True(protector.IsCurrent(protector.Encrypt(Person)));
    }

    [Fact]
    public void Rotation_OldCiphers_StayReadableAndNewOnesUseTheNewKeyId()
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
    public void Hash_AfterRotation_DoesNotChange()
    {
        Assert.Equal(CreateProtector(KeyA, KeyB).Hash(Person), CreateRotatedProtector().Hash(Person));
    }

    [Fact]
    public void Decrypt_UnknownKeyId_Throws()
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
    public void Decrypt_KeyIdChangedToAnotherConfiguredKey_Throws()
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
    public void KeyRing_FromConfiguration_IsBound()
    {
        var old = CreateProtector(KeyA, KeyB).Encrypt(Person);
        using var provider = _services.Build(Environments.Production, KeyC, KeyB,
            ("IdentityProtection:EncryptionKeyId", "2"),
            ("IdentityProtection:PreviousEncryptionKeys:0:Id", "1"),
            ("IdentityProtection:PreviousEncryptionKeys:0:Key", KeyA));

        var protector = provider.GetRequiredService<IdentityProtector>();

        Assert.Equal(2, protector.CurrentKeyId);
        Assert.Equal(Person, protector.Decrypt(old));
        Assert.Equal(2, protector.Encrypt(Person)[0]);
    }

    [Fact]
    public void Validator_KeyRing_Accepts()
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
    public void Validator_BadKeyRing_Rejects(int currentId, int previousId, string? previousKey, string expected)
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
    public void Validator_KeyIdUsedTwice_Rejects()
    {
        var options = RotatedOptions();
        options.PreviousEncryptionKeys.Add(new PreviousEncryptionKey { Id = 1, Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });

        var result = new IdentityProtectionOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("IdentityProtection:PreviousEncryptionKeys:1:Id is 1, which another entry", result.FailureMessage, StringComparison.Ordinal);
    }
}
