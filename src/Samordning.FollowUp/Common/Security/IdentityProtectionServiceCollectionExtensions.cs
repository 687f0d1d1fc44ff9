using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Samordning.FollowUp.Common.Security;

internal static class IdentityProtectionServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IdentityProtector"/> and its keys from "IdentityProtection". Missing or
    /// invalid keys fail start-up, except in Development where a local key file is used instead.
    /// </summary>
    public static IServiceCollection AddIdentityProtection(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);

        services.AddOptions<IdentityProtectionOptions>()
            .Bind(configuration.GetSection(IdentityProtectionOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdentityProtectionOptions>, IdentityProtectionOptionsValidator>();

        if (environment.IsDevelopment())
        {
            services.AddSingleton<IPostConfigureOptions<IdentityProtectionOptions>>(provider => new DevelopmentIdentityKeys(
                environment.ContentRootPath, provider.GetRequiredService<ILogger<DevelopmentIdentityKeys>>()));
        }

        services.AddSingleton<IdentityProtector>();
        return services;
    }
}
