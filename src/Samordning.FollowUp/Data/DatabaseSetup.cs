using System.ComponentModel.DataAnnotations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Samordning.FollowUp.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    [Required]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the service starts.</summary>
    public bool MigrateAtStartup { get; set; } = true;

    /// <summary>
    /// Development only: EF Core writes the values of SQL parameters into its log, personnummer
    /// among them. Anywhere else the service refuses to start with it on.
    /// </summary>
    public bool SensitiveDataLogging { get; set; }

    /// <summary>
    /// The set-based statements of the nightly jobs (the follow-up scheduler's passes, the indicator
    /// and progression figures) may run this long; a request's statements keep the driver's 30 s.
    /// The scheduler's first pass over a million participations took longer than 30 s on PostgreSQL.
    /// </summary>
    [Range(30, 24 * 60 * 60)]
    public int JobCommandTimeoutSeconds { get; set; } = 600;
}

internal static class JobCommandTimeout
{
    /// <summary>Lets this context's statements run as long as a job's may (<see cref="DatabaseOptions.JobCommandTimeoutSeconds"/>).</summary>
    public static void ForJob(this Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database, DatabaseOptions options) =>
        database.SetCommandTimeout(TimeSpan.FromSeconds(options.JobCommandTimeoutSeconds));
}

/// <summary>The connection string the service's contexts use (<see cref="DatabaseSetup.ResolveConnectionString"/>), resolved once.</summary>
internal sealed record ResolvedConnection(string ConnectionString);

/// <summary>The one place that knows which database the service runs on.</summary>
public static class DatabaseSetup
{
    public const string ConnectionStringName = "FollowUp";

    private static readonly SqliteConnectionSettings SqliteSettings = new();

    public static string MigrationsAssembly(DatabaseProvider provider) =>
        $"Samordning.FollowUp.Migrations.{provider}";

    public static DbContextOptionsBuilder UseFollowUpDatabase(
        this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        var migrations = MigrationsAssembly(provider);

        // Responses project small collections (an intervention's plans and counts) in one query.
        return provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString,
                x => x.MigrationsAssembly(migrations).UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery))
                .AddInterceptors(SqliteSettings, SqliteWriteGate.Instance),
            DatabaseProvider.PostgreSql => options.UseNpgsql(connectionString,
                x => x.MigrationsAssembly(migrations).UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)),
            DatabaseProvider.SqlServer => options.UseSqlServer(connectionString,
                x => x.MigrationsAssembly(migrations).UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
    }

    public static IServiceCollection AddFollowUpDatabase(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => !o.SensitiveDataLogging || environment.IsDevelopment(), SensitiveDataLoggingGuard.Message)
            .ValidateOnStart();

        // Resolved once: a context is made per request, and resolving builds the SQLite path and creates its folder.
        services.AddSingleton(sp => new ResolvedConnection(
            ResolveConnectionString(configuration, environment, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider)));
        // Pooled: a request leases a context whose internal services are already resolved, instead of
        // building them again (a tenth of an intake's time went to that; README, "Performance"). The
        // context keeps no state of its own across requests (EF Core resets tracking, timeouts and settings).
        services.AddDbContextPool<FollowUpDbContext>((sp, options) =>
        {
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            options.UseFollowUpDatabase(db.Provider, sp.GetRequiredService<ResolvedConnection>().ConnectionString)
                .AddInterceptors(sp.GetRequiredService<ReportDataChangeInterceptor>());
            if (db.SensitiveDataLogging)
            {
                options.EnableSensitiveDataLogging();
            }
        });
        services.AddSingleton<ReportDataChangeInterceptor>();
        services.AddHostedService<SensitiveDataLoggingGuard>();
        services.AddHealthChecks().AddDbContextCheck<FollowUpDbContext>("database");
        return services;
    }

    /// <summary>
    /// SQLite needs no setup: without a connection string it uses a file in the data folder, so
    /// <c>dotnet run</c> works on a fresh clone. The other providers must be configured.
    /// </summary>
    public static string ResolveConnectionString(
        IConfiguration configuration, IHostEnvironment environment, DatabaseProvider provider)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (provider != DatabaseProvider.Sqlite)
        {
            return string.IsNullOrWhiteSpace(configured)
                ? throw new OptionsValidationException(ConnectionStringName, typeof(DatabaseOptions),
                    [$"ConnectionStrings:{ConnectionStringName} must be set when Database:Provider is {provider}."])
                : configured;
        }

        var builder = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(configured) ? "Data Source=data/followup.db" : configured);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(environment.ContentRootPath, builder.DataSource);
        }

        var folder = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        return builder.ToString();
    }
}
