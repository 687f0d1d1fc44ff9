using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Samordning.FollowUp.IntegrationTests.Infrastructure;

/// <summary>
/// An EF Core interceptor on the service's DbContext: calls <see cref="AfterExecute"/> after each
/// command has run, e.g. to cancel a job at a known point in the middle of its work.
/// </summary>
public sealed class DbCommandHook : DbCommandInterceptor
{
    public Action<DbCommand>? AfterExecute { get; set; }

    public void Reset() => AfterExecute = null;

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        AfterExecute?.Invoke(command);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AfterExecute?.Invoke(command);
        return ValueTask.FromResult(result);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        AfterExecute?.Invoke(command);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        AfterExecute?.Invoke(command);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        AfterExecute?.Invoke(command);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        AfterExecute?.Invoke(command);
        return ValueTask.FromResult(result);
    }
}
