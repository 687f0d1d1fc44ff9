using System.Threading.Channels;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Users;

namespace Samordning.FollowUp.Features.Auth;

/// <summary>
/// Tells the owner of an account by e-mail that it was just locked after failed sign-ins: the
/// sign-in answer no longer says so, as it would tell anyone that the account exists.
/// </summary>
/// <remarks>
/// Sent from a queue in the background, not while the sign-in waits: an attempt that takes a mail
/// server's time would again tell that the account exists. The mail goes straight to the user, never
/// through the notifications table, which the office can list. The queue lives in memory: a lock
/// whose mail has not gone when the service stops is not told (the audit log still has it).
/// </remarks>
internal sealed class AccountLockedMail
{
    // A lock is told once per account and lockout period, so this bounds a flood, not normal use.
    private readonly Channel<string> _userIds = Channel.CreateBounded<string>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    /// <summary>Queues the mail to the user; returns at once.</summary>
    public void Queue(string userId) => _userIds.Writer.TryWrite(userId);

    internal ChannelReader<string> Reader => _userIds.Reader;
}

/// <summary>Sends the queued <see cref="AccountLockedMail"/> messages, one at a time, as <see cref="AccountEmails"/> sends every account mail.</summary>
internal sealed class AccountLockedMailSender(AccountLockedMail queue, IServiceScopeFactory scopes) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var userId in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await using var scope = scopes.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>().FindByIdAsync(userId) is { } user)
                {
                    await scope.ServiceProvider.GetRequiredService<AccountEmails>().SendLockedNoticeAsync(user, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The service stops.
        }
    }
}
