using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Data;

namespace Samordning.FollowUp.Features.Reports;

/// <summary>
/// The year's report parts (<see cref="ReportYearParts"/>) kept per intervention, each slice under
/// that intervention's fingerprint (<see cref="ReportDataMarks"/>): when a change moves the data
/// version, only the interventions it touched are counted again — after an intake one
/// intervention's rows, not the association's (README, "Performance", "Only what changed is counted
/// again"). A slice under a fingerprint of 0 (no mark covers it) is never kept. Per process; a
/// slice lives at most <see cref="ReportOptions.BuiltReportMinutes"/> after it was last used, and
/// with 0 nothing is kept.
/// </summary>
internal sealed class InterventionSlices(IOptions<ReportOptions> options) : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions());

    private long _fetched;

    /// <summary>Slices counted since the process started (for the benchmark and the tests).</summary>
    public long Fetched => Interlocked.Read(ref _fetched);

    /// <summary>
    /// The rows of <paramref name="part"/> for every intervention in <paramref name="fingerprints"/>:
    /// kept slices as they are, the others fetched in one query (<paramref name="fetch"/> gets their
    /// ids, or null for all of the association's interventions) and kept. Rows of an intervention
    /// not in <paramref name="fingerprints"/> (created since they were read) are left out.
    /// </summary>
    public async Task<List<T>> GetAsync<T>(
        object part, IReadOnlyDictionary<long, long> fingerprints, Func<IReadOnlyCollection<long>?, Task<List<T>>> fetch, Func<T, long> interventionOf)
    {
        ArgumentNullException.ThrowIfNull(fingerprints);
        ArgumentNullException.ThrowIfNull(fetch);
        ArgumentNullException.ThrowIfNull(interventionOf);
        var keep = options.Value.BuiltReportMinutes > 0;
        var result = new List<T>();
        var missing = new List<long>();
        foreach (var (intervention, fingerprint) in fingerprints)
        {
            if (keep && fingerprint != 0 && _cache.TryGetValue(Key(part, intervention, fingerprint), out List<T>? slice) && slice is not null)
            {
                result.AddRange(slice);
            }
            else
            {
                missing.Add(intervention);
            }
        }

        if (missing.Count == 0)
        {
            return result;
        }

        var rows = (await fetch(missing.Count == fingerprints.Count ? null : missing)).ToLookup(interventionOf);
        Interlocked.Add(ref _fetched, missing.Count);
        foreach (var intervention in missing)
        {
            var slice = rows[intervention].ToList();
            result.AddRange(slice);
            if (keep && fingerprints[intervention] is var fingerprint and not 0)
            {
                _cache.Set(Key(part, intervention, fingerprint), slice,
                    new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(options.Value.BuiltReportMinutes) });
            }
        }

        return result;
    }

    /// <summary>Forgets every slice (the benchmark's full rebuild).</summary>
    public void Clear() => _cache.Clear();

    private static (object, long, long) Key(object part, long intervention, long fingerprint) => (part, intervention, fingerprint);

    public void Dispose() => _cache.Dispose();
}
