using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.IntegrationTests.Infrastructure;

namespace Samordning.FollowUp.IntegrationTests.Data;

/// <summary>
/// Every SQLite connection the service opens waits for the writer, logs ahead, commits without
/// waiting for the disk and reads the file through memory mapping (<see cref="SqliteConnectionSettings"/>),
/// also a pooled connection opened again by another request.
/// </summary>
[Collection(ApiTestGroup.Name)]
public sealed class SqliteConnectionSettingsTests(ApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task EveryConnection_HasTheServicesSettings()
    {
        if (Factory.Provider != DatabaseProvider.Sqlite)
        {
            Assert.Skip("SQLite's connection settings.");
        }

        for (var request = 0; request < 2; request++)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FollowUpDbContext>();
            await db.Database.OpenConnectionAsync(Ct);
            Assert.Equal(SqliteConnectionSettings.Milliseconds, await PragmaAsync<long>(db, "busy_timeout"));
            Assert.Equal("wal", await PragmaAsync<string>(db, "journal_mode"));
            Assert.Equal(1L, await PragmaAsync<long>(db, "synchronous")); // NORMAL
            Assert.Equal(SqliteConnectionSettings.MemoryMappedBytes, await PragmaAsync<long>(db, "mmap_size"));
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<T> PragmaAsync<T>(FollowUpDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
