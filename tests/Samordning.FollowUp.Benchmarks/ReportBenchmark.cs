using System.Diagnostics;
using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Reports;
using Samordning.FollowUp.Features.Reports.Disclosure;
using Samordning.FollowUp.Features.Reports.Files;
using Samordning.FollowUp.Features.Reports.Presentation;
using Samordning.FollowUp.Features.Reports.Trends;

namespace Samordning.FollowUp.Benchmarks;

/// <summary>
/// The tertial report for one association, sent as GetTertialReportQuery through Mediator as the
/// system, against one hand-written SQL aggregate that computes the same row figures (active, new,
/// ended, ongoing at the end, by intervention and gender) on the same database. Both warm, each the
/// median of a few runs. The report's own row-figures query is also timed alone (EF Core's
/// diagnostic events), since the report runs a dozen more small queries the raw SQL does not.
/// Compares every intervention's figures with the raw query's and prints a mismatch loudly.
/// </summary>
internal static class ReportBenchmark
{

    /// <summary>Runs the benchmark; returns how many figures disagree with the hand-written SQL (0 when all agree).</summary>
    /// <param name="runs">Timed runs of each (the median is printed); the test script's smoke run asks for one.</param>
    /// <param name="steps">After the timed runs: this many more exits, each followed by the page's steps one after another (<see cref="StepsAsync"/>).</param>
    public static async Task<int> RunAsync(
        IServiceProvider services, DatabaseProvider provider, long associationId, DateOnly today, int runs = 5, int steps = 0, bool adoptEarlier = false)
    {
        // The last tertial that has ended: what a board reads most.
        var current = ((today.Month - 1) / 4) + 1;
        var (year, tertial) = current == 1 ? (today.Year - 1, 3) : (today.Year, current - 1);
        var query = new GetTertialReportQuery(associationId, year, tertial, "Period", null);

        var inAssociation = await ScalarAsync(services, $"""
            SELECT COUNT(*) FROM "Participations" p JOIN "Interventions" i ON i."Id" = p."InterventionId"
            WHERE i."AssociationId" = {associationId}
            """);
        var total = await ScalarAsync(services, "SELECT COUNT(*) FROM \"Participations\"");
        var associations = await ScalarAsync(services, "SELECT COUNT(*) FROM \"Associations\"");
        Console.WriteLine();
        Console.WriteLine($"# tertial report {year} T{tertial} (period) for one association of {associations:N0}: " +
            $"{inAssociation:N0} of its participations, {total:N0} in the database");

        for (var earlier = 1; adoptEarlier && earlier < tertial; earlier++)
        {
            if (await ScalarAsync(services, $"SELECT COUNT(*) FROM \"ReportAdoptions\" WHERE \"AssociationId\" = {associationId} AND \"Year\" = {year} AND \"Tertial\" = {earlier}") == 0)
            {
                await using var scope = services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CallerContext>().RunAsSystem();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(
                    new CloseTertialCommand("Benchmark", "Benchmark: the year's earlier tertials adopted") { AssociationId = associationId, Year = year, Tertial = earlier });
            }

            Console.WriteLine($"{year} T{earlier} is adopted: the board's page reads it from its snapshot");
        }

        TertialReport? report = null;
        // Built reports are kept while nothing they read changes (BuiltReports) and the board's masks
        // per process for the same figures (YearMaskMemo): the timed runs forget both first, so each
        // pays for building and masking as the first request after a change does.
        var memo = services.GetRequiredService<YearMaskMemo>();
        var built = services.GetRequiredService<BuiltReports>();
        var slices = services.GetRequiredService<InterventionSlices>();
        async Task Build()
        {
            memo.Clear();
            built.Clear();
            slices.Clear();
            await BuildReused();
        }

        // A coach's everyday change: one open participation of the association ends today, saved as
        // the service saves an exit (one SaveChanges, which marks the intervention it touched).
        // Each exit in the next intervention in turn, as changes come in a real association (so each exit's
        // slice queries name another intervention than the exit before).
        var exitsSoFar = 0;
        async Task ExitOne()
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FollowUpDbContext>();
            var withOpen = await db.Participations
                .Where(p => p.Intervention!.AssociationId == associationId && p.EndDate == null && p.StartDate <= today)
                .Select(p => p.InterventionId)
                .Distinct()
                .OrderBy(id => id)
                .ToListAsync();
            if (withOpen.Count == 0)
            {
                throw new InvalidOperationException("No open participation left to end: the benchmark needs one per run.");
            }

            var intervention = withOpen[exitsSoFar++ % withOpen.Count];
            var open = await db.Participations
                .Where(p => p.InterventionId == intervention && p.EndDate == null && p.StartDate <= today)
                .OrderBy(p => p.Id)
                .FirstAsync();
            open.EndDate = today;
            open.ExitReason = ExitReason.PlannedCompletion;
            open.OccupationAtExit = Occupation.Employed;
            open.UpdatedAtUtc = DateTime.UtcNow;
            await db.SaveChangesAsync();
        }

        async Task BuildReused()
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CallerContext>().RunAsSystem(); // as the jobs do
            report = (await scope.ServiceProvider.GetRequiredService<ISender>().Send(query)).Report;
        }

        // A download: the same query, then the file written from its presentation (DownloadTertialReport.cs).
        long fileBytes = 0;
        Func<Task> BuildFile(Action<ReportPresentation, Stream> write) => async () =>
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CallerContext>().RunAsSystem();
            var view = await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
            using var stream = new MemoryStream();
            write(view.Presentation!, stream);
            fileBytes = stream.Length;
        };

        using var log = new CommandLog();
        using var subscription = DiagnosticListener.AllListeners.Subscribe(log);
        var cold = await TimeAsync(Build);
        Console.WriteLine($"{"report, first run (includes query compilation)",-62} {cold.TotalMilliseconds,10:N0} ms");
        Console.WriteLine($"{"  queries EF Core compiled",-62} {log.Compiled,10:N0}");

        var reportTimes = new List<TimeSpan>();
        var rowQueryTimes = new List<TimeSpan>();
        var databaseTimes = new List<TimeSpan>();
        var commands = 0;
        List<(string Sql, TimeSpan Duration)> lastRun = [];
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var run = 0; run < runs; run++)
        {
            log.Start();
            reportTimes.Add(await TimeAsync(Build));
            var executed = log.Stop();
            commands = executed.Count;
            lastRun = executed;
            databaseTimes.Add(executed.Aggregate(TimeSpan.Zero, (sum, c) => sum + c.Duration));
            // The row figures come from the year's participation grid (ParticipationGrid), which the
            // year's other reports and the trend read too.
            rowQueryTimes.Add(executed.Where(c => c.Sql.Contains("\"Started\"", StringComparison.Ordinal))
                .Aggregate(TimeSpan.Zero, (sum, c) => sum + c.Duration));
        }

        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / runs;
        var fullCommands = commands;

        // The first GET after one exit: only the exit's intervention is counted again (InterventionSlices).
        var changeTimes = new List<TimeSpan>();
        var changeDatabaseTimes = new List<TimeSpan>();
        await ExitOne();
        await BuildReused();
        var slicesBefore = slices.Fetched;
        var compiledBefore = log.Compiled;
        long changeAllocated = 0;
        for (var run = 0; run < runs; run++)
        {
            await ExitOne();
            log.Start();
            var allocatedBeforeChange = GC.GetTotalAllocatedBytes(precise: true);
            changeTimes.Add(await TimeAsync(BuildReused));
            changeAllocated += GC.GetTotalAllocatedBytes(precise: true) - allocatedBeforeChange;
            var executed = log.Stop();
            commands = executed.Count;
            lastRun = executed;
            changeDatabaseTimes.Add(executed.Aggregate(TimeSpan.Zero, (sum, c) => sum + c.Duration));
        }

        var slicesPerChange = (slices.Fetched - slicesBefore) / (double)runs;
        var compiledPerChange = (log.Compiled - compiledBefore) / (double)runs;
        await BuildReused();
        var reusedTimes = new List<TimeSpan>();
        for (var run = 0; run < runs; run++)
        {
            reusedTimes.Add(await TimeAsync(BuildReused));
        }

        // Kept warm (ReportWarmer): a signed-in reader has read the report, a change comes, the warmer
        // builds the report again in the background (timed apart), and the next reader is served what it built.
        var warmer = services.GetRequiredService<ReportWarmer>();
        warmer.Read(query, ReportAudience.Board, null);
        await warmer.WarmAsync(default);
        var warmerTimes = new List<TimeSpan>();
        var warmTimes = new List<TimeSpan>();
        var warmedBefore = warmer.Warmed;
        for (var run = 0; run < runs; run++)
        {
            await ExitOne();
            warmerTimes.Add(await TimeAsync(() => warmer.WarmAsync(default)));
            warmTimes.Add(await TimeAsync(BuildReused));
        }

        if (warmer.Warmed - warmedBefore != runs)
        {
            throw new InvalidOperationException($"The warmer built {warmer.Warmed - warmedBefore} reports after {runs} exits, not one after each.");
        }

        // The nightly indicator job (its command, as the job sends it), then the page: what the first
        // reader of the morning waits for when the warmer has not run yet.
        var afterJobTimes = new List<TimeSpan>();
        for (var run = 0; run < runs; run++)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<CallerContext>().RunAsSystem();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(new Features.Indicators.ComputeIndicatorsCommand());
            }

            afterJobTimes.Add(await TimeAsync(BuildReused));
        }

        if (steps > 0)
        {
            await StepsAsync(services, associationId, year, tertial, steps, ExitOne);
        }

        var from = report!.Header.PeriodFrom;
        var to = report.Header.PeriodTo;
        Dictionary<long, RawRow> raw = [];
        async Task Raw() => raw = await RawRowFiguresAsync(services, associationId, new DateOnly(year, 1, 1), from, to);
        await Raw();
        var rawTimes = new List<TimeSpan>();
        for (var run = 0; run < runs; run++)
        {
            rawTimes.Add(await TimeAsync(Raw));
        }

        // The files, warm (one untimed run each first), median of the same number of runs; as after the
        // page, with the built report and the masks of the same figures kept.
        var files = new List<(string Name, TimeSpan Median, long Bytes)>();
        foreach (var (name, write) in new (string, Action<ReportPresentation, Stream>)[] { ("xlsx", TertialReportXlsx.Write), ("pdf", TertialReportPdf.Write) })
        {
            var build = BuildFile(write);
            if (runs > 1)
            {
                await build();
            }

            var times = new List<TimeSpan>();
            for (var run = 0; run < runs; run++)
            {
                times.Add(await TimeAsync(build));
            }

            files.Add((name, Median(times), fileBytes));
        }

        var fullMedian = Median(reportTimes);
        var reportMedian = Median(changeTimes);
        var rawMedian = Median(rawTimes);
        var rowQueryMedian = Median(rowQueryTimes);
        Console.WriteLine($"{$"report, everything counted again (median of {runs}; {fullCommands} SQL commands)",-62} {fullMedian.TotalMilliseconds,10:N0} ms");
        Console.WriteLine($"{"  of which waiting on the database (summed: parts run side by side)",-62} {Median(databaseTimes).TotalMilliseconds,10:N0} ms");
        Console.WriteLine($"{$"report after one exit (median of {runs}; {commands} SQL commands)",-62} {reportMedian.TotalMilliseconds,10:N0} ms");
        Console.WriteLine($"{"  of which waiting on the database",-62} {Median(changeDatabaseTimes).TotalMilliseconds,10:N0} ms");
        Console.WriteLine($"{"  intervention slices counted again per exit",-62} {slicesPerChange,10:N1}");
        Console.WriteLine($"{"  queries EF Core compiled per exit (not in its query cache)",-62} {compiledPerChange,10:N1}");
        var reusedMedian = Median(reusedTimes);
        Console.WriteLine($"{$"report again, nothing changed (built report kept; median of {runs})",-62} {reusedMedian.TotalMilliseconds,10:N0} ms");
        var warmerMedian = Median(warmerTimes);
        var warmMedian = Median(warmTimes);
        Console.WriteLine($"{$"the warmer's build after one exit (in the background; median of {runs})",-62} {warmerMedian.TotalMilliseconds,10:N0} ms");
        Console.WriteLine($"{$"report after one exit, kept warm (median of {runs})",-62} {warmMedian.TotalMilliseconds,10:N0} ms");
        var afterJobMedian = Median(afterJobTimes);
        Console.WriteLine($"{$"report after the nightly indicator job (median of {runs})",-62} {afterJobMedian.TotalMilliseconds,10:N0} ms");
        Console.WriteLine($"{"report, everything counted again: its row-figures query (the grid)",-62} {rowQueryMedian.TotalMilliseconds,10:N0} ms");
        // Every command of the last run (after one exit) in the order it ran; the whole SQL goes to a file beside the database.
        var sqlFile = Path.Combine(Path.GetTempPath(), $"followup-bench-report-{provider}.sql");
        await File.WriteAllLinesAsync(sqlFile, lastRun.Select((c, i) => $"-- #{i + 1}: {c.Duration.TotalMilliseconds:F1} ms\n{c.Sql};\n"));
        foreach (var ((sql, duration), index) in lastRun.Select((c, i) => (c, i + 1)))
        {
            var text = string.Join(' ', sql[(sql.IndexOf('\n', StringComparison.Ordinal) + 1)..].Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
            Console.WriteLine($"{$"  #{index,-2} {text[..Math.Min(text.Length, 52)]}…",-62} {duration.TotalMilliseconds,10:N1} ms");
        }

        Console.WriteLine($"  (the SQL of each command: {sqlFile})");

        Console.WriteLine($"{$"hand-written SQL for the row figures (warm, median of {runs})",-62} {rawMedian.TotalMilliseconds,10:N0} ms");
        foreach (var (name, median, bytes) in files)
        {
            Console.WriteLine($"{$"report as .{name} (warm, median of {runs}; {bytes / 1024.0:N0} KiB)",-62} {median.TotalMilliseconds,10:N0} ms");
        }

        Console.WriteLine($"{"managed memory allocated per report",-62} {allocated / 1024.0 / 1024.0,10:N1} MiB");
        Console.WriteLine($"{"  after one exit",-62} {changeAllocated / (double)runs / 1024.0 / 1024.0,10:N1} MiB");

        var mismatches = Compare(report, raw);
        Console.WriteLine();
        if (mismatches.Count == 0)
        {
            var t = report.Total;
            Console.WriteLine($"row figures match the hand-written SQL for all {raw.Count} interventions " +
                $"(total active {t.Active.Total:N0}, new {t.New.Total:N0}, ended {t.Ended.Total:N0}, ongoing {t.OngoingAtEnd.Total:N0})");
        }
        else
        {
            Console.WriteLine($"!!!!! MISMATCH: the report and the hand-written SQL disagree on {mismatches.Count} figures !!!!!");
            foreach (var m in mismatches.Take(20))
            {
                Console.WriteLine($"!!!!! {m}");
            }
        }

        Console.WriteLine($"ratio report after one exit / raw row-figures SQL: {reportMedian / rawMedian:F2}");
        Console.WriteLine($"ratio report, everything counted again / raw row-figures SQL: {fullMedian / rawMedian:F2}");
        Console.WriteLine($"ratio report again, nothing changed / raw row-figures SQL: {reusedMedian / rawMedian:F2}");
        Console.WriteLine($"ratio report after one exit, kept warm / raw row-figures SQL: {warmMedian / rawMedian:F2}");
        Console.WriteLine($"ratio report's row-figures query / raw row-figures SQL: {rowQueryMedian / rawMedian:F2}");
        foreach (var (name, median, _) in files)
        {
            Console.WriteLine($"ratio report as .{name} / raw row-figures SQL: {median / rawMedian:F2}");
        }

        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MiB");
        Console.WriteLine($"summary ({provider}): N={total} report_ms={reportMedian.TotalMilliseconds:F0} raw_ms={rawMedian.TotalMilliseconds:F0} " +
            $"ratio={reportMedian / rawMedian:F2} full_ms={fullMedian.TotalMilliseconds:F0} full_ratio={fullMedian / rawMedian:F2} reused_ms={reusedMedian.TotalMilliseconds:F0} reused_ratio={reusedMedian / rawMedian:F2} " +
            $"warm_ms={warmMedian.TotalMilliseconds:F0} warm_ratio={warmMedian / rawMedian:F2} warmer_ms={warmerMedian.TotalMilliseconds:F0} after_job_ms={afterJobMedian.TotalMilliseconds:F0} row_query_ms={rowQueryMedian.TotalMilliseconds:F0} " +
            $"{string.Concat(files.Select(f => $"{f.Name}_ms={f.Median.TotalMilliseconds:F0} {f.Name}_ratio={f.Median / rawMedian:F2} "))}" +
            $"peak_mib={Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} mismatches={mismatches.Count}");
        return mismatches.Count;
    }

    private sealed record RawRow(int[] Women, int[] Men);

    // One aggregate: the participations active at some point from 1 January to the period's end,
    // excluding registrations in error, with the period's figures as conditional sums (domain §7).
    private static async Task<Dictionary<long, RawRow>> RawRowFiguresAsync(
        IServiceProvider services, long associationId, DateOnly yearStart, DateOnly from, DateOnly to)
    {
        var (y, f, t) = (Date(yearStart), Date(from), Date(to));
        var sql = $"""
            SELECT p."InterventionId", p."Gender",
                   SUM(CASE WHEN p."EndDate" IS NULL OR p."EndDate" >= {f} THEN 1 ELSE 0 END) AS active,
                   SUM(CASE WHEN p."StartDate" >= {f} THEN 1 ELSE 0 END) AS new,
                   SUM(CASE WHEN p."EndDate" >= {f} AND p."EndDate" <= {t} THEN 1 ELSE 0 END) AS ended,
                   SUM(CASE WHEN p."EndDate" IS NULL OR p."EndDate" > {t} THEN 1 ELSE 0 END) AS ongoing
            FROM "Participations" p
            JOIN "Interventions" i ON i."Id" = p."InterventionId"
            WHERE i."AssociationId" = {associationId}
              AND (p."ExitReason" IS NULL OR p."ExitReason" <> 'RegisteredInError')
              AND p."StartDate" <= {t} AND (p."EndDate" IS NULL OR p."EndDate" >= {y})
            GROUP BY p."InterventionId", p."Gender"
            """;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FollowUpDbContext>();
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new Dictionary<long, RawRow>();
        while (await reader.ReadAsync())
        {
            var id = reader.GetInt64(0);
            var row = rows.TryGetValue(id, out var r) ? r : rows[id] = new RawRow(new int[4], new int[4]);
            var figures = reader.GetString(1) == nameof(Gender.Woman) ? row.Women : row.Men;
            for (var c = 0; c < 4; c++)
            {
                figures[c] = Convert.ToInt32(reader.GetValue(2 + c), CultureInfo.InvariantCulture);
            }
        }

        return rows;
    }

    private static string Date(DateOnly d) => $"'{d:yyyy-MM-dd}'";

    private static List<string> Compare(TertialReport report, Dictionary<long, RawRow> raw)
    {
        var mismatches = new List<string>();
        var reportRows = report.Sections.SelectMany(s => s.Categories).SelectMany(c => c.Interventions).ToList();
        foreach (var row in reportRows)
        {
            var expected = raw.GetValueOrDefault(row.InterventionId) ?? new RawRow(new int[4], new int[4]);
            GenderCount[] figures = [row.Figures.Active, row.Figures.New, row.Figures.Ended, row.Figures.OngoingAtEnd];
            string[] names = ["active", "new", "ended", "ongoing"];
            for (var c = 0; c < 4; c++)
            {
                if (figures[c].Women != expected.Women[c] || figures[c].Men != expected.Men[c])
                {
                    mismatches.Add($"{row.Name} {names[c]}: report {figures[c].Women}/{figures[c].Men} (women/men), SQL {expected.Women[c]}/{expected.Men[c]}");
                }
            }
        }

        foreach (var missing in raw.Keys.Except(reportRows.Select(r => r.InterventionId)))
        {
            mismatches.Add($"intervention {missing} has figures in the SQL but no row in the report");
        }

        // The report's totals are its own sums; check them against the SQL too.
        var sums = Enumerable.Range(0, 4).Select(c => raw.Values.Sum(r => r.Women[c] + r.Men[c])).ToArray();
        GenderCount[] totals = [report.Total.Active, report.Total.New, report.Total.Ended, report.Total.OngoingAtEnd];
        for (var c = 0; c < 4; c++)
        {
            if (totals[c].Total != sums[c])
            {
                mismatches.Add($"total {c}: report {totals[c].Total}, SQL {sums[c]}");
            }
        }

        return mismatches;
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);

    /// <summary>
    /// Where the page's time goes after one exit (--steps N): each step of the board's GET run on its
    /// own, one after another, in a scope of its own, with its time on the clock and the process's CPU
    /// time, averaged over N exits. On the page the steps run side by side; here each is measured
    /// alone, and the later ones find what the earlier ones built (the parts, the year's other reports).
    /// </summary>
    private static async Task StepsAsync(IServiceProvider services, long associationId, int year, int tertial, int exits, Func<Task> exitOne)
    {
        var sums = new Dictionary<string, (double Wall, double Cpu, double Allocated, double Paused)>(StringComparer.Ordinal);
        using var process = Process.GetCurrentProcess();
        async Task<T> Step<T>(string name, Func<IServiceProvider, Task<T>> run)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CallerContext>().RunAsSystem();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var paused = GC.GetTotalPauseDuration();
            var clock = Stopwatch.StartNew();
            var result = await run(scope.ServiceProvider);
            clock.Stop();
            var allocatedNow = GC.GetTotalAllocatedBytes(precise: true);
            process.Refresh();
            var (wall, used, bytes, pauses) = sums.GetValueOrDefault(name);
            sums[name] = (wall + clock.Elapsed.TotalMilliseconds, used + (process.TotalProcessorTime - cpu).TotalMilliseconds,
                bytes + ((allocatedNow - allocated) / 1048576.0), pauses + (GC.GetTotalPauseDuration() - paused).TotalMilliseconds);
            return result;
        }

        for (var exit = 0; exit < exits; exit++)
        {
            await exitOne();
            await Step("1 the year's parts", sp => sp.GetRequiredService<ReportYearParts>().FetchAllAsync(associationId, year, default));
            var trend = await Step("2 the trend", sp => sp.GetRequiredService<ReportTrends>().BuildAsync(associationId, year, tertial, default));
            var shown = await Step("3 the report shown", sp => sp.GetRequiredService<TertialReportBuilder>().BuildAsync(associationId, year, tertial, ReportMode.Period, default));
            await Step("4 the year's other reports", async sp =>
            {
                foreach (var (t, mode) in new[] { 1, 2, 3 }.SelectMany(t => new[] { (t, ReportMode.Period), (t, ReportMode.YearToDate) }))
                {
                    if ((t, mode) != (tertial, ReportMode.Period))
                    {
                        await sp.GetRequiredService<TertialReportBuilder>().BuildFiguresAsync(associationId, year, t, mode, default);
                    }
                }

                return true;
            });
            await Step("5 the masks", async sp =>
            {
                var threshold = (await sp.GetRequiredService<ReportYearParts>().AssociationAsync(associationId, default)).SmallNumberThreshold;
                return await sp.GetRequiredService<BoardDisclosure>().MaskAsync(associationId, threshold, shown, null, trend, default);
            });
            await Step("6 the page (all of it kept)", sp => sp.GetRequiredService<ISender>()
                .Send(new GetTertialReportQuery(associationId, year, tertial, "Period", null)).AsTask());
        }

        Console.WriteLine($"the page's steps after one exit, one after another (mean of {exits} exits; CPU, memory allocated and GC pauses: the whole process)");
        foreach (var (name, (wall, cpu, allocated, paused)) in sums.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"{$"  {name}",-48} {wall / exits,8:N1} ms {cpu / exits,8:N1} ms CPU {allocated / exits,8:N1} MiB {paused / exits,6:N1} ms GC");
        }
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task> work)
    {
        var watch = Stopwatch.StartNew();
        await work();
        return watch.Elapsed;
    }

    private static async Task<long> ScalarAsync(IServiceProvider services, string sql)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<FollowUpDbContext>();
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Every SQL command EF Core runs while on, with the wall time from its execution until its reader
    /// is disposed (the events' own durations leave out the part of the work a provider does on execute).
    /// </summary>
    private sealed class CommandLog : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly List<IDisposable> _subscriptions = [];
        private readonly Dictionary<Guid, long> _started = [];
        private List<(string Sql, TimeSpan Duration)> _commands = [];
        private volatile bool _on;

        private long _origin;

        private int _compiled;

        /// <summary>Queries EF Core compiled (not found in its query cache) since the process started.</summary>
        public int Compiled => Volatile.Read(ref _compiled);

        public void Start()
        {
            _commands = [];
            _origin = Stopwatch.GetTimestamp();
            _on = true;
        }

        public List<(string Sql, TimeSpan Duration)> Stop()
        {
            _on = false;
            lock (_commands)
            {
                return [.. _commands];
            }
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                _subscriptions.Add(value.Subscribe(this));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == CoreEventId.QueryCompilationStarting.Name)
            {
                Interlocked.Increment(ref _compiled);
            }

            if (!_on)
            {
                return;
            }

            if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData executing)
            {
                lock (_started)
                {
                    _started[executing.CommandId] = Stopwatch.GetTimestamp();
                }
            }
            else if (value.Key == RelationalEventId.DataReaderDisposing.Name && value.Value is DataReaderDisposingEventData e)
            {
                long started;
                lock (_started)
                {
                    if (!_started.Remove(e.CommandId, out started))
                    {
                        return;
                    }
                }

                lock (_commands)
                {
                    // When it began, from the start of the run: shows which commands ran side by side.
                    _commands.Add(($"-- began at {Stopwatch.GetElapsedTime(_origin, started).TotalMilliseconds:F1} ms\n{e.Command.CommandText}", Stopwatch.GetElapsedTime(started)));
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose() => _subscriptions.ForEach(s => s.Dispose());
    }
}
