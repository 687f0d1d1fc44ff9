using Hangfire;
using Hangfire.Storage;

namespace Samordning.FollowUp.Jobs;

/// <summary>
/// A lock in Hangfire's storage, held across every instance of the service, for jobs that write
/// the same rows under different job names (where <see cref="DisableConcurrentExecutionAttribute"/>,
/// one lock per job method, does not reach).
/// </summary>
internal sealed class JobLock : IDisposable
{
    /// <summary>The follow-ups' schedule: the scheduler job and the reminder job (which runs the scheduler first).</summary>
    public const string FollowUps = "samordning:follow-up-scheduler";

    private readonly IStorageConnection _connection;
    private readonly IDisposable _lock;

    private JobLock(IStorageConnection connection, IDisposable held)
    {
        _connection = connection;
        _lock = held;
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the lock (then throws, and Hangfire retries the job).</summary>
    public static JobLock Acquire(JobStorage storage, string resource, TimeSpan timeout)
    {
        var connection = storage.GetConnection();
        try
        {
            return new JobLock(connection, connection.AcquireDistributedLock(resource, timeout));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _lock.Dispose();
        _connection.Dispose();
    }
}
