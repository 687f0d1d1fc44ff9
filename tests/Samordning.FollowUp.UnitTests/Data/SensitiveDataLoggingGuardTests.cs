using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Data;

namespace Samordning.FollowUp.UnitTests.Data;

/// <summary>EF Core's sensitive-data logging writes SQL parameter values to the log: outside Development the service does not start with it.</summary>
public sealed class SensitiveDataLoggingGuardTests : IDisposable
{
    private readonly DirectoryInfo _contentRoot = Directory.CreateTempSubdirectory("sensitive-logging-tests-");

    public void Dispose() => _contentRoot.Delete(recursive: true);

    private IHost Build(string environment, bool configured, bool byCode = false)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = environment,
            ContentRootPath = _contentRoot.FullName,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:SensitiveDataLogging"] = configured ? "true" : "false",
        });
        builder.Services.AddFollowUpDatabase(builder.Configuration, builder.Environment);
        if (byCode)
        {
            builder.Services.ConfigureDbContext<FollowUpDbContext>(options => options.EnableSensitiveDataLogging());
        }

        return builder.Build();
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Testing")]
    public async Task SensitiveDataLogging_OnByConfigurationOutsideDevelopment_HostDoesNotStart(string environment)
    {
        using var host = Build(environment, configured: true);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Database:SensitiveDataLogging", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Development only", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SensitiveDataLogging_OnByCodeOutsideDevelopment_HostDoesNotStart()
    {
        using var host = Build("Production", configured: false, byCode: true);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Equal(SensitiveDataLoggingGuard.Message, ex.Message);
    }

    [Theory]
    [InlineData("Production", false)]
    [InlineData("Development", true)]
    public async Task SensitiveDataLogging_OffAnywhereOrOnInDevelopment_HostStarts(string environment, bool configured)
    {
        using var host = Build(environment, configured);

        await host.StartAsync(TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);
    }
}
