using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Samordning.FollowUp.Features.Reports.Trends;

namespace Samordning.FollowUp.Features.Reports.Disclosure;

/// <summary>
/// The year's masks, computed once for the same figures. <see cref="YearDisclosure.Mask"/> is a pure
/// function of the year's reports, the threshold, the trend and the masks kept with adopted reports,
/// and the costliest step of a board report (its suppression rounds solve the year's sums again and
/// again). The board opens the report and then downloads it as Excel, PDF and CSV: each request builds
/// the figures again from the database, and when they are what they were, the masks are taken from
/// here instead of being worked out again. The key is a SHA-256 of everything the masks depend on, so
/// a changed figure, threshold or adoption is a different key: never a stale mask, only a miss.
/// Per process and bounded; several instances each keep their own (the result is the same).
/// </summary>
internal sealed class YearMaskMemo : IDisposable
{
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 64 });

    /// <summary>
    /// Each member's own table (<see cref="YearDisclosure.MemberTable"/>) by the hash of its figures
    /// and the threshold. After a change the year's reports are built again, but most of their figures
    /// are what they were (an exit today changes the tertial it falls in, not the ones before): their
    /// tables are taken from here, and only the changed reports' are built again before the year is
    /// masked. Same hash, same figures, same table.
    /// </summary>
    private readonly MemoryCache _tables = new(new MemoryCacheOptions { SizeLimit = 64 });

    public IReadOnlyDictionary<string, MaskedCells> Mask(IReadOnlyList<YearMember> members, int threshold, ReportTrend? trend = null,
        int trendTertial = 0, IReadOnlyDictionary<string, MaskedCells>? settledPoints = null)
    {
        var key = Fingerprint(members, threshold, trend, trendTertial, settledPoints);
        return _cache.GetOrCreate(key, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromHours(1);
            // The members' tables that are not kept yet (the changed reports') are built side by side first.
            var tables = new AdditiveTable[members.Count];
            Parallel.For(0, members.Count, i => tables[i] = Table(members[i].Report, threshold));
            var byMember = new Dictionary<YearMember, AdditiveTable>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < members.Count; i++)
            {
                byMember[members[i]] = tables[i];
            }

            return YearDisclosure.Mask(members, threshold, trend, trendTertial, settledPoints, member => byMember[member]);
        })!;
    }

    /// <summary>Forgets every kept mask and table (the benchmark times the masking itself).</summary>
    public void Clear()
    {
        _cache.Clear();
        _tables.Clear();
    }

    public void Dispose()
    {
        _cache.Dispose();
        _tables.Dispose();
    }

    private int _tablesBuilt;

    /// <summary>Members' tables built since the memo was made (for the tests).</summary>
    internal int TablesBuilt => Volatile.Read(ref _tablesBuilt);

    private AdditiveTable Table(TertialReport report, int threshold) =>
        _tables.GetOrCreate((Convert.ToHexString(ReportHashes.GetValue(report, Hash)), threshold), entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromMinutes(10);
            Interlocked.Increment(ref _tablesBuilt);
            return YearDisclosure.MemberTable(report, threshold);
        })!;

    /// <summary>
    /// Each report's own hash, kept with the report: a built report is reused unchanged while the data
    /// is (<see cref="BuiltReports"/>), so the page and its downloads hash it once. A report is never
    /// changed after it is built (a changed one is a new instance, e.g. <c>with</c>).
    /// </summary>
    private static readonly ConditionalWeakTable<TertialReport, byte[]> ReportHashes = new();

    private static string Fingerprint(IReadOnlyList<YearMember> members, int threshold, ReportTrend? trend, int trendTertial,
        IReadOnlyDictionary<string, MaskedCells>? settledPoints)
    {
        // The year's reports are about a megabyte of JSON: hashed side by side, each once.
        var reports = new byte[members.Count][];
        Parallel.For(0, members.Count, i => reports[i] = ReportHashes.GetValue(members[i].Report, Hash));
        var inputs = new
        {
            threshold,
            trendTertial,
            members = members.Select((m, i) => new
            {
                report = Convert.ToHexString(reports[i]),
                settled = m.Settled is null ? null : ReportSnapshots.SerializeMasks(m.Settled),
                m.Published,
                m.Current,
            }),
            trend = trend is null ? null : Convert.ToHexString(TrendHashes.GetValue(trend, HashTrend)),
            settledPoints = settledPoints?.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new { p.Key, masks = ReportSnapshots.SerializeMasks(p.Value) }),
        };
        return Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(inputs, ReportSnapshots.Json)));
    }

    /// <summary>
    /// The trend's hash, kept with the trend as the reports' are: a kept trend (<see cref="BuiltReports"/>)
    /// is the same instance on every page while nothing changes, and is never changed once built.
    /// </summary>
    private static readonly ConditionalWeakTable<ReportTrend, byte[]> TrendHashes = new();

    private static byte[] HashTrend(ReportTrend trend) => FigureHash.Of(trend);

    /// <summary>A report's figures' hash: when it was built says nothing about its figures.</summary>
    private static byte[] Hash(TertialReport report) => FigureHash.Of(report with { Header = report.Header with { GeneratedAtUtc = default } });
}
