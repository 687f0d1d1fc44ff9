using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common;
using Samordning.FollowUp.Data;

namespace Samordning.FollowUp.Features.Reports;

/// <summary>
/// Built reports (and trends) kept while nothing a report reads has changed: the board's page and
/// then its Excel, PDF and CSV, or the office and the board opening the same tertial, build the
/// figures once (README, "Performance", "Built reports reused"). An entry is found by what was asked
/// (association, period, mode, part), today's date (the data-quality rows and follow-up states read
/// it) and <see cref="ReportDataVersion"/>, which moves after every committed change of report data
/// on any instance — so a change is a miss, never a stale report. Per process, bounded, and each
/// entry lives at most <see cref="ReportOptions.BuiltReportMinutes"/> as a safety net (a version
/// that could not be moved after a commit, a database restored under a running service).
/// </summary>
internal sealed class BuiltReports(TimeProvider clock, IOptions<ReportOptions> options) : IDisposable
{
    private const int Entries = 256;

    private readonly Lock _lock = new();

    /// <summary>
    /// The reports of the newest data version seen, and of the one before it (a request that read the
    /// version just before a change still finds its own). An older generation is dropped as a
    /// version moves, so a busy service does not fill the bounded store with reports nobody can be
    /// served again (a full store keeps nothing new until it compacts).
    /// </summary>
    private Generation _current = new(null);

    private Generation _previous = new(null);

    private int _built;
    private int _reused;

    /// <summary>Built since the process started (for the benchmark and the tests); counted across concurrent requests.</summary>
    public int Built => Volatile.Read(ref _built);

    /// <summary>Served again without building.</summary>
    public int Reused => Volatile.Read(ref _reused);

    /// <summary>Reports kept now, over every generation (for the tests).</summary>
    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _current.Cache.Count + _previous.Cache.Count;
            }
        }
    }

    public async Task<T> GetOrBuildAsync<T>(ReportReadVersion reads, object what, Func<Task<T>> build, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(reads);
        var version = await reads.GetAsync(cancellationToken);
        var cache = version is null ? null : CacheOf(version);
        var key = (what, clock.Today());
        if (cache is not null && cache.TryGetValue(key, out T? kept) && kept is not null)
        {
            Interlocked.Increment(ref _reused);
            return kept;
        }

        var built = await build();
        Interlocked.Increment(ref _built);
        if (cache is not null && options.Value.BuiltReportMinutes > 0)
        {
            cache.Set(key, built, new MemoryCacheEntryOptions
            {
                Size = 1,
                AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(options.Value.BuiltReportMinutes),
            });
        }

        return built;
    }

    /// <summary>
    /// A part that several reports read (the participation grid of a year, an indicator version's
    /// buckets; <see cref="ReportYearParts"/>), fetched once per data version — also when the parts of
    /// one board page ask for it at the same moment from their own scopes (<see cref="ReportScopes"/>):
    /// the first asker fetches through its own context, the others wait for that fetch. A fetch
    /// that failed is forgotten; one that was cancelled with its asker's request is fetched again by
    /// a waiting asker whose own request goes on. Kept under its data version as the reports are,
    /// and for at least a minute (with <see cref="ReportOptions.BuiltReportMinutes"/> 0 too, so one
    /// page's parts still share it; a change is a new version, so nothing stale is served).
    /// </summary>
    /// <param name="version">The data version the asker read (<see cref="ReportReadVersion"/>).</param>
    public async Task<T> SharedAsync<T>(string? version, object what, Func<Task<T>> fetch, CancellationToken cancellationToken)
        where T : class
    {
        if (version is null)
        {
            return await fetch();
        }

        var cache = CacheOf(version);
        var key = (Shared: true, what);
        Lazy<Task<T>> shared;
        lock (_lock)
        {
            if (!cache.TryGetValue(key, out Lazy<Task<T>>? kept) || kept is null)
            {
                kept = new Lazy<Task<T>>(fetch);
                cache.Set(key, kept, new MemoryCacheEntryOptions
                {
                    Size = 1,
                    AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(Math.Max(options.Value.BuiltReportMinutes, 1)),
                });
            }

            shared = kept;
        }

        try
        {
            return await shared.Value;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Forget(cache, key, shared);
            return await fetch();
        }
        catch
        {
            Forget(cache, key, shared);
            throw;
        }
    }

    /// <summary>Whether <paramref name="what"/> is kept, fetched, under the current data version.</summary>
    public bool HasShared<T>(string? version, object what)
    {
        if (version is null)
        {
            return false;
        }

        var cache = CacheOf(version);
        lock (_lock)
        {
            return cache.TryGetValue((Shared: true, what), out var kept) && kept is Lazy<Task<T>> { IsValueCreated: true, Value.IsCompletedSuccessfully: true };
        }
    }

    private void Forget(MemoryCache cache, object key, object entry)
    {
        lock (_lock)
        {
            if (cache.TryGetValue(key, out var kept) && ReferenceEquals(kept, entry))
            {
                cache.Remove(key);
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="db"/> has changed report data in a transaction that has not committed:
    /// then its reads differ from any other context's, so nothing of its report is read in another scope.
    /// </summary>
    public static bool HoldsUncommittedChanges(FollowUpDbContext db) =>
        db.ReportDataChangedIn is { } changed && db.Database.CurrentTransaction?.GetDbTransaction() == changed;

    /// <summary>The store of <paramref name="version"/>'s reports; a version not seen before starts a new generation.</summary>
    private MemoryCache CacheOf(string version)
    {
        lock (_lock)
        {
            if (_current.Version == version)
            {
                return _current.Cache;
            }

            if (_previous.Version == version)
            {
                return _previous.Cache;
            }

            // Not disposed: a request still building under that version may yet store its report there.
            _previous = _current;
            _current = new Generation(version);
            return _current.Cache;
        }
    }

    /// <summary>Forgets every built report (the benchmark's cold runs).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _current.Cache.Clear();
            _previous.Cache.Clear();
        }
    }

    public void Dispose()
    {
        _current.Cache.Dispose();
        _previous.Cache.Dispose();
    }

    private sealed record Generation(string? Version)
    {
        public MemoryCache Cache { get; } = new(new MemoryCacheOptions { SizeLimit = Entries });
    }
}
