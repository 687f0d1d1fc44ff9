using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Samordning.FollowUp.Common;

/// <summary>
/// A transaction that joins the caller's when there is one (a batch of commands, an exit that
/// schedules its follow-up) and is committed only by whoever began it.
/// </summary>
internal sealed class OwnedTransaction(IDbContextTransaction? transaction) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken cancellationToken) =>
        transaction?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => transaction?.DisposeAsync() ?? ValueTask.CompletedTask;
}

internal static class OwnedTransactionExtensions
{
    public static async Task<OwnedTransaction> BeginOwnedTransactionAsync(this DatabaseFacade database, CancellationToken cancellationToken) =>
        new(database.CurrentTransaction is null ? await database.BeginTransactionAsync(cancellationToken) : null);
}
