using System.Security.Cryptography;
using System.Text;
using Samordning.FollowUp.Domain;
using static Samordning.FollowUp.UnitTests.Common.Security.IdentityKeys;

namespace Samordning.FollowUp.UnitTests.Common.Security;

/// <summary>The keyed HMAC that finds a person without decrypting: the same for every form of a number, and only with the HMAC key.</summary>
public sealed class IdentityHashTests
{
    [Fact]
    public void Hash_SameNumber_IsDeterministicKeyedAnd32Bytes()
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
    public void Fingerprint_OfABody_IsHmacWithTheHmacKey()
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
}
