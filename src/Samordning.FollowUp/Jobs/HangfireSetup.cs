using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Samordning.FollowUp.Data;

namespace Samordning.FollowUp.Jobs;

internal static class HangfireSetup
{
    /// <summary>
    /// Job storage follows the database: SQL Server and PostgreSQL keep it in the service's own
    /// database; on SQLite it lives in memory, which is safe only because every job is an
    /// idempotent scan over the database: a restart loses the queue, never data. With the storage
    /// in the database, several instances share one queue: a job run is fetched by one of them,
    /// every job holds a lock across instances while it runs (DisableConcurrentExecution), and a
    /// job of an instance that died becomes visible again after the invisibility timeout.
    /// </summary>
    public static IServiceCollection AddFollowUpJobs(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<JobOptions>().BindConfiguration(JobOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var provider = configuration.GetValue(DatabaseOptions.Section + ":" + nameof(DatabaseOptions.Provider), DatabaseProvider.Sqlite);
        var jobs = configuration.GetSection(JobOptions.Section).Get<JobOptions>() ?? new JobOptions();
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            switch (provider)
            {
                case DatabaseProvider.SqlServer:
                    config.UseSqlServerStorage(DatabaseSetup.ResolveConnectionString(configuration, environment, provider), new SqlServerStorageOptions
                    {
                        SlidingInvisibilityTimeout = TimeSpan.FromSeconds(jobs.InvisibilityTimeoutSeconds),
                    });
                    break;
                case DatabaseProvider.PostgreSql:
                    config.UsePostgreSqlStorage(
                        o => o.UseNpgsqlConnection(DatabaseSetup.ResolveConnectionString(configuration, environment, provider)),
                        new PostgreSqlStorageOptions
                        {
                            UseSlidingInvisibilityTimeout = true,
                            InvisibilityTimeout = TimeSpan.FromSeconds(jobs.InvisibilityTimeoutSeconds),
                            DistributedLockTimeout = TimeSpan.FromSeconds(jobs.DistributedLockTimeoutSeconds),
                        });
                    break;
                default:
                    config.UseInMemoryStorage();
                    break;
            }
        });

        if (configuration.GetValue(JobOptions.Section + ":" + nameof(JobOptions.RunServer), true))
        {
            services.AddHangfireServer(o => o.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        }

        return services;
    }
}
