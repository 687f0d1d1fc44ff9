using System.Threading.Channels;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Samordning.FollowUp.Common.Security;
using Samordning.FollowUp.Domain;
using Samordning.FollowUp.Features.Notifications;

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

/// <summary>Sends the queued <see cref="AccountLockedMail"/> messages, one at a time.</summary>
internal sealed partial class AccountLockedMailSender(
    AccountLockedMail queue, IServiceScopeFactory scopes, IOptions<AuthOptions> auth, ILogger<AccountLockedMailSender> logger)
    : BackgroundService
{
    public const string Subject = "Ditt konto i Samordning Uppföljning är tillfälligt låst";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var userId in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await SendAsync(userId, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The service stops.
        }
    }

    private async Task SendAsync(string userId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var email = scope.ServiceProvider.GetRequiredService<EmailSender>();
        if (!email.IsConfigured)
        {
            LogNoSmtp(logger, userId);
            return;
        }

        var user = await scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>().FindByIdAsync(userId);
        if (user?.Email is not { Length: > 0 } address)
        {
            return;
        }

        try
        {
            await email.SendAsync(address, Subject, Body(user.DisplayName), cancellationToken);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException
            or System.Net.Sockets.SocketException or IOException or FormatException)
        {
            // Only the kind of failure: a server's message may repeat the address.
            LogNotSent(logger, userId, e.GetType().Name);
        }
    }

    private string Body(string displayName) =>
        $"""
        Hej {displayName}!

        Ditt konto i Samordning Uppföljning har låsts efter {auth.Value.MaxFailedAttempts} inloggningsförsök med fel lösenord. Du kan logga in igen om {auth.Value.LockoutMinutes} minuter.

        Var det inte du som försökte logga in? Kontakta förbundets kansli eller systemadministratören, så att de kan byta ditt lösenord.

        Det här meddelandet skickas automatiskt och går inte att svara på.
        """;

    [LoggerMessage(Level = LogLevel.Information, Message = "Could not e-mail user {UserId} that the account is locked: no SMTP host is configured (Smtp:Host)")]
    private static partial void LogNoSmtp(ILogger logger, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not e-mail user {UserId} that the account is locked ({Failure})")]
    private static partial void LogNotSent(ILogger logger, string userId, string failure);
}
