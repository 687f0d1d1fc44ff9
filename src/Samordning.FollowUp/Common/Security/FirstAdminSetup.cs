using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.Common.Security;

/// <summary>
/// No default password anywhere: while no system administrator exists, start-up prints a
/// one-time setup token, and POST /api/v1/setup/first-admin with it creates the first one.
/// The token lives in memory only and is gone after use or restart.
/// </summary>
public sealed partial class FirstAdminSetup(ILogger<FirstAdminSetup> logger)
{
    private readonly Lock _gate = new();
    private string? _token;

    /// <summary>Called at start-up: opens setup when the database has no system administrator.</summary>
    public async Task OpenIfNoAdministratorAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FollowUpDbContext>();
        if (await db.Users.AnyAsync(u => u.Role == UserRole.SystemAdmin, cancellationToken))
        {
            return;
        }

        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        lock (_gate)
        {
            _token = token;
        }

        // Printed once, on purpose: whoever runs the server creates the first administrator with it.
        SetupOpened(logger, token);
    }

    /// <summary>Whether setup is open and the token is the one printed (compared in constant time).</summary>
    public bool Matches(string? token)
    {
        lock (_gate)
        {
            return IsCurrent(token);
        }
    }

    /// <summary>Consumes the token if it matches; a second call with the same token fails.</summary>
    public bool TryConsume(string? token)
    {
        lock (_gate)
        {
            if (!IsCurrent(token))
            {
                return false;
            }

            _token = null;
            return true;
        }
    }

    private bool IsCurrent(string? token) =>
        _token is not null && token is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(_token), Encoding.UTF8.GetBytes(token));

    /// <summary>For tests and the demo: the current token, if setup is open.</summary>
    public string? PeekToken()
    {
        lock (_gate)
        {
            return _token;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Ingen systemadministratör finns. Skapa den första med engångskoden {SetupToken}: POST /api/v1/setup/first-admin (se README).")]
    private static partial void SetupOpened(ILogger logger, string setupToken);
}
