using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MimeKit;
using Npgsql;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.IntegrationTests.Infrastructure;
using Samordning.FollowUp.Jobs;

namespace Samordning.FollowUp.IntegrationTests.Jobs;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TwoInstancesGroup
{
    public const string Name = "Two service instances";
}

/// <summary>
/// Two instances of the service, separate processes, on one PostgreSQL database with Hangfire's
/// PostgreSQL storage, as behind a load balancer: each job's effect happens once, identical intakes
/// split across the instances create one participation, and an instance killed in the middle of
/// the indicator job leaves nothing half-written. A third, in-process service on the same
/// database arranges the data and is the reference for a clean run. PostgreSQL only: SQLite is
/// not supported for more than one instance.
/// </summary>
[Collection(TwoInstancesGroup.Name)]
[Trait("Feature", "ScaleOut")]
public sealed class TwoInstancesTests(SmtpTestServer smtp) : IClassFixture<SmtpTestServer>, IAsyncLifetime
{
    private const string Database = "followup_two_instances";
    private static readonly TimeSpan JobTimeout = TimeSpan.FromMinutes(4);
    private static readonly string[] Volatile = ["Id", "ComputedAtUtc", "CreatedAtUtc", "UpdatedAtUtc"];

    private readonly string _domain = $"instans-{Guid.NewGuid():N}.test";
    private ApiFactory? _host;
    private TestUsers? _users;
    private TestData? _data;
    private ServiceProcess? _a;
    private ServiceProcess? _b;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ApiFactory Host => _host ?? throw new InvalidOperationException("Not started.");

    private TestData Data => _data ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("FOLLOWUP_TEST_PROVIDER") is not { } provider
            || !provider.Equals("PostgreSql", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        // A database of its own, new for every run: the Hangfire schema and the key ring start empty.
        var server = new NpgsqlConnectionStringBuilder(
            Environment.GetEnvironmentVariable("FOLLOWUP_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=55432;Username=postgres")
        { Database = "postgres" };
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync(Ct);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(Ct);
        }

        _host = ApiFactory.OnPostgresDatabase(Database);
        await _host.InitializeAsync();

        // The processes live in real time; so does the arranging service.
        _host.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        _users = new TestUsers(_host);
        _data = new TestData(_users);
        (_a, _b) = (await StartAsync("a"), await StartAsync("b"));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in new[] { _a, _b })
        {
            if (instance is not null)
            {
                await instance.DisposeAsync();
            }
        }

        _users?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task EveryJob_TriggeredOnBothInstancesAtOnce_TakesEffectOnce()
    {
        SkipUnlessReady();
        var (intervention, contact) = await ArrangeParticipantsAsync();
        using var adminA = await SignedInAsync(_a!, UserRole.SystemAdmin);
        using var adminB = _b!.Client(BearerOf(adminA));

        // Every recurring job, on both instances at the same moment.
        var runs = await Task.WhenAll(RecurringJobs.All.SelectMany(job => new[] { RunAsync(adminA, job), RunAsync(adminB, job) }));
        await WaitForJobsAsync(runs);

        // One follow-up per ended participation, one digest e-mail to the provider, no row twice.
        var ended = await Host.WithDbAsync(db => Task.FromResult(
            db.Participations.Count(p => p.InterventionId == intervention && p.EndDate != null)));
        var followUps = await Host.WithDbAsync(db => Task.FromResult(
            db.TwelveMonthFollowUps.Count(f => f.Participation!.InterventionId == intervention)));
        Assert.Equal(ended, followUps);
        var mails = await MailsAsync();
        Assert.Single(mails, m => m.To == contact && m.Subject.StartsWith("Uppföljningar att göra", StringComparison.Ordinal));
        Assert.All(mails.GroupBy(m => m.To + "\n" + m.Subject), g => Assert.Single(g));
        var tables = new[] { "FollowUps", "Notifications", "IndicatorResults", "ProviderTertialReports", "ReportAdoptions" };
        foreach (var table in tables)
        {
            var rows = await SnapshotAsync(table);
            Assert.True(rows.Count == rows.Distinct().Count(), $"{table} has a row twice: {string.Join("\n", rows.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key))}");
        }

        Assert.NotEmpty(await SnapshotAsync("IndicatorResults"));
        Assert.NotEmpty(await SnapshotAsync("Notifications"));

        // Nothing was left undone either: the same jobs again, on one instance, change nothing.
        var before = new Dictionary<string, List<string>>();
        foreach (var table in tables)
        {
            before[table] = await SnapshotAsync(table);
        }

        await WaitForJobsAsync(await Task.WhenAll(RecurringJobs.All.Select(job => RunAsync(adminA, job))));
        foreach (var table in tables)
        {
            Assert.Equal(before[table], await SnapshotAsync(table));
        }

        Assert.Equal(mails.Count, (await MailsAsync()).Count);
    }

    [Fact]
    public async Task IdenticalIntakes_SplitAcrossBothInstances_OneCreated_TheRestConflict()
    {
        SkipUnlessReady();
        var (intervention, _) = await ArrangeParticipantsAsync();
        using var coachA = await SignedInAsync(_a!, UserRole.Coach, await ProviderOfAsync(intervention));
        // The token the one instance issued is honoured by the other: one key ring in the database.
        using var coachB = _b!.Client(BearerOf(coachA));
        var body = TestData.Identified(TestPersonnummer.Woman(20), Today.AddDays(-1)).ToJsonString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            using var response = await (i % 2 == 0 ? coachA : coachB).PostAsync($"/api/v1/interventions/{intervention}/participations", content, Ct);
            return response.StatusCode;
        }));

        Assert.Equal(1, responses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(7, responses.Count(s => s == HttpStatusCode.Conflict));
        Assert.Equal(5, await Host.WithDbAsync(db => Task.FromResult(db.Participations.Count(p => p.InterventionId == intervention))));
    }

    [Fact]
    public async Task IndicatorJob_InstanceKilledMidRun_NothingHalfWritten_AndARerunEqualsACleanRun()
    {
        SkipUnlessReady();
        var (intervention, _) = await ArrangeParticipantsAsync();
        using var adminA = await SignedInAsync(_a!, UserRole.SystemAdmin);
        await WaitForJobsAsync([await RunAsync(adminA, RecurringJobs.Indicators)]);
        var computed = await SnapshotAsync("IndicatorResults", Volatile);
        Assert.NotEmpty(computed);

        // New figures to store: one more ended participation.
        await Data.IdentifiedExitAsync(intervention, TestPersonnummer.Man(21), Today.AddMonths(-8), Today.AddDays(-2));

        // Only instance a runs jobs now; it is stopped while it writes the figures.
        await _b!.KillAsync();
        string run;
        await using (var blocker = new NpgsqlConnection(Host.ConnectionString))
        {
            await blocker.OpenAsync(Ct);
            await using var transaction = await blocker.BeginTransactionAsync(Ct);
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE \"IndicatorResults\" IN EXCLUSIVE MODE", blocker, transaction))
            {
                await lockTable.ExecuteNonQueryAsync(Ct);
            }

            run = await RunAsync(adminA, RecurringJobs.Indicators);
            await WaitUntilAsync(async () => await ScalarAsync<long>(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'followup-a' AND wait_event_type = 'Lock'") > 0,
                "instance a to wait for the figures' table");
            await _a!.KillAsync();
            await transaction.RollbackAsync(Ct);
        }

        Assert.Equal(computed, await SnapshotAsync("IndicatorResults", Volatile));

        // The other instance reruns the job (after the dead instance's job lock times out).
        _b = await StartAsync("b");
        using var adminB = _b.Client(BearerOf(adminA));
        await WaitForJobsAsync([await RunAsync(adminB, RecurringJobs.Indicators)]);
        var rerun = await SnapshotAsync("IndicatorResults", Volatile);
        Assert.NotEqual(computed, rerun);

        Host.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        await Host.SendAsync(new ComputeIndicatorsCommand(), Ct);
        Assert.Equal(await SnapshotAsync("IndicatorResults", Volatile), rerun);
        Assert.Contains(run, await ScalarsAsync("SELECT id::text FROM hangfire.job"));
        _a = await StartAsync("a");
    }

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Common.Clock.Sweden).DateTime);

    private void SkipUnlessReady()
    {
        if (_host is null)
        {
            Assert.Skip("Two instances share one PostgreSQL database; SQLite is not supported for more than one instance.");
        }

        if (smtp.Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    private Task<ServiceProcess> StartAsync(string name) => ServiceProcess.StartAsync(name, new Dictionary<string, string>
    {
        ["Https:Required"] = "false",
        ["Database:Provider"] = "PostgreSql",
        ["Database:MigrateAtStartup"] = "true",
        ["ConnectionStrings:FollowUp"] = new NpgsqlConnectionStringBuilder(Host.ConnectionString) { ApplicationName = $"followup-{name}" }.ConnectionString,
        ["IdentityProtection:EncryptionKey"] = ApiFactory.EncryptionKey,
        ["IdentityProtection:HmacKey"] = ApiFactory.HmacKey,
        ["DemoData:Enabled"] = "false",
        ["Jobs:RunServer"] = "true",
        ["Jobs:DistributedLockTimeoutSeconds"] = "10",
        ["Jobs:InvisibilityTimeoutSeconds"] = "30",
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Smtp:UseStartTls"] = "false",
        ["Smtp:From"] = "uppfoljning@samordning.test",
        ["Authentication:SignInAttemptsPerMinute"] = "10000",
        ["Logging:LogLevel:Default"] = "Warning",
    }, Ct);

    /// <summary>An association whose provider has a contact address, and participations whose follow-ups are due, late, ahead and none.</summary>
    private async Task<(long Intervention, string Contact)> ArrangeParticipantsAsync()
    {
        await Host.ResetDatabaseAsync();
        Host.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        var contact = $"kontakt@{_domain}";
        var association = await Data.AssociationAsync();
        var provider = await Data.ProviderAsync(association.Id, "Utförare på två instanser", contact);
        var intervention = await Data.InterventionAsync(association.Id, provider.Id, Mode.Identified, Today.AddYears(-2), Today.AddYears(1));
        await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Woman(10), Today.AddMonths(-20), Today.AddMonths(-12).AddDays(-5));
        await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Man(10), Today.AddMonths(-20), Today.AddMonths(-12).AddDays(-45));
        await Data.IdentifiedExitAsync(intervention.Id, TestPersonnummer.Woman(11), Today.AddMonths(-6), Today.AddMonths(-1));
        await Data.ParticipationAsync(intervention.Id, TestData.Identified(TestPersonnummer.Man(11), Today.AddMonths(-3)));
        return (intervention.Id, contact);
    }

    private Task<long> ProviderOfAsync(long intervention) =>
        Host.WithDbAsync(db => Task.FromResult(db.Interventions.Where(i => i.Id == intervention).Select(i => i.ProviderId).Single()));

    /// <summary>A user made in the store, signed in through the instance's own POST /api/v1/auth/login.</summary>
    private async Task<HttpClient> SignedInAsync(ServiceProcess instance, UserRole role, long? providerId = null)
    {
        var associationId = providerId is { } id
            ? await Host.WithDbAsync(db => Task.FromResult<long?>(db.Providers.Where(p => p.Id == id).Select(p => p.AssociationId).Single()))
            : null;
        var email = await Host.CreateUserAsync(role, associationId, providerId);
        using var anonymous = instance.Client();
        using var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = ApiFactory.Password }, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"Sign-in on {instance.Name}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return instance.Client(json.RootElement.GetProperty("accessToken").GetString());
    }

    private static string BearerOf(HttpClient client) => client.DefaultRequestHeaders.Authorization!.Parameter!;

    private static async Task<string> RunAsync(HttpClient admin, string job)
    {
        using var response = await admin.PostAsync($"/api/v1/jobs/{job}/run", null, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{job}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("jobId").GetString()!;
    }

    /// <summary>Waits until every run has ended; each must have succeeded.</summary>
    private async Task WaitForJobsAsync(IReadOnlyCollection<string> runs)
    {
        var ids = string.Join(",", runs.Select(r => long.Parse(r, CultureInfo.InvariantCulture)));
        await WaitUntilAsync(async () => await ScalarAsync<long>(
            $"SELECT count(*) FROM hangfire.job WHERE id IN ({ids}) AND statename NOT IN ('Succeeded', 'Failed', 'Deleted')") == 0,
            "the job runs to end");
        var failed = await ScalarsAsync($"SELECT j.id || ' ' || j.statename || ' ' || coalesce(s.data::text, '') FROM hangfire.job j LEFT JOIN hangfire.state s ON s.id = j.stateid WHERE j.id IN ({ids}) AND j.statename <> 'Succeeded'");
        Assert.True(failed.Count == 0, string.Join("\n", failed));
    }

    private async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (stopwatch.Elapsed > JobTimeout)
            {
                Assert.Fail($"Waited {JobTimeout.TotalMinutes} min for {what}.\n--- a ---\n{_a?.Output}\n--- b ---\n{_b?.Output}");
            }

            await Task.Delay(200, Ct);
        }
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(Host.ConnectionString);
        await connection.OpenAsync(Ct);
#pragma warning disable CA2100 // The tests' own SQL.
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync(Ct))!, typeof(T), CultureInfo.InvariantCulture);
    }

    private async Task<List<string>> ScalarsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Host.ConnectionString);
        await connection.OpenAsync(Ct);
#pragma warning disable CA2100 // The tests' own SQL.
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var values = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>Every row of a table but its volatile columns, as sorted text.</summary>
    private Task<List<string>> SnapshotAsync(string table, params string[] ignore) =>
        Host.SnapshotAsync(table, ignore.Length == 0 ? Volatile : ignore);

    /// <summary>The messages the SMTP server received for this test class's addresses.</summary>
    private async Task<List<(string To, string Subject)>> MailsAsync()
    {
        var folder = Path.Combine(smtp.Maildir, "new");
        var mails = new List<(string, string)>();
        foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder) : [])
        {
            var message = await MimeMessage.LoadAsync(file, Ct);
            foreach (var to in message.To.Mailboxes.Where(m => m.Address.EndsWith("@" + _domain, StringComparison.OrdinalIgnoreCase)))
            {
                mails.Add((to.Address, message.Subject ?? string.Empty));
            }
        }

        return mails;
    }
}
