using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Samordning.FollowUp.Data;

/// <summary>
/// Outside Development the service does not start while EF Core's sensitive-data logging is on,
/// whoever turned it on (Database:SensitiveDataLogging, or code configuring the DbContext): with it,
/// every SQL parameter's value — an encrypted identity's HMAC, a search's personnummer hash, a
/// name — goes to the log.
/// </summary>
internal sealed class SensitiveDataLoggingGuard(IServiceProvider services, IHostEnvironment environment) : IHostedService
{
    public const string Message =
        "EF Core's sensitive data logging is on (Database:SensitiveDataLogging or EnableSensitiveDataLogging): it writes "
        + "SQL parameter values, personal data among them, to the log. It is allowed in Development only; turn it off.";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (environment.IsDevelopment())
        {
            return Task.CompletedTask;
        }

        using var scope = services.CreateScope();
        var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<FollowUpDbContext>>();
        return options.FindExtension<CoreOptionsExtension>()?.IsSensitiveDataLoggingEnabled == true
            ? throw new InvalidOperationException(Message)
            : Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
