using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Respawn;
using Respawn.Graph;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>
/// The service in memory, one per test collection. The database provider comes from
/// FOLLOWUP_TEST_PROVIDER (Sqlite by default, or PostgreSql with FOLLOWUP_TEST_POSTGRES);
/// the service creates and migrates the database itself at start-up.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private const string DefaultPostgres = "Host=127.0.0.1;Port=55432;Username=postgres;Database=followup_tests";

    // Two distinct 32-byte keys, for tests only.
    internal static readonly string EncryptionKey = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);
    internal static readonly string HmacKey = Convert.ToBase64String([.. Enumerable.Range(101, 32).Select(i => (byte)i)]);

    private readonly ConcurrentDictionary<(int Port, string From), WebApplicationFactory<Program>> _mailing = new();
    private readonly ConcurrentDictionary<string, WebApplicationFactory<Program>> _configured = new();
    private readonly string? _tempFolder;
    private Respawner? _respawner;

    public ApiFactory()
        : this(postgresDatabase: null)
    {
    }

    private ApiFactory(string? postgresDatabase)
    {
        // Outside Development plain HTTP is redirected: clients talk https (WithWebHostBuilder copies this).
        ClientOptions.BaseAddress = new Uri("https://localhost");
        var provider = Environment.GetEnvironmentVariable("FOLLOWUP_TEST_PROVIDER");
        Provider = string.IsNullOrWhiteSpace(provider)
            ? DatabaseProvider.Sqlite
            : Enum.Parse<DatabaseProvider>(provider, ignoreCase: true);
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                _tempFolder = Directory.CreateTempSubdirectory("followup-tests-").FullName;
                ConnectionString = $"Data Source={Path.Combine(_tempFolder, "followup.db")}";
                break;
            case DatabaseProvider.PostgreSql:
                var configured = Environment.GetEnvironmentVariable("FOLLOWUP_TEST_POSTGRES");
                ConnectionString = string.IsNullOrWhiteSpace(configured) ? DefaultPostgres : configured;
                if (postgresDatabase is not null)
                {
                    ConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Database = postgresDatabase }.ConnectionString;
                }

                break;
            default:
                throw new NotSupportedException($"FOLLOWUP_TEST_PROVIDER={provider} is not supported by the tests.");
        }
    }

    /// <summary>
    /// A service of its own on another database of the tests' PostgreSQL server, created and
    /// migrated at start (the two-instance tests share that database with service processes).
    /// </summary>
    internal static ApiFactory OnPostgresDatabase(string database) => new(database);

    public DatabaseProvider Provider { get; }

    /// <summary>
    /// Plain HTTP on a real port (the browser tests' Kestrel has no certificate): HTTPS is not
    /// enforced (Https:Required=false), as for a local run without TLS. Every other host enforces
    /// it like production, and its clients talk https://localhost.
    /// </summary>
    public bool PlainHttp
    {
        get;
        init
        {
            field = value;
            ClientOptions.BaseAddress = new Uri(value ? "http://localhost" : "https://localhost");
        }
    }

    public string ConnectionString { get; }

    /// <summary>"Now" for the service: 2026-11-23 in Sweden. Dates after it are in the future.</summary>
    public FakeTimeProvider Clock { get; } = new(TestDates.Now);

    /// <summary>Sees every SQL command the service runs; a test may act on one (reset before each test).</summary>
    public DbCommandHook Commands { get; } = new();

    /// <summary>Settings on top of the tests' own, set before the host starts (the browser run's mail server).</summary>
    public Dictionary<string, string> ExtraSettings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting reaches the host before Program reads its configuration.
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }

        if (PlainHttp)
        {
            builder.UseSetting("Https:Required", "false");
        }

        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Database:MigrateAtStartup", "true");
        builder.UseSetting("ConnectionStrings:FollowUp", ConnectionString);
        builder.UseSetting("IdentityProtection:EncryptionKey", EncryptionKey);
        builder.UseSetting("IdentityProtection:HmacKey", HmacKey);
        builder.UseSetting("DemoData:Enabled", "false");
        // Tests run the jobs' commands themselves; a Hangfire server would race them.
        builder.UseSetting("Jobs:RunServer", "false");
        // Nor a warmer building the reports earlier tests read while a test counts its own builds (ReportWarmerTests runs it).
        builder.UseSetting("Reports:WarmSeconds", "0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        // Tests move the clock by months; a token must outlive that. Expiry has its own test.
        builder.UseSetting("Authentication:BearerTokenMinutes", "5256000");
        // Every test signs in several users from the same (absent) address.
        builder.UseSetting("Authentication:SignInAttemptsPerMinute", "10000");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.ConfigureDbContext<FollowUpDbContext>((_, options) => options.AddInterceptors(Commands));
            // Hashing with the production work factor would cost every test a second of CPU.
            services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1000);
        });
    }

    public async ValueTask InitializeAsync()
    {
        // Starting the host migrates the database.
        StartServer();

        await using var scope = Services.CreateAsyncScope();
        var connection = await OpenConnectionAsync(scope);
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = Provider == DatabaseProvider.PostgreSql ? DbAdapter.Postgres : DbAdapter.Sqlite,
            // The Data Protection key ring outlives a test, as it outlives a restart.
            TablesToIgnore = [new Table("__EFMigrationsHistory"), new Table("__EFMigrationsLock"), new Table("DataProtectionKeys")],
            // Hangfire keeps its own schema in PostgreSQL; SQLite has no schemas.
            SchemasToExclude = Provider == DatabaseProvider.PostgreSql ? ["hangfire"] : [],
        });
    }

    /// <summary>Empties every table except the migration bookkeeping.</summary>
    public async Task ResetDatabaseAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var connection = await OpenConnectionAsync(scope);
        await _respawner!.ResetAsync(connection);
    }

    /// <summary>Runs a check against the service's own DbContext (for verification only).</summary>
    public async Task<T> WithDbAsync<T>(Func<FollowUpDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<FollowUpDbContext>());
    }

    /// <summary>The report data version's counter (SQLite prefixes it with the row's epoch); 0 when there is none.</summary>
    public async Task<long> ReportDataVersionCounterAsync()
    {
        var version = await WithDbAsync(db => ReportDataVersion.ReadAsync(db, TestContext.Current.CancellationToken)) ?? "0";
        return long.Parse(version[(version.IndexOf(':', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A second service on the same database and clock that e-mails notifications through the SMTP
    /// server at 127.0.0.1:<paramref name="port"/> (no TLS). It lives until this factory is disposed:
    /// Hangfire keeps process-wide state (its log provider) pointing at the newest host, so
    /// disposing that host early breaks Hangfire in the other one. Cached per port and sender: the
    /// test classes share one SMTP server (one port) but not one sender address.
    /// </summary>
    public WebApplicationFactory<Program> WithSmtp(int port, string from) => _mailing.GetOrAdd((port, from), key => WithWebHostBuilder(builder =>
    {
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", key.Port.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:UseStartTls", "false");
        builder.UseSetting("Smtp:From", key.From);
    }));

    /// <summary>
    /// A second service on the same database and clock with these settings on top of the
    /// factory's own (e.g. other identity keys). Cached per set of settings and kept until this
    /// factory is disposed, for the same reason as <see cref="WithSmtp"/>.
    /// </summary>
    public WebApplicationFactory<Program> WithSettings(params (string Key, string Value)[] settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var cacheKey = string.Join("\n", settings.Select(s => $"{s.Key}={s.Value}"));
        return _configured.GetOrAdd(cacheKey, _ => WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }));
    }

    /// <summary>
    /// Sends a command through the service's own Mediator in a fresh scope, as a Hangfire job does
    /// (the jobs' server is off in tests).
    /// </summary>
    public async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken = default)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().RunAsSystem();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
    }

    public const string Password = "Testlosenord-2026";

    /// <summary>
    /// Arranges a user straight in the user store (as the first-admin setup or an administrator
    /// would), with <see cref="Password"/>; the test then signs in through the API.
    /// </summary>
    public async Task<string> CreateUserAsync(UserRole role, long? associationId, long? providerId, string? email = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        email ??= $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@test.example";
        var user = new UserAccount
        {
            UserName = email,
            Email = email,
            DisplayName = $"Test {role}",
            Role = role,
            AssociationId = associationId,
            ProviderId = providerId,
            CreatedAtUtc = Clock.GetUtcNow().UtcDateTime,

            // The test's coaches are confirmed by their provider, as a working coach is.
            ProviderConfirmedAtUtc = role == UserRole.Coach ? Clock.GetUtcNow().UtcDateTime : null,
        };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return email;
    }

    /// <summary>Signs in through POST /api/v1/auth/login and returns the bearer token.</summary>
    public async Task<string> SignInAsync(string email, string password = Password)
    {
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password }, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"Sign-in of {email} failed: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Every row of a table as raw column values, read with plain SQL (SELECT *).</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> ReadRawTableAsync(string table)
    {
        await using var scope = Services.CreateAsyncScope();
        var connection = await OpenConnectionAsync(scope);
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The table name comes from the EF model, not from input.
        command.CommandText = $"SELECT * FROM \"{table}\"";
#pragma warning restore CA2100
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var row = new Dictionary<string, object?>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Every row of a table, every column but the given ones, as sorted text: comparable across runs.</summary>
    public async Task<List<string>> SnapshotAsync(string table, params string[] ignore)
    {
        var rows = await ReadRawTableAsync(table);
        return [.. rows
            .Select(r => string.Join("|", r.Where(c => !ignore.Contains(c.Key)).OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => $"{c.Key}={Convert.ToString(c.Value, CultureInfo.InvariantCulture)}")))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>The table names of the service's data model.</summary>
    public Task<IReadOnlyList<string>> TableNamesAsync() => WithDbAsync<IReadOnlyList<string>>(db =>
        Task.FromResult<IReadOnlyList<string>>(
            [.. db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct()]));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_tempFolder is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_tempFolder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static async Task<DbConnection> OpenConnectionAsync(AsyncServiceScope scope)
    {
        // The context owns the connection and closes it when the scope ends.
        var connection = scope.ServiceProvider.GetRequiredService<FollowUpDbContext>().Database.GetDbConnection();
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}
