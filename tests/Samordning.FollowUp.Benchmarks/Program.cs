using System.Diagnostics;
using System.Globalization;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Samordning.FollowUp;
using Samordning.FollowUp.Benchmarks;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Associations;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.Features.Indicators;
using Samordning.FollowUp.Features.Interventions;
using Samordning.FollowUp.Features.Providers;

// Fills a database with N participations, runs the follow-up scheduler and the indicator job
// through the service's own code, and a hand-written SQL query for I1 over the same data.
// Prints rows per second, the job-to-raw-SQL ratio and peak memory. Run one size per process
// (tests/scripts/benchmark.sh does) so that peak memory belongs to that size.
//
// usage: Samordning.FollowUp.Benchmarks [--size N] [--provider Sqlite|PostgreSql] [--connection CS]
// --session-check (tests/scripts/benchmark-session-check.sh): the per-request security-stamp check instead.
if (args.Contains("--session-check"))
{
    var checkProvider = Enum.Parse<DatabaseProvider>(Arg("--provider") ?? "Sqlite", ignoreCase: true);
    await SessionCheckBenchmark.RunAsync(checkProvider, Arg("--connection") ?? (checkProvider == DatabaseProvider.Sqlite
        ? SessionCheckBenchmark.FreshSqlite()
        : "Host=127.0.0.1;Port=55432;Username=postgres;Database=followup_bench_session"));
    return;
}

var size = int.Parse(Arg("--size") ?? "1000000", CultureInfo.InvariantCulture);
var provider = Enum.Parse<DatabaseProvider>(Arg("--provider") ?? "Sqlite", ignoreCase: true);
var connection = Arg("--connection") ?? (provider == DatabaseProvider.Sqlite
    ? $"Data Source={Path.Combine(Path.GetTempPath(), $"followup-bench-{size}.db")}"
    : $"Host=127.0.0.1;Port=55432;Username=postgres;Database=followup_bench_{size}");

if (provider == DatabaseProvider.Sqlite)
{
    var file = new SqliteConnectionStringBuilder(connection).DataSource;
    foreach (var f in new[] { file, file + "-wal", file + "-shm" })
    {
        File.Delete(f);
    }
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Benchmark", Args = [] });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Database:Provider"] = provider.ToString(),
    ["ConnectionStrings:FollowUp"] = connection,
    ["Jobs:RunServer"] = "false",
    ["IdentityProtection:EncryptionKey"] = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]),
    ["IdentityProtection:HmacKey"] = Convert.ToBase64String([.. Enumerable.Range(50, 32).Select(i => (byte)i)]),
    ["Logging:LogLevel:Default"] = "Warning",
});
builder.Services.AddFollowUp(builder.Configuration, builder.Environment);
builder.Services.Configure<Samordning.FollowUp.Features.Users.PasswordLinkOptions>(o => o.Page = "/konto/valj-losenord");
await using var app = builder.Build();

await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<FollowUpDbContext>();
    if (provider == DatabaseProvider.PostgreSql)
    {
        await db.Database.EnsureDeletedAsync();
    }

    await db.Database.MigrateAsync();
}

var today = DateOnly.FromDateTime(DateTime.UtcNow);
Console.WriteLine($"# {size:N0} participations on {provider}, {Environment.ProcessorCount} cores, {today:yyyy-MM-dd}");

var (associationId, interventions, participants) = await SetUpAsync(app.Services);
var fill = Stopwatch.StartNew();
await FillAsync(app.Services, provider, size, interventions, participants, today);
fill.Stop();
Report("fill participations", size, fill.Elapsed);

var scheduler = await TimeAsync(() => Send(new RunFollowUpSchedulerCommand()));
var followUps = await CountAsync("SELECT COUNT(*) FROM \"FollowUps\"");
Report("follow-up scheduler (first run)", followUps, scheduler);
await RecordResultsAsync();
var schedulerAgain = await TimeAsync(() => Send(new RunFollowUpSchedulerCommand()));
Report("follow-up scheduler (second run, nothing to do)", followUps, schedulerAgain);

var exits = await CountAsync("SELECT COUNT(*) FROM \"Participations\" WHERE \"EndDate\" IS NOT NULL");
var cold = await TimeAsync(() => Send(new ComputeIndicatorsCommand(associationId)));
Report("indicator job, first run (includes query compilation)", exits, cold);
var job = await TimeAsync(() => Send(new ComputeIndicatorsCommand(associationId)));
Report("indicator job (I1, I2, I3; all periods, scopes, genders; stored)", exits, job);
var figures = await CountAsync("SELECT COUNT(*) FROM \"IndicatorResults\"");
Console.WriteLine($"{"  figures stored per run",-62} {figures,10:N0}");

var i1Only = await TimeAsync(async () =>
{
    await using var scope = app.Services.CreateAsyncScope();
    var calculator = scope.ServiceProvider.GetRequiredService<IndicatorCalculator>();
    var db = scope.ServiceProvider.GetRequiredService<FollowUpDbContext>();
    var i1 = await db.IndicatorDefinitions.SingleAsync(d => d.AssociationId == associationId && d.Code == "I1");
    await calculator.BucketsAsync(i1, associationId, new DateOnly(2022, 1, 1), today, CancellationToken.None);
});
Report("job's I1 query alone (EF Core)", exits, i1Only);

await RawI1Async();
var raw = await TimeAsync(RawI1Async);
Report("hand-written SQL for I1", exits, raw);

Console.WriteLine();
Console.WriteLine($"ratio indicator job / raw I1 SQL: {job / raw:F2}");
Console.WriteLine($"ratio job's I1 query / raw I1 SQL: {i1Only / raw:F2}");
Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MiB");
Console.WriteLine($"managed heap after run: {GC.GetTotalMemory(forceFullCollection: true) / 1024 / 1024:N0} MiB");

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static void Report(string what, long rows, TimeSpan elapsed) =>
    Console.WriteLine($"{what,-62} {rows,10:N0} rows {elapsed.TotalSeconds,8:F2} s {rows / Math.Max(elapsed.TotalSeconds, 1e-6),12:N0} rows/s");

static async Task<TimeSpan> TimeAsync(Func<Task> work)
{
    var watch = Stopwatch.StartNew();
    await work();
    return watch.Elapsed;
}

async Task Send<T>(ICommand<T> command)
{
    await using var scope = app.Services.CreateAsyncScope();
    scope.ServiceProvider.GetRequiredService<CallerContext>().RunAsSystem(); // as the jobs do
    await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
}

async Task<long> CountAsync(string sql)
{
    await using var scope = app.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<FollowUpDbContext>();
    var conn = db.Database.GetDbConnection();
    await conn.OpenAsync();
    await using var cmd = conn.CreateCommand();
    cmd.CommandText = sql;
    return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
}

// The same figures as the job's I1 query: exits per intervention, gender and month, with
// denominator, numerator and missing data, for the association's individual-focused
// interventions, identified and anonymous, excluding RegisteredInError and Deceased.
async Task RawI1Async()
{
    var (year, month) = provider == DatabaseProvider.Sqlite
        ? ("CAST(strftime('%Y', p.\"EndDate\") AS INTEGER)", "CAST(strftime('%m', p.\"EndDate\") AS INTEGER)")
        : ("CAST(date_part('year', p.\"EndDate\") AS integer)", "CAST(date_part('month', p.\"EndDate\") AS integer)");
    var sql = $"""
        SELECT p."InterventionId", pe."Gender", {year} AS y, {month} AS m,
               COUNT(*) AS denominator,
               SUM(CASE WHEN p."OccupationAtExit" IN ('Employed', 'SubsidisedEmployment', 'Studies') THEN 1 ELSE 0 END) AS numerator,
               SUM(CASE WHEN p."OccupationAtExit" IS NULL OR p."OccupationAtExit" = 'Unknown' THEN 1 ELSE 0 END) AS missing
        FROM "Participations" p
        JOIN "Interventions" i ON i."Id" = p."InterventionId"
        JOIN "Participants" pe ON pe."Id" = p."ParticipantId"
        WHERE i."AssociationId" = {associationId} AND p."EndDate" IS NOT NULL
          AND p."ExitReason" NOT IN ('RegisteredInError', 'Deceased')
          AND i."Orientation" = 'IndividualFocused' AND i."RegistrationMode" IN ('Identified', 'AnonymousIndividual')
        GROUP BY p."InterventionId", pe."Gender", {year}, {month}
        """;
    await using var scope = app.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<FollowUpDbContext>();
    var conn = db.Database.GetDbConnection();
    await conn.OpenAsync();
    await using var cmd = conn.CreateCommand();
    cmd.CommandText = sql;
    await using var reader = await cmd.ExecuteReaderAsync();
    var rows = 0;
    while (await reader.ReadAsync())
    {
        rows++;
    }
}

// About 60 % of the follow-ups that are past due have a result; a third of those are not reached.
async Task RecordResultsAsync()
{
    await using var scope = app.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<FollowUpDbContext>();
    var occupation = "CASE WHEN f.\"Id\" % 5 < 2 THEN 'Employed' WHEN f.\"Id\" % 5 = 2 THEN 'Studies' ELSE 'JobSeeking' END";
    var income = provider == DatabaseProvider.Sqlite ? "'[\"Salary\"]'" : "ARRAY['Salary']";
    var now = provider == DatabaseProvider.Sqlite ? "'2026-01-01 00:00:00'" : "TIMESTAMPTZ '2026-01-01 00:00:00Z'";
    var contacted = provider == DatabaseProvider.Sqlite ? "f.\"DueDate\"" : "f.\"DueDate\"";
    var sql = $"""
        INSERT INTO "FollowUpResults" ("FollowUpId", "Outcome", "ContactedOn", "Occupation", "ExtentPercent", "IncomeSources", "RecordedAtUtc", "UpdatedAtUtc")
        SELECT f."Id", CASE WHEN f."Id" % 3 = 0 THEN 'Unreachable' ELSE 'Reached' END, {contacted},
               CASE WHEN f."Id" % 3 = 0 THEN NULL ELSE {occupation} END, NULL, {income}, {now}, {now}
        FROM "FollowUps" f WHERE f."DueDate" < '{today:yyyy-MM-dd}' AND f."Id" % 10 < 6
        """;
    await db.Database.ExecuteSqlRawAsync(sql);
}

static async Task<(long AssociationId, List<(long Id, long ProviderId, RegistrationMode Mode)> Interventions, Dictionary<long, long[]> Participants)> SetUpAsync(IServiceProvider services)
{
    await using var scope = services.CreateAsyncScope();
    scope.ServiceProvider.GetRequiredService<CallerContext>().RunAsSystem(); // the commands refuse a caller nobody signed in as
    var sender = scope.ServiceProvider.GetRequiredService<ISender>();
    var association = await sender.Send(new CreateAssociationCommand("Benchmarkförbundet", null, 5));
    var interventions = new List<(long, long, RegistrationMode)>();
    string[] municipalities = ["Borås", "Mark", "Ulricehamn", "Tranemo", "Svenljunga", "Herrljunga", "Vårgårda", "Bollebygd"];
    foreach (var municipality in municipalities)
    {
        var provider = await sender.Send(new CreateProviderCommand($"Arbetsmarknadsenheten {municipality}", null) with { AssociationId = association.Id });
        foreach (var (name, category, mode) in new[]
                 {
                     ("Aktiv kraft", InterventionCategory.Preparatory, RegistrationMode.Identified),
                     ("Kartläggning", InterventionCategory.Mapping, RegistrationMode.Identified),
                     ("Lågtröskel", InterventionCategory.Preventive, RegistrationMode.AnonymousIndividual),
                 })
        {
            var i = await sender.Send(new CreateInterventionCommand($"{name} {municipality}", provider.Id, Orientation.IndividualFocused, category,
                mode, [municipality], new DateOnly(2022, 1, 1), null, 24, null) with { AssociationId = association.Id });
            interventions.Add((i.Id, provider.Id, mode));
        }
    }

    // Identified participants: Skatteverket's test numbers, encrypted and hashed as the service does.
    var protector = scope.ServiceProvider.GetRequiredService<IdentityProtector>();
    var db = scope.ServiceProvider.GetRequiredService<FollowUpDbContext>();
    var numbers = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", "testpersonnummer-1890-1999.txt"))
        .Select(n => PersonalIdentityNumber.FromStored(n.Trim()))
        .Where(n => n.BirthYear >= 1960)
        .ToList();
    var participants = new Dictionary<long, long[]>();
    foreach (var providerId in interventions.Select(i => i.Item2).Distinct())
    {
        var people = numbers.Select(n => new Participant
        {
            ProviderId = providerId, Gender = n.Gender, BirthYear = n.BirthYear,
            IdentityCipher = protector.Encrypt(n), IdentityHash = protector.Hash(n), CreatedAtUtc = DateTime.UtcNow,
        }).ToList();
        db.Participants.AddRange(people);
        await db.SaveChangesAsync();
        participants[providerId] = [.. people.Select(p => p.Id)];
        db.ChangeTracker.Clear();
    }

    return (association.Id, interventions, participants);
}

static async Task FillAsync(IServiceProvider services, DatabaseProvider provider, int size,
    List<(long Id, long ProviderId, RegistrationMode Mode)> interventions, Dictionary<long, long[]> participants, DateOnly today)
{
    await using var scope = services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<FollowUpDbContext>();
    var firstNewId = await db.Participants.MaxAsync(p => p.Id) + 1;
    var connection = db.Database.GetDbConnection();
    await connection.OpenAsync();

    // Two passes over the same seeded sequence: first the anonymous people it needs, then the
    // participations. Nothing is held in memory, whatever the size.
    ParticipationGenerator Generator() => new(new Random(20261123), interventions, participants, today, firstNewId);
    if (provider == DatabaseProvider.PostgreSql)
    {
        var npgsql = (NpgsqlConnection)connection;
        await CopyPostgresAsync(npgsql, "Participants", ParticipationGenerator.ParticipantColumns, Rows(Generator(), size, participantsPass: true));
        await CopyPostgresAsync(npgsql, "Participations", ParticipationGenerator.Columns, Rows(Generator(), size, participantsPass: false));
        await using var sequence = npgsql.CreateCommand();
        sequence.CommandText = "SELECT setval(pg_get_serial_sequence('\"Participants\"', 'Id'), (SELECT MAX(\"Id\") FROM \"Participants\"))";
        await sequence.ExecuteScalarAsync();
    }
    else
    {
        var sqlite = (SqliteConnection)connection;
        await InsertSqliteAsync(sqlite, "Participants", ParticipationGenerator.ParticipantColumns, Rows(Generator(), size, participantsPass: true));
        await InsertSqliteAsync(sqlite, "Participations", ParticipationGenerator.Columns, Rows(Generator(), size, participantsPass: false));
    }
}

static IEnumerable<object?[]> Rows(ParticipationGenerator generator, int size, bool participantsPass)
{
    for (var i = 0; i < size; i++)
    {
        var (participation, person) = generator.Next();
        if (!participantsPass)
        {
            yield return participation;
        }
        else if (person is not null)
        {
            yield return person;
        }
    }
}

static async Task InsertSqliteAsync(SqliteConnection connection, string table, string[] columns, IEnumerable<object?[]> rows)
{
    using (var pragma = connection.CreateCommand())
    {
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;";
        await pragma.ExecuteNonQueryAsync();
    }

    await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
    await using var insert = connection.CreateCommand();
    insert.Transaction = tx;
    insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
    var parameters = columns.Select(c => insert.Parameters.Add(new SqliteParameter("$" + c, null))).ToArray();
    insert.Prepare();
    foreach (var row in rows)
    {
        for (var c = 0; c < parameters.Length; c++)
        {
            parameters[c].Value = row[c] switch
            {
                null => DBNull.Value,
                string[] list => "[" + string.Join(',', list.Select(s => $"\"{s}\"")) + "]",
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                var v => v,
            };
        }

        await insert.ExecuteNonQueryAsync();
    }

    await tx.CommitAsync();
}

static async Task CopyPostgresAsync(NpgsqlConnection connection, string table, string[] columns, IEnumerable<object?[]> rows)
{
    await using var import = await connection.BeginBinaryImportAsync(
        $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)");
    foreach (var row in rows)
    {
        await import.StartRowAsync();
        foreach (var value in row)
        {
            switch (value)
            {
                case null: await import.WriteNullAsync(); break;
                case string[] list: await import.WriteAsync(list, NpgsqlDbType.Array | NpgsqlDbType.Text); break;
                case DateOnly d: await import.WriteAsync(d, NpgsqlDbType.Date); break;
                case DateTime t: await import.WriteAsync(t, NpgsqlDbType.TimestampTz); break;
                case long l: await import.WriteAsync(l, NpgsqlDbType.Bigint); break;
                case int n: await import.WriteAsync(n, NpgsqlDbType.Integer); break;
                case string s: await import.WriteAsync(s, NpgsqlDbType.Text); break;
                default: throw new InvalidOperationException(value.GetType().Name);
            }
        }
    }

    await import.CompleteAsync();
}

/// <summary>Realistic participations: starts 2022–today, 24-week stays, most ended, about a third self-sufficient at exit.</summary>
internal sealed class ParticipationGenerator(
    Random random, List<(long Id, long ProviderId, RegistrationMode Mode)> interventions, Dictionary<long, long[]> participants,
    DateOnly today, long firstNewParticipantId)
{
    public static readonly string[] ParticipantColumns = ["Id", "ProviderId", "Gender", "BirthYear", "CreatedAtUtc"];

    public static readonly string[] Columns =
    [
        "InterventionId", "ParticipantId", "StartDate", "HomeMunicipality", "ReferredBy", "EducationLevel", "TimeInPublicSupport",
        "OccupationAtStart", "ExtentPercentAtStart", "IncomeSourcesAtStart", "StepAtStart", "ConsentDate", "ConsentTextVersion",
        "ConsentCollectedBy", "EndDate", "ExitReason", "OccupationAtExit", "ExtentPercentAtExit", "IncomeSourcesAtExit", "StepAtExit",
        "CreatedAtUtc", "UpdatedAtUtc", "Version",
    ];

    private static readonly string[] Referrals = ["SocialInsuranceAgency", "SocialInsuranceAgency", "PublicEmploymentService", "PublicEmploymentService", "Municipality", "Municipality", "Region", "SelfReferral", "Other"];
    private static readonly string[] StartOccupations = ["SickLeave", "SickLeave", "JobSeeking", "JobSeeking", "InterventionAtParty", "Other", "Unknown"];
    private static readonly string[] ExitReasons = ["PlannedCompletion", "PlannedCompletion", "PlannedCompletion", "PlannedCompletion", "PlannedCompletion", "Discontinued", "Discontinued", "TransferredToParty", "Illness", "MovedAway", "Other", "Deceased", "RegisteredInError"];
    private static readonly string[] ExitOccupations = ["Employed", "Employed", "SubsidisedEmployment", "Studies", "JobSeeking", "JobSeeking", "InterventionAtParty", "SickLeave", "Other", "Unknown"];
    private static readonly string[] Educations = ["PrimaryIncomplete", "Primary", "UpperSecondary", "UpperSecondary", "PostSecondaryShort", "PostSecondaryLong", "Unknown"];
    private static readonly string[] Support = ["None", "UpTo6Months", "SixTo12Months", "OneToTwoYears", "TwoToFiveYears", "MoreThanFiveYears", "Unknown"];
    private readonly int _days = today.DayNumber - new DateOnly(2022, 1, 1).DayNumber;
    private long _nextParticipantId = firstNewParticipantId;

    /// <summary>The next participation, and the anonymous person it introduces (if any).</summary>
    public (object?[] Participation, object?[]? NewParticipant) Next()
    {
        var intervention = interventions[random.Next(interventions.Count)];
        var start = new DateOnly(2022, 1, 1).AddDays(random.Next(_days));
        var end = start.AddDays((int)Math.Max(7, (24 * 7) + (random.NextDouble() - 0.5) * 200));
        var ended = end <= today && random.NextDouble() < 0.93;
        var identified = intervention.Mode == RegistrationMode.Identified;

        // Open participations get a person of their own, so no one is active twice in one intervention.
        long participantId;
        object?[]? person = null;
        if (!identified || !ended)
        {
            participantId = _nextParticipantId++;
            person = [participantId, intervention.ProviderId, random.NextDouble() < 0.55 ? "Woman" : "Man", 1960 + random.Next(40), DateTime.UtcNow];
        }
        else
        {
            var people = participants[intervention.ProviderId];
            participantId = people[random.Next(people.Length)];
        }

        var stepAtStart = random.Next(1, 4);
        var now = DateTime.UtcNow;
        object?[] participation =
        [
            intervention.Id, participantId, start, "Borås", Pick(Referrals), Pick(Educations), Pick(Support),
            Pick(StartOccupations), null, new[] { "SicknessBenefit" }, random.NextDouble() < 0.95 ? stepAtStart : null,
            identified ? start : null, identified ? "Samtycke v2.1" : null, identified ? "Coach" : null,
            ended ? end : null, ended ? Pick(ExitReasons) : null, ended ? Pick(ExitOccupations) : null, null,
            ended ? new[] { "Salary" } : Array.Empty<string>(),
            ended && random.NextDouble() < 0.93 ? Math.Min(5, stepAtStart + random.Next(0, 3)) : null,
            now, now, 0,
        ];
        return (participation, person);
    }

    private string Pick(string[] values) => values[random.Next(values.Length)];
}
