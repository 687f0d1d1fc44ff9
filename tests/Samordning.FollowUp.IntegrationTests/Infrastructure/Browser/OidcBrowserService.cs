using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure.Browser;

/// <summary>
/// A second service on a real Kestrel port, connected to the OpenID Connect test provider (a real
/// process on 127.0.0.1), for the browser tests of "Logga in med organisationens konto". The
/// service is at localhost and the provider at 127.0.0.1: two sites, as a municipality's provider
/// is another site than the service. A collection fixture, kept as long as the browser fixture
/// (Hangfire's process-wide state must not lose a live host early).
/// </summary>
public sealed class OidcBrowserService : IAsyncLifetime
{
    public OidcProvider Provider { get; } = new();

    public ApiFactory Factory { get; } = new() { PlainHttp = true };

    public Uri BaseAddress { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Provider.InitializeAsync();
        foreach (var (key, value) in Provider.Settings)
        {
            Factory.ExtraSettings[key] = value;
        }

        Factory.UseKestrel(0);
        await Factory.InitializeAsync();
        var addresses = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.First().Replace("[::]", "localhost", StringComparison.Ordinal)
            .Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
    }

    /// <summary>An address of the service.</summary>
    public string At(string path) => new Uri(BaseAddress, path).ToString();

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
