namespace Samordning.FollowUp.Api;

internal static class DemoData
{
    public static IServiceCollection AddDemoData(this IServiceCollection services, IConfiguration configuration) => services;

    public static Task SeedDemoDataAsync(this WebApplication app) => Task.CompletedTask;
}
