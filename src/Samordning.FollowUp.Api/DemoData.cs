using Samordning.FollowUp.Api.Demo;

namespace Samordning.FollowUp.Api;

/// <summary>
/// Demo data for Development: with "DemoData:Enabled" (true in appsettings.Development.json) an
/// empty database gets Sjuhärads samordningsförbund with its plan and synthetic participations.
/// </summary>
internal static class DemoData
{
    public static IServiceCollection AddDemoData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoDataOptions>()
            .Bind(configuration.GetSection(DemoDataOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DemoDataSeeder>();
        return services;
    }

    /// <summary>Call after the migrations: seeds only when enabled and only into a database without associations.</summary>
    public static Task SeedDemoDataAsync(this WebApplication app) =>
        app.Services.GetRequiredService<DemoDataSeeder>().SeedAsync(app.Lifetime.ApplicationStopping);
}
