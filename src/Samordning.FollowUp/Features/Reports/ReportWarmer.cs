using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Data;
using Samordning.FollowUp.Features.Reports.Presentation;

namespace Samordning.FollowUp.Features.Reports;

/// <summary>
/// Keeps the tertial reports people are reading built, so that the next reader after a change (an
/// intake, an exit, the nightly jobs, a new day) is served a report already built instead of waiting
/// for it (README, "Performance", "Reports kept warm"). A report read by a signed-in user is
/// remembered for <see cref="ReportOptions.WarmHours"/>, with the audience it was shown to (the office's
/// exact view, or the board's masked one); <see cref="WarmAsync"/> builds each remembered report again
/// through the same handler the reader's query reaches, as the system caller, for that audience — so
/// a report only the office reads is built without the board's masks — when the report data version
/// or the date has moved since it last did, or when what it built is about to expire.
/// What it builds is kept exactly as a reader's request keeps it (<see cref="BuiltReports"/>, the
/// year's parts and slices, the board's masks): under the data version it read, so a change
/// committed while it builds is a miss for the next reader, never a stale report.
/// Per process: each instance keeps warm the reports read through it.
/// </summary>
internal sealed class ReportWarmer(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ReportOptions> options, ILogger<ReportWarmer> logger)
    : IDisposable
{
    /// <summary>At most this many reports are remembered; the longest unread go first.</summary>
    private const int Remembered = 64;

    private readonly ConcurrentDictionary<(GetTertialReportQuery Query, ReportAudience Audience), Reading> _read = new();

    /// <summary>One warming at a time (the background loop and a caller of <see cref="WarmAsync"/>).</summary>
    private readonly SemaphoreSlim _warming = new(1, 1);

    private int _warmed;

    /// <summary>Reports built by the warmer since the process started (for the tests and the benchmark).</summary>
    public int Warmed => Volatile.Read(ref _warmed);

    /// <summary>Reports remembered now.</summary>
    public int Count => _read.Count;

    /// <summary>A reader was served this report as <paramref name="audience"/> sees it: keep that view warm from now on.</summary>
    /// <param name="version">The data version the reader's report was built under (or found kept under): built for it already.</param>
    public void Read(GetTertialReportQuery query, ReportAudience audience, string? version)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!On)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var served = (version, clock.Today());
        _read.AddOrUpdate((Normalised(query), audience), _ => new Reading(now, served, now),
            (_, reading) => reading.Warmed == served ? reading with { LastRead = now } : new Reading(now, served, now));
        if (_read.Count > Remembered)
        {
            foreach (var (key, _) in _read.OrderBy(r => r.Value.LastRead).Take(_read.Count - Remembered))
            {
                _read.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Whether reports are kept warm: a built report must be kept at all (<see cref="ReportOptions.BuiltReportMinutes"/>).</summary>
    public bool On => options.Value.WarmHours > 0 && options.Value.BuiltReportMinutes > 0;

    /// <summary>
    /// Builds again each remembered report whose data version or date has moved since the warmer last
    /// built it, or whose build is past half its lifetime; forgets the ones nobody has read for
    /// <see cref="ReportOptions.WarmHours"/>. A report that fails to build is logged, forgotten and left
    /// to its next reader. Returns how many it built.
    /// </summary>
    public async Task<int> WarmAsync(CancellationToken cancellationToken)
    {
        if (!On || _read.IsEmpty)
        {
            return 0;
        }

        await _warming.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            foreach (var (key, reading) in _read)
            {
                if (now - reading.LastRead > TimeSpan.FromHours(options.Value.WarmHours))
                {
                    _read.TryRemove(new KeyValuePair<(GetTertialReportQuery, ReportAudience), Reading>(key, reading));
                }
            }

            if (_read.IsEmpty)
            {
                return 0;
            }

            string? version;
            await using (var scope = scopes.CreateAsyncScope())
            {
                version = await ReportDataVersion.ReadAsync(scope.ServiceProvider.GetRequiredService<FollowUpDbContext>(), cancellationToken);
            }

            if (version is null)
            {
                // Nothing is kept without a version to keep it under: building would be in vain.
                return 0;
            }

            var state = (version, clock.Today());
            var halfLife = TimeSpan.FromMinutes(options.Value.BuiltReportMinutes / 2.0);
            var built = 0;
            // The board's view first: it builds the exact report too, which the office's view then finds built.
            foreach (var (key, reading) in _read.OrderBy(r => r.Key.Query.AssociationId).ThenBy(r => r.Key.Query.Year)
                .ThenBy(r => r.Key.Query.Tertial).ThenBy(r => r.Key.Audience == ReportAudience.Board ? 0 : 1))
            {
                if (reading.Warmed == state && now - reading.WarmedAt < halfLife)
                {
                    continue;
                }

                if (!await BuildAsync(key, cancellationToken))
                {
                    // Forgotten, so a report that cannot be built (its association gone) is not tried every few
                    // seconds; its next reader builds it, sees why, and has it remembered again.
                    _read.TryRemove(key, out _);
                    continue;
                }

                built++;
                Interlocked.Increment(ref _warmed);
                // Read again meanwhile: the newer reading, with what was built.
                if (_read.TryGetValue(key, out var latest))
                {
                    _read.TryUpdate(key, latest with { Warmed = state, WarmedAt = now }, latest);
                }
            }

            if (built > 0 && logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug("Kept {Built} tertial reports warm under data version {Version}.", built, version);
            }

            return built;
        }
        finally
        {
            _warming.Release();
        }
    }

    private async Task<bool> BuildAsync((GetTertialReportQuery Query, ReportAudience Audience) key, CancellationToken cancellationToken)
    {
        var query = key.Query;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CallerContext>().RunAsSystem();
            // The reader's query was checked (who may read it, its values) when they sent it; this is the
            // same handler for the audience they were shown, without the pipeline a reader goes through.
            await scope.ServiceProvider.GetRequiredService<GetTertialReportHandler>().HandleAsync(query, key.Audience, cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The reader builds it then, and sees any error as a reader would.
            logger.LogWarning(exception, "Keeping the tertial report {Year} T{Tertial} of association {AssociationId} warm failed.",
                query.Year, query.Tertial, query.AssociationId);
            return false;
        }
    }

    /// <summary>Forgets every report read (the tests: a service shared by many tests remembers all their reports).</summary>
    public void Clear() => _read.Clear();

    public void Dispose() => _warming.Dispose();

    /// <summary>One key per report a reader can be served: the mode's name as the handler reads it, the view in lower case.</summary>
    private static GetTertialReportQuery Normalised(GetTertialReportQuery query) => query with
    {
        Mode = query.ParsedMode().ToString(),
        View = query.View?.ToLowerInvariant(),
    };

    /// <param name="Warmed">The data version and date the report was last built under, by the warmer or for a reader.</param>
    private sealed record Reading(DateTimeOffset LastRead, (string? Version, DateOnly Today) Warmed = default, DateTimeOffset WarmedAt = default);
}

/// <summary>
/// Runs <see cref="ReportWarmer.WarmAsync"/> every <see cref="ReportOptions.WarmSeconds"/> (a read of
/// the data version when nothing changed), so a change made through this instance or another one is
/// built into the reports being read within about that long. Off with 0.
/// </summary>
internal sealed class ReportWarmerService(ReportWarmer warmer, IOptions<ReportOptions> options, ILogger<ReportWarmerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.WarmSeconds <= 0 || !warmer.On)
        {
            return;
        }

        // Real seconds, not the service's clock: this is how often to look, not a date in the domain.
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.WarmSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await warmer.WarmAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The version could not be read (the database is away): try again on the next tick.
                    logger.LogWarning(exception, "Keeping the tertial reports warm failed; trying again in {Seconds} s.", options.Value.WarmSeconds);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The service stops.
        }
    }
}
