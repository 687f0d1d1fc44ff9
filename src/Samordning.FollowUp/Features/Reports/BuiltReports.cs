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

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Entries });

    private int _built;
    private int _reused;

    /// <summary>Built since the process started (for the benchmark and the tests); counted across concurrent requests.</summary>
    public int Built => Volatile.Read(ref _built);

    /// <summary>Served again without building.</summary>
    public int Reused => Volatile.Read(ref _reused);

    public async Task<T> GetOrBuildAsync<T>(FollowUpDbContext db, object what, Func<Task<T>> build, CancellationToken cancellationToken)
        where T : class
    {
        var version = await ReportDataVersion.ReadAsync(db, cancellationToken);
        var key = (what, clock.Today(), version);
        if (version is not null && _cache.TryGetValue(key, out T? kept) && kept is not null)
        {
            Interlocked.Increment(ref _reused);
            return kept;
        }

        var built = await build();
        Interlocked.Increment(ref _built);
        if (version is not null && options.Value.BuiltReportMinutes > 0)
        {
            _cache.Set(key, built, new MemoryCacheEntryOptions
            {
                Size = 1,
                AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(options.Value.BuiltReportMinutes),
            });
        }

        return built;
    }

    /// <summary>Forgets every built report (the benchmark's cold runs).</summary>
    public void Clear() => _cache.Clear();

    public void Dispose() => _cache.Dispose();
}
