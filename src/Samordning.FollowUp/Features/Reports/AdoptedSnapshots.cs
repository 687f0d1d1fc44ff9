using Microsoft.Extensions.Caching.Memory;

namespace Samordning.FollowUp.Features.Reports;

/// <summary>
/// Adopted reports read from their snapshots (<see cref="ReportSnapshots"/>), kept per process by the
/// snapshot's text. An adopted report never changes, yet every board page read it again: the year's
/// adopted tertials for the masks (<see cref="Disclosure.BoardDisclosure"/>), the adopted view itself,
/// and the trend's adopted periods after each change. Each read made a new report, which the masks'
/// memo (<see cref="Disclosure.YearMaskMemo"/>) then serialised and hashed again to find its key. The
/// same text now gives the same report instance, whose hash and disclosure table are kept with it.
/// Keyed by the whole text (not the adoption's id), so a different snapshot can never be served for
/// another: a lookup hashes the text, far cheaper than reading it. Reports are never changed once
/// built, as everywhere they are shared (<see cref="BuiltReports"/>).
/// </summary>
internal sealed class AdoptedSnapshots : IDisposable
{
    private readonly MemoryCache _reports = new(new MemoryCacheOptions { SizeLimit = 48 });

    private int _read;

    /// <summary>Snapshots read (deserialised) since the process started (for the tests).</summary>
    public int Read => Volatile.Read(ref _read);

    public TertialReport Report(string snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return _reports.GetOrCreate(snapshot, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromHours(1);
            Interlocked.Increment(ref _read);
            return ReportSnapshots.Deserialize(snapshot);
        })!;
    }

    public void Dispose() => _reports.Dispose();
}
