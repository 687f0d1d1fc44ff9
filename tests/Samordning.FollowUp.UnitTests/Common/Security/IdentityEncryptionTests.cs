using System.Security.Cryptography;
using System.Text;
using Samordning.FollowUp.Domain;
using static Samordning.FollowUp.UnitTests.Common.Security.IdentityKeys;

namespace Samordning.FollowUp.UnitTests.Common.Security;

/// <summary>The personnummer encrypted with AES-GCM: a versioned layout, a fresh nonce each time, nothing readable, and any change detected.</summary>
public sealed class IdentityEncryptionTests
{
    [Fact]
    public void EncryptThenDecrypt_AnyTestNumber_RoundTrips()
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
    public void Encrypt_HasVersionNonceTagCiphertextLayout()
    {
        var encrypted = CreateProtector(KeyA, KeyB).Encrypt(Person);

        Assert.Equal(1 + 12 + 16 + 12, encrypted.Length);
        Assert.Equal(1, encrypted[0]);
    }

    [Fact]
    public void Encrypt_SameNumberTwice_GivesDifferentCiphersAndNonces()
    {
        var protector = CreateProtector(KeyA, KeyB);

        var first = protector.Encrypt(Person);
        var second = protector.Encrypt(Person);

        Assert.NotEqual(first, second);
        Assert.NotEqual(first.AsSpan(1, 12).ToArray(), second.AsSpan(1, 12).ToArray());
    }

    [Fact]
    public void Cipher_ContainsNoPlaintextDigits()
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
    public void Decrypt_AnyByteTampered_Throws()
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
    public void Decrypt_WithAnotherKey_Throws()
    {
        var encrypted = CreateProtector(KeyA, KeyB).Encrypt(Person);

        Assert.ThrowsAny<CryptographicException>(() => CreateProtector(KeyC, KeyB).Decrypt(encrypted));
    }
}
