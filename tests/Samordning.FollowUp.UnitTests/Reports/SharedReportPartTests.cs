using Microsoft.Extensions.Options;
using Samordning.FollowUp.Features.Reports;

namespace Samordning.FollowUp.UnitTests.Reports;

/// <summary>
/// A part several reports read (the year's participation grid, an indicator's buckets) is fetched
/// once per data version, also when its readers ask at the same moment; a fetch that failed or was
/// cancelled with its asker's request is not kept (<see cref="BuiltReports.SharedAsync"/>).
/// </summary>
public sealed class SharedReportPartTests : IDisposable
{
    private readonly BuiltReports _built = new(TimeProvider.System, Options.Create(new ReportOptions()));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AskedAtTheSameMoment_IsFetchedOnce_AndBothAskersGetIt()
    {
        var fetches = 0;
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<string> Fetch()
        {
            Interlocked.Increment(ref fetches);
            return release.Task;
        }

        var first = _built.SharedAsync("v1", "grid", Fetch, Ct);
        var second = _built.SharedAsync("v1", "grid", Fetch, Ct);
        Assert.False(first.IsCompleted);
        release.SetResult("the grid");

        Assert.Equal("the grid", await first);
        Assert.Equal("the grid", await second);
        Assert.Equal("the grid", await _built.SharedAsync("v1", "grid", Fetch, Ct));
        Assert.Equal(1, fetches);
        Assert.True(_built.HasShared<string>("v1", "grid"));
    }

    [Fact]
    public async Task AfterAChange_IsFetchedAgain()
    {
        Assert.Equal("old", await _built.SharedAsync("v1", "grid", () => Task.FromResult("old"), Ct));
        Assert.Equal("new", await _built.SharedAsync("v2", "grid", () => Task.FromResult("new"), Ct));
        Assert.False(_built.HasShared<string>("v3", "grid"));
    }

    [Fact]
    public async Task WithoutAVersion_NothingIsKept()
    {
        var fetches = 0;
        Task<string> Fetch() => Task.FromResult($"fetch {Interlocked.Increment(ref fetches)}");

        Assert.Equal("fetch 1", await _built.SharedAsync(null, "grid", Fetch, Ct));
        Assert.Equal("fetch 2", await _built.SharedAsync(null, "grid", Fetch, Ct));
    }

    [Fact]
    public async Task AFailedFetch_IsNotKept()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _built.SharedAsync<string>("v1", "grid", () => throw new InvalidOperationException("the database went away"), Ct));

        Assert.False(_built.HasShared<string>("v1", "grid"));
        Assert.Equal("the grid", await _built.SharedAsync("v1", "grid", () => Task.FromResult("the grid"), Ct));
    }

    [Fact]
    public async Task AFetchCancelledWithItsAskersRequest_IsFetchedAgainByAnAskerWhoseRequestGoesOn()
    {
        using var firstRequest = new CancellationTokenSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<string> Cancelled()
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, firstRequest.Token);
            return "never";
        }

        var first = _built.SharedAsync("v1", "grid", Cancelled, firstRequest.Token);
        await started.Task;
        var second = _built.SharedAsync("v1", "grid", () => Task.FromResult("fetched by the second"), Ct);
        await firstRequest.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal("fetched by the second", await second);
    }

    public void Dispose() => _built.Dispose();
}
