using Microsoft.Extensions.DependencyInjection;

namespace Samordning.FollowUp.Features.Reports;

/// <summary>
/// Independent parts of one report built side by side, each in a scope (and so a database context and
/// connection) of its own: the board's page needs the year's other reports for its masks and the
/// trend beside the report itself (README, "Performance"). On a thread-pool thread, since SQLite's
/// driver runs its "async" commands synchronously. The parts only read, and a built part is kept
/// (<see cref="BuiltReports"/>) whichever scope built it.
/// </summary>
internal sealed class ReportScopes(IServiceScopeFactory scopes)
{
    public Task<T> BuildAsync<T>(Func<IServiceProvider, Task<T>> build) => Task.Run(async () =>
    {
        await using var scope = scopes.CreateAsyncScope();
        return await build(scope.ServiceProvider);
    });
}
