using Samordning.FollowUp.Data;

namespace Samordning.FollowUp.Features.Reports;

/// <summary>
/// The data version (<see cref="ReportDataVersion"/>) a request's reports are kept and found under,
/// read once per request instead of before every report and part: a board's page built its year's
/// reports, the trend and their parts, and read the version about 35 times. The scopes a page builds
/// its parts in (<see cref="ReportScopes"/>) take the version their request read.
/// </summary>
/// <remarks>
/// Why once is enough: a report or part is kept under a version read <b>before</b> it was read from
/// the database, so what is kept is never older than its version says — what it reads may only be
/// newer, which nobody is served once the number has moved. Read afresh after this context wrote
/// report data (<see cref="FollowUpDbContext.ReportDataWrites"/>), and none while it holds changes it
/// has not committed (<see cref="BuiltReports.HoldsUncommittedChanges"/>).
/// </remarks>
internal sealed class ReportReadVersion(FollowUpDbContext db)
{
    private Read? _read;
    private ReportReadVersion? _parent;

    /// <summary>
    /// The data version to keep a report under; none (so nothing is kept or reused) while this
    /// context has changed report data in a transaction that has not committed: what it reads then
    /// is not what anyone else sees under that version.
    /// </summary>
    public async Task<string?> GetAsync(CancellationToken cancellationToken)
    {
        if (BuiltReports.HoldsUncommittedChanges(db))
        {
            return null;
        }

        var read = Volatile.Read(ref _read);
        if (read is not null && read.Writes == db.ReportDataWrites)
        {
            return read.Version;
        }

        // A scope that wrote since it read reads afresh; one that has not read takes its request's.
        var version = (read is null ? _parent?.Current() : null) ?? await ReportDataVersion.ReadAsync(db, cancellationToken);
        Volatile.Write(ref _read, version is null ? null : new Read(version, db.ReportDataWrites));
        return version;
    }

    /// <summary>
    /// This scope builds a part of <paramref name="parent"/>'s request (<see cref="ReportScopes"/>): it
    /// takes the version that request has read, if it has read one and not written since.
    /// </summary>
    public void BuildsFor(ReportReadVersion parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        _parent = parent;
    }

    /// <summary>The version read, while it still stands for what this scope's context reads.</summary>
    private string? Current()
    {
        // Read on another scope's thread: the record is replaced whole, never changed.
        var read = Volatile.Read(ref _read);
        if (read is null)
        {
            return _parent?.Current();
        }

        return read.Writes == db.ReportDataWrites ? read.Version : null;
    }

    private sealed record Read(string Version, int Writes);
}
