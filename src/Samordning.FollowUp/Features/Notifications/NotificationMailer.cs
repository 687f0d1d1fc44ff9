using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Samordning.FollowUp.Data;

namespace Samordning.FollowUp.Features.Notifications;

/// <summary>
/// E-mails stored notifications that have not been sent: a provider's to its contact address,
/// the office's to the association's. Mail that fails stays pending and goes on the next run.
/// </summary>
internal sealed partial class NotificationMailer(FollowUpDbContext db, EmailSender email, ILogger<NotificationMailer> logger)
{
    private const int MaxPerRun = 200;

    public async Task<int> SendPendingAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (!email.IsConfigured)
        {
            return 0;
        }

        var toProviders = db.Notifications.Where(n => n.EmailSentAtUtc == null && n.ProviderId != null)
            .Join(db.Providers.Where(p => p.ContactEmail != null), n => n.ProviderId, p => p.Id,
                (n, p) => new { Notification = n, Address = p.ContactEmail });
        var toOffices = db.Notifications.Where(n => n.EmailSentAtUtc == null && n.ProviderId == null)
            .Join(db.Associations.Where(a => a.ContactEmail != null), n => n.AssociationId, a => a.Id,
                (n, a) => new { Notification = n, Address = a.ContactEmail });
        var pending = (await toProviders.OrderBy(x => x.Notification.Id).Take(MaxPerRun).ToListAsync(cancellationToken))
            .Concat(await toOffices.OrderBy(x => x.Notification.Id).Take(MaxPerRun).ToListAsync(cancellationToken));

        var sent = 0;
        foreach (var item in pending)
        {
            try
            {
                await email.SendAsync(item.Address!, item.Notification.Subject, item.Notification.Body, cancellationToken);
                item.Notification.EmailSentAtUtc = nowUtc;
                await db.SaveChangesAsync(cancellationToken);
                sent++;
            }
            catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException
                or System.Net.Sockets.SocketException or IOException)
            {
                LogNotSent(logger, e, item.Notification.Id);
            }
        }

        return sent;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not e-mail notification {NotificationId}; it is retried on the next run")]
    private static partial void LogNotSent(ILogger logger, Exception exception, long notificationId);
}
