using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Samordning.FollowUp.Data;

public static class DatabaseInitializer
{
    /// <summary>Applies pending migrations of the configured provider, when configured to.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (!options.MigrateAtStartup)
        {
            return;
        }

        var db = scope.ServiceProvider.GetRequiredService<FollowUpDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Applying migrations for {Provider}", options.Provider);
        }

        // A migration may rewrite a whole table (ParticipationGender copies a column into every
        // participation): its statements may run as long as a nightly job's, not a request's 30 s.
        db.Database.ForJob(options);
        await db.Database.MigrateAsync(cancellationToken);
        await SqliteStatistics.RefreshAsync(db, cancellationToken);
    }
}
