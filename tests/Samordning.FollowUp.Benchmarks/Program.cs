using System.Diagnostics;
using System.Globalization;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Samordning.FollowUp;
using Samordning.FollowUp.Benchmarks;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Features.FollowUps;
using Samordning.FollowUp.Features.Indicators;

// Fills a database with N participations, runs the follow-up scheduler (first run, a full pass
// again, and a run since the last) and the indicator job through the service's own code, and
// hand-written SQL queries for I1, I2 and I3 over the same data.
// Prints rows per second, the job-to-raw-SQL ratio and peak memory. Run one size per process
// (tests/scripts/benchmark.sh does) so that peak memory belongs to that size.
// The data comes from BenchmarkData.cs (the association, its participants and the generator of
// participations) and is written by BulkInsert.cs.
//
// usage: Samordning.FollowUp.Benchmarks [--size N] [--provider Sqlite|PostgreSql] [--connection CS]
// --report (tests/scripts/benchmark-report.sh): the tertial report for one association instead of the
// indicator job (ReportBenchmark.cs); N is spread over --associations A (default N / 100,000) alike.
// --session-check (tests/scripts/benchmark-session-check.sh): the per-request security-stamp check instead.
// --intake-setup (tests/scripts/benchmark-intake.sh): only migrate a fresh database and create the association
// and a coach for the intake load benchmark (IntakeSetup.cs), then exit.
// --smoke (tests/scripts/test.sh's "bench" run): the indicator job and then the report on the same small
// database; exits non-zero when the report's figures disagree with the hand-written SQL.
// --threshold T: the association's small-number threshold (default 5; 0 shows the board exact figures and
// skips the year's masking, which at a few thousand participations takes the board's report most of a minute).
// --runs N: timed runs of the report and of each file (default 5; the median is printed).
// --adopt-earlier (with --report): the year's tertials before the one read are adopted first (as the office
// adopts them, with a reason), as in a year whose T1 the board adopted before it reads T2. For good:
// adoptions never change, so use it on a copy of a --reuse database.
// --steps N (with --report): after the timed runs, N more exits, each followed by the board's page taken apart
// into its steps, timed one after another (wall clock and the process's CPU time): where the time goes.
// --reuse (with --report): keep the database a previous run of the same size filled and time the report
// again (for trying a change to the report's queries without filling 2,000,000 rows each time).
if (args.Contains("--session-check"))
{
    var checkProvider = Enum.Parse<DatabaseProvider>(Arg("--provider") ?? "Sqlite", ignoreCase: true);
    await SessionCheckBenchmark.RunAsync(checkProvider, Arg("--connection") ?? (checkProvider == DatabaseProvider.Sqlite
        ? SessionCheckBenchmark.FreshSqlite()
        : $"Host=127.0.0.1;Port={Environment.GetEnvironmentVariable("FOLLOWUP_PG_PORT") ?? "55432"};Username=postgres;Database=followup_bench_session"));
    return 0;
}

var size = int.Parse(Arg("--size") ?? "1000000", CultureInfo.InvariantCulture);
var reportMode = args.Contains("--report");
var runs = int.Parse(Arg("--runs") ?? "5", CultureInfo.InvariantCulture);
var steps = int.Parse(Arg("--steps") ?? "0", CultureInfo.InvariantCulture);
var adoptEarlier = args.Contains("--adopt-earlier");
var associationCount = int.Parse(Arg("--associations") ?? (reportMode ? Math.Max(1, size / 100_000) : 1).ToString(CultureInfo.InvariantCulture),
    CultureInfo.InvariantCulture);
var provider = Enum.Parse<DatabaseProvider>(Arg("--provider") ?? "Sqlite", ignoreCase: true);
var connection = Arg("--connection") ?? (provider == DatabaseProvider.Sqlite
    ? $"Data Source={Path.Combine(Path.GetTempPath(), $"followup-bench-{size}.db")}"
    : $"Host=127.0.0.1;Port={Environment.GetEnvironmentVariable("FOLLOWUP_PG_PORT") ?? "55432"};Username=postgres;Database=followup_bench_{size}");

var reuse = reportMode && args.Contains("--reuse");
if (provider == DatabaseProvider.Sqlite && !reuse)
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
    if (provider == DatabaseProvider.PostgreSql && !reuse)
    {
        await db.Database.EnsureDeletedAsync();
    }

    // A migration may rewrite a whole table (ParticipationGender): as long as the service allows it (DatabaseInitializer).
    db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
    await db.Database.MigrateAsync();
}

if (args.Contains("--intake-setup"))
{
    await IntakeSetup.RunAsync(app.Services);
    return 0;
}

var today = DateOnly.FromDateTime(DateTime.UtcNow);
Console.WriteLine($"# {size:N0} participations on {provider}, {Environment.ProcessorCount} cores, {today:yyyy-MM-dd}");
if (reuse)
{
    // The first association is the one every report benchmark reads (BenchmarkData.SetUpAsync made it).
    var first = await CountAsync("SELECT COALESCE(MIN(\"Id\"), 0) FROM \"Associations\" WHERE \"Name\" = 'Benchmarkförbundet'");
    if (first == 0)
    {
        await Console.Error.WriteLineAsync($"--reuse: no database filled by an earlier run at {size:N0} participations on {provider}; run once without --reuse first.");
        return 2;
    }

    Console.WriteLine($"reusing the database filled by an earlier run: {await CountAsync("SELECT COUNT(*) FROM \"Participations\""):N0} participations");
    await AnalyzeAsync();
    return await ReportBenchmark.RunAsync(app.Services, provider, first, today, runs, steps, adoptEarlier) == 0 ? 0 : 1;
}


var (associationId, interventions, participants) = await BenchmarkData.SetUpAsync(app.Services,
    int.Parse(Arg("--threshold") ?? "5", CultureInfo.InvariantCulture));
for (var number = 2; number <= associationCount; number++)
{
    // A national-scale database: more associations like the first; the generator spreads N evenly over all of them.
    var other = await BenchmarkData.CopyAsync(app.Services, number, interventions[0].ProviderId);
    interventions = [.. interventions, .. other.Interventions];
    foreach (var (providerId, people) in other.Participants)
    {
        participants[providerId] = people;
    }
}

var fill = Stopwatch.StartNew();
await BulkInsert.FillAsync(app.Services, provider, size, interventions, participants, today);
fill.Stop();
await AnalyzeAsync();

Report("fill participations", size, fill.Elapsed);

// As the nightly job sends it: the first run has no watermark, so it is a full pass.
var scheduler = await TimeAsync(() => Send(new RunFollowUpSchedulerCommand(SinceLastRun: true)));
var followUps = await CountAsync("SELECT COUNT(*) FROM \"FollowUps\"");
Report("follow-up scheduler (first run)", followUps, scheduler);
if (reportMode)
{
    return await ReportBenchmark.RunAsync(app.Services, provider, associationId, today, runs, steps, adoptEarlier) == 0 ? 0 : 1;
}

await RecordResultsAsync();
var schedulerAgain = await TimeAsync(() => Send(new RunFollowUpSchedulerCommand()));
Report("follow-up scheduler (second run, full pass, nothing to change)", followUps, schedulerAgain);
FollowUpSchedulerResult? sinceLast = null;
var schedulerSinceLast = await TimeAsync(async () => sinceLast = await Send(new RunFollowUpSchedulerCommand(SinceLastRun: true)));
Report("follow-up scheduler (third run, since the last, nothing to do)", followUps, schedulerSinceLast);
Console.WriteLine($"{"  read since the last run: participations, follow-ups",-62} {sinceLast!.ParticipationsRead,10:N0} {sinceLast.FollowUpsRead,10:N0}");

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
await RawI2Async();
await RawI3Async();
var rawAll = await TimeAsync(async () =>
{
    await RawI1Async();
    await RawI2Async();
    await RawI3Async();
});
Report("hand-written SQL for I1, I2 and I3 together", exits, rawAll);

Console.WriteLine();
Console.WriteLine($"ratio indicator job / raw I1 SQL: {job / raw:F2}");
Console.WriteLine($"ratio indicator job / raw I1 + I2 + I3 SQL: {job / rawAll:F2}");
Console.WriteLine($"ratio job's I1 query / raw I1 SQL: {i1Only / raw:F2}");
Console.WriteLine($"summary ({provider}, {size}): scheduler_first_s={scheduler.TotalSeconds:F2} scheduler_full_again_s={schedulerAgain.TotalSeconds:F2} " +
    $"scheduler_since_last_s={schedulerSinceLast.TotalSeconds:F3} job_s={job.TotalSeconds:F2} raw_i1_s={raw.TotalSeconds:F2} " +
    $"raw_i123_s={rawAll.TotalSeconds:F2} job_over_raw_i123={job / rawAll:F2}");
Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MiB");
Console.WriteLine($"managed heap after run: {GC.GetTotalMemory(forceFullCollection: true) / 1024 / 1024:N0} MiB");
if (args.Contains("--smoke"))
{
    // The report on the same database: a benchmark that no longer runs, or a report that no longer
    // agrees with the SQL, fails the test script's "bench" run.
    return await ReportBenchmark.RunAsync(app.Services, provider, associationId, today, runs, steps, adoptEarlier) == 0 ? 0 : 1;
}

return 0;

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

async Task<T> Send<T>(ICommand<T> command)
{
    await using var scope = app.Services.CreateAsyncScope();
    scope.ServiceProvider.GetRequiredService<CallerContext>().RunAsSystem(); // as the jobs do
    return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
}

// PostgreSQL: what autovacuum does a minute after a bulk load. Without statistics on the freshly
// filled tables the planner guesses a few rows per intervention and picks nested loops a database
// in use would not. (SQLite keeps no statistics unless asked, and the service never asks.)
async Task AnalyzeAsync()
{
    if (provider == DatabaseProvider.PostgreSql)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FollowUpDbContext>().Database.ExecuteSqlRawAsync("ANALYZE");
    }
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
Task RawI1Async() => RawAsync("""
    COUNT(*) AS denominator,
    SUM(CASE WHEN p."OccupationAtExit" IN ('Employed', 'SubsidisedEmployment', 'Studies') THEN 1 ELSE 0 END) AS numerator,
    SUM(CASE WHEN p."OccupationAtExit" IS NULL OR p."OccupationAtExit" = 'Unknown' THEN 1 ELSE 0 END) AS missing
    """, "'Identified', 'AnonymousIndividual'", string.Empty);

// I2: the identified exits with their 12-month follow-up's result (if any): reached and self-sufficient.
Task RawI2Async() => RawAsync("""
    COUNT(*) AS denominator,
    SUM(CASE WHEN r."Outcome" = 'Reached' AND r."Occupation" IN ('Employed', 'SubsidisedEmployment', 'Studies') THEN 1 ELSE 0 END) AS numerator,
    SUM(CASE WHEN r."FollowUpId" IS NULL THEN 1 ELSE 0 END) AS missing,
    SUM(CASE WHEN r."Outcome" = 'Reached' THEN 1 ELSE 0 END) AS reached
    """, "'Identified'", """
    LEFT JOIN "FollowUps" f ON f."ParticipationId" = p."Id"
    LEFT JOIN "FollowUpResults" r ON r."FollowUpId" = f."Id"
    """);

// I3: the step at exit above the step at start, of the exits with both steps.
Task RawI3Async() => RawAsync("""
    SUM(CASE WHEN p."StepAtStart" IS NOT NULL AND p."StepAtExit" IS NOT NULL THEN 1 ELSE 0 END) AS denominator,
    SUM(CASE WHEN p."StepAtStart" IS NOT NULL AND p."StepAtExit" IS NOT NULL AND p."StepAtExit" > p."StepAtStart" THEN 1 ELSE 0 END) AS numerator,
    SUM(CASE WHEN p."StepAtStart" IS NULL OR p."StepAtExit" IS NULL THEN 1 ELSE 0 END) AS missing
    """, "'Identified', 'AnonymousIndividual'", string.Empty);

async Task RawAsync(string figures, string modes, string joins)
{
    var (year, month) = provider == DatabaseProvider.Sqlite
        ? ("CAST(strftime('%Y', p.\"EndDate\") AS INTEGER)", "CAST(strftime('%m', p.\"EndDate\") AS INTEGER)")
        : ("CAST(date_part('year', p.\"EndDate\") AS integer)", "CAST(date_part('month', p.\"EndDate\") AS integer)");
    var sql = $"""
        SELECT p."InterventionId", p."Gender", {year} AS y, {month} AS m,
               {figures}
        FROM "Participations" p
        JOIN "Interventions" i ON i."Id" = p."InterventionId"
        {joins}
        WHERE i."AssociationId" = {associationId} AND p."EndDate" IS NOT NULL
          AND p."ExitReason" NOT IN ('RegisteredInError', 'Deceased')
          AND i."Orientation" = 'IndividualFocused' AND i."RegistrationMode" IN ({modes})
        GROUP BY p."InterventionId", p."Gender", {year}, {month}
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
