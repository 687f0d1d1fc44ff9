using Microsoft.Extensions.DependencyInjection;

namespace Samordning.FollowUp.Features.Reports;

/// <summary>
/// Independent parts of one report built side by side, each in a scope (and so a database context and
/// connection) of its own: the board's page needs the year's other reports for its masks and the
/// trend beside the report itself (README, "Performance"). On a thread-pool thread, since SQLite's
/// driver runs its "async" commands synchronously. The parts only read, and a built part is kept
/// (<see cref="BuiltReports"/>) whichever scope built it, under the data version the request read
/// (<see cref="ReportReadVersion"/>).
/// </summary>
internal sealed class ReportScopes(IServiceScopeFactory scopes, ReportReadVersion version)
{
    public Task<T> BuildAsync<T>(Func<IServiceProvider, Task<T>> build) => Task.Run(async () =>
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ReportReadVersion>().BuildsFor(version);
        return await build(scope.ServiceProvider);
    });
}
