using Microsoft.Extensions.Options;
using Samordning.FollowUp.Features.Reports;

namespace Samordning.FollowUp.UnitTests.Reports;

/// <summary>
/// A report part kept per intervention under its fingerprint (<see cref="InterventionSlices"/>): only
/// the interventions whose fingerprint moved are fetched again, nothing is kept under a fingerprint
/// of 0 or with <see cref="ReportOptions.BuiltReportMinutes"/> 0, and an intervention that was not
/// asked about is left out.
/// </summary>
public sealed class InterventionSliceTests : IDisposable
{
    private const string Part = "grid";

    private readonly InterventionSlices _slices = new(Options.Create(new ReportOptions()));

    private readonly List<IReadOnlyCollection<long>?> _asked = [];

    /// <summary>The "database": rows per intervention, as a part query would return them.</summary>
    private readonly Dictionary<long, List<(long Intervention, string Value)>> _rows = new()
    {
        [1] = [(1, "a1"), (1, "b1")],
        [2] = [(2, "a2")],
        [3] = [],
    };

    [Fact]
    public async Task TheFirstRead_FetchesEveryInterventionInOneQuery_AndTheNextFetchesNothing()
    {
        var fingerprints = new Dictionary<long, long> { [1] = 10, [2] = 20, [3] = 30 };

        var first = await GetAsync(fingerprints);
        var second = await GetAsync(fingerprints);

        Assert.Equal(["a1", "a2", "b1"], first.Order());
        Assert.Equal(first.Order(), second.Order());
        Assert.Equal([null], _asked);
        Assert.Equal(3, _slices.Fetched);
    }

    [Fact]
    public async Task AMovedFingerprint_FetchesThatInterventionAlone_AndServesItsNewRows()
    {
        await GetAsync(new Dictionary<long, long> { [1] = 10, [2] = 20, [3] = 30 });
        _rows[2] = [(2, "a2"), (2, "new")];
        _rows[1] = [(1, "changed without a mark: not asked for")];

        var after = await GetAsync(new Dictionary<long, long> { [1] = 10, [2] = 21, [3] = 30 });

        Assert.Equal(["a1", "a2", "b1", "new"], after.Order());
        Assert.Equal([2L], Assert.Single(_asked.Skip(1))!);
    }

    [Fact]
    public async Task AFingerprintOfZero_IsNeverKept()
    {
        var unmarked = new Dictionary<long, long> { [1] = 0, [2] = 20 };
        await GetAsync(unmarked);
        await GetAsync(unmarked);

        Assert.Equal([null, [1L]], _asked);
    }

    [Fact]
    public async Task WithBuiltReportMinutesZero_NothingIsKept()
    {
        using var slices = new InterventionSlices(Options.Create(new ReportOptions { BuiltReportMinutes = 0 }));
        var fingerprints = new Dictionary<long, long> { [1] = 10 };
        await slices.GetAsync(Part, fingerprints, Fetch, r => r.Intervention);
        await slices.GetAsync(Part, fingerprints, Fetch, r => r.Intervention);

        Assert.Equal([null, null], _asked);
    }

    [Fact]
    public async Task RowsOfAnInterventionNotAskedAbout_AreLeftOut_AndPartsAreKeptApart()
    {
        // Intervention 3 was created after the fingerprints were read: its rows are not served.
        _rows[3] = [(3, "too new")];
        var rows = await GetAsync(new Dictionary<long, long> { [1] = 10, [2] = 20 });
        Assert.Equal(["a1", "a2", "b1"], rows.Order());

        // Another part under the same fingerprints is a part of its own.
        await _slices.GetAsync("buckets", new Dictionary<long, long> { [1] = 10, [2] = 20 }, Fetch, r => r.Intervention);
        Assert.Equal(2, _asked.Count);
    }

    private async Task<List<string>> GetAsync(Dictionary<long, long> fingerprints) =>
        [.. (await _slices.GetAsync(Part, fingerprints, Fetch, r => r.Intervention)).Select(r => r.Value)];

    private Task<List<(long Intervention, string Value)>> Fetch(IReadOnlyCollection<long>? interventions)
    {
        _asked.Add(interventions is null ? null : [.. interventions]);
        return Task.FromResult(_rows.Where(r => interventions is null || interventions.Contains(r.Key)).SelectMany(r => r.Value).ToList());
    }

    public void Dispose() => _slices.Dispose();
}
