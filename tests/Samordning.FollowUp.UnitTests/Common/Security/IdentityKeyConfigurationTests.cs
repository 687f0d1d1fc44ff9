using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common.Security;
using static Samordning.FollowUp.UnitTests.Common.Security.IdentityKeys;

namespace Samordning.FollowUp.UnitTests.Common.Security;

/// <summary>The two keys from configuration: validated at start-up, required outside Development, generated once into a key file in Development.</summary>
public sealed class IdentityKeyConfigurationTests : IDisposable
{
    private readonly IdentityProtectionServices _services = new();

    private string ContentRoot => _services.ContentRoot.FullName;

    private string DefaultKeyFile => _services.DefaultKeyFile;

    public void Dispose() => _services.Dispose();

    private ServiceProvider BuildProvider(
        string environmentName, string? encryptionKey, string? hmacKey, params (string Key, string Value)[] extra) =>
        _services.Build(environmentName, encryptionKey, hmacKey, extra);

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
    public void Validator_MissingMalformedShortOrIdenticalKeys_Rejects(string? encryptionKey, string? hmacKey, string expected)
    {
        var result = new IdentityProtectionOptionsValidator().Validate(
            null, new IdentityProtectionOptions { EncryptionKey = encryptionKey, HmacKey = hmacKey });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("openssl rand -base64 32", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_TwoDifferent32ByteKeys_Accepts()
    {
        var result = new IdentityProtectionOptionsValidator().Validate(
            null, new IdentityProtectionOptions { EncryptionKey = KeyA, HmacKey = KeyB });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void ConfiguredKeys_InProduction_AreBoundAndUsed()
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
    public void MissingKeys_OutsideDevelopment_Fail(string environmentName)
    {
        using var provider = BuildProvider(environmentName, encryptionKey: null, hmacKey: null);

        var ex = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptions<IdentityProtectionOptions>>().Value);

        Assert.Contains("IdentityProtection:EncryptionKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains("IdentityProtection:HmacKey", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(DefaultKeyFile));
    }

    [Fact]
    public async Task MissingKeys_OutsideDevelopment_FailAtHostStart()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = ContentRoot,
        });
        builder.Services.AddIdentityProtection(builder.Configuration, builder.Environment);
        using var host = builder.Build();

        await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Development_NoKeysConfigured_GeneratesAKeyFileOnceAndReusesIt()
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
    public void DevelopmentKeyFile_LocationConfigured_IsWrittenThere()
    {
        using var provider = BuildProvider(Environments.Development, null, null, ("IdentityProtection:DevelopmentKeyFile", "secrets/keys.json"));

        provider.GetRequiredService<IdentityProtector>();

        Assert.True(File.Exists(Path.Combine(ContentRoot, "secrets", "keys.json")));
        Assert.False(File.Exists(DefaultKeyFile));
    }

    [Fact]
    public void Development_KeysConfigured_UsesThemWithoutCreatingAFile()
    {
        using var provider = BuildProvider(Environments.Development, KeyA, KeyB);

        Assert.Equal(CreateProtector(KeyA, KeyB).Hash(Person), provider.GetRequiredService<IdentityProtector>().Hash(Person));
        Assert.False(File.Exists(DefaultKeyFile));
    }

    [Fact]
    public void Development_OnlyOneKeyConfigured_FailsInsteadOfGeneratingTheOther()
    {
        using var provider = BuildProvider(Environments.Development, KeyA, hmacKey: null);

        var ex = Assert.Throws<OptionsValidationException>(
            () => provider.GetRequiredService<IOptions<IdentityProtectionOptions>>().Value);

        Assert.Contains("IdentityProtection:HmacKey", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(DefaultKeyFile));
    }

    [Fact]
    public void Development_CorruptKeyFile_FailsWithAHint()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DefaultKeyFile)!);
        File.WriteAllText(DefaultKeyFile, "{ not json");
        using var provider = BuildProvider(Environments.Development, null, null);

        var ex = Assert.Throws<InvalidOperationException>(
            () => provider.GetRequiredService<IOptions<IdentityProtectionOptions>>().Value);

        Assert.Contains("Delete it", ex.Message, StringComparison.Ordinal);
    }
}
